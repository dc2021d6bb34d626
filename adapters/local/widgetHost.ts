/**
 * How the embedded default hosts the widget (used by app.ts), laid out like the hosting bucket on
 * AWS (`npm run build:widget`). The widget's source is browser code and is never imported here: it
 * is built from its files (widgetBuild.ts) and served as files.
 *   GET /                     the "City Blood Service" demo page, embedding the widget with its one
 *                             script tag, served with a strict CSP
 *   GET /demo.css             the demo site's own styles
 *   GET /widget.js            the loader, and widget-chat.js (+ source maps), built in memory on
 *                             first request, so `npm start` needs no separate build step
 *   GET /widget-config.json   the local Cognito's pool and app client for Amplify
 *   POST /api/dev/cognito     the local Cognito's client API, on this origin (cognitoProxy.ts)
 */
import { type HttpRequest, type HttpResponse, json } from '../shared/http.js';
import { createLocalCognitoProxy } from './cognitoProxy.js';
import { demoCss, demoPage, widgetFiles } from './widgetBuild.js';

/** The LocalServer surface this needs (kept narrow: mounting the widget needs only routes). */
interface Routes {
  route(method: string, path: string, handler: (request: HttpRequest) => Promise<HttpResponse>): unknown;
}

export interface WidgetHostOptions {
  /** The local Cognito, when running; without it the widget offers anonymous chat only. */
  cognito: { endpoint: string; userPoolId: string; clientId: string } | null;
}

const ASSETS = ['widget.js', 'widget.js.map', 'widget-chat.js', 'widget-chat.js.map'];
const COGNITO_PROXY_PATH = '/api/dev/cognito';
/** A Host header we are willing to write into the page: a name or address and a port. */
const HOST_HEADER = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-fA-F:]+\](:\d{1,5})?$/;

/**
 * The demo page's policy: scripts only from this origin (the widget never evaluates anything), no
 * inline script or style, and network access only to this origin (the API and the Cognito proxy).
 * A real site adds its API's and Cognito's origins to connect-src.
 */
export const DEMO_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

export function mountWidget(server: Routes, options: WidgetHostOptions): void {
  // Start the build now so the first visitor does not wait; a failure shows on the first request.
  widgetFiles().catch(() => undefined);
  server.route('GET', '/', async (request) => {
    const host = request.headers.host ?? '';
    // The API is this server; on a real site data-api is the API's fixed https address.
    const api = HOST_HEADER.test(host) ? `http://${host}` : '/';
    return {
      status: 200,
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': DEMO_CSP,
        'cache-control': 'no-store',
        ...SECURITY_HEADERS,
      },
      body: await demoPage(api),
    };
  });

  server.route('GET', '/demo.css', async () => ({
    status: 200,
    headers: { 'content-type': 'text/css; charset=utf-8', ...SECURITY_HEADERS },
    body: await demoCss(),
  }));

  for (const name of ASSETS) {
    server.route('GET', `/${name}`, async () => {
      const file = (await widgetFiles()).files.get(name);
      if (!file) return json(404, { error: 'not_found' });
      return {
        status: 200,
        headers: {
          'content-type': name.endsWith('.map') ? 'application/json' : 'text/javascript; charset=utf-8',
          // Other sites embed the widget: the loader imports widget-chat.js as a module (a CORS fetch).
          'access-control-allow-origin': '*',
          'cache-control': 'no-cache',
          ...SECURITY_HEADERS,
        },
        body: Buffer.from(file).toString('utf8'),
      };
    });
  }

  const cognito = options.cognito;
  if (cognito) server.route('*', COGNITO_PROXY_PATH, createLocalCognitoProxy(cognito.endpoint));

  server.route('GET', '/widget-config.json', async () => {
    if (!cognito) return json(404, { error: 'not_found', message: 'No sign-in configured.' });
    return json(
      200,
      {
        userPoolId: cognito.userPoolId,
        userPoolClientId: cognito.clientId,
        // Relative to this file: the widget resolves it, so it works on whatever host and port.
        userPoolEndpoint: COGNITO_PROXY_PATH,
        // The local Cognito has no SRP; the deployed file says USER_SRP_AUTH.
        authFlow: 'USER_PASSWORD_AUTH',
        // One route answers signed-in and signed-out turns here.
        chatPath: '/api/chat',
        anonymousChatPath: '/api/chat',
      },
      { 'access-control-allow-origin': '*' },
    );
  });
}
