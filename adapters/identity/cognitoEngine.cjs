/**
 * cognito-local, started the way the embedded default needs it (adapters/identity/localCognito.ts
 * spawns this file with node). Its settings arrive as one JSON line on stdin, never in argv or the
 * environment, which other local processes can read:
 *   {"port", "issuerDomain", "keyFile", "adminSecret", "publicActions"}
 *
 * - Signing: cognito-local signs with a private key published inside its npm package, so anyone
 *   could mint an admin token. Before the server is built, the key modules it loads are given this
 *   data directory's own key pair (keyFile, mode 0600); its JWKS then serves the matching public key.
 * - Issuer: `issuerDomain/<pool id>`, fixed, not the port, so a restart keeps sessions valid.
 * - Admin API: only `publicActions` (what an app client may call) pass without the server's secret
 *   (header x-bloodbank-engine-secret); everything else is refused with NotAuthorizedException.
 * - Watchdog: when stdin closes (the server ended, even by kill -9) this process exits.
 */
const { readFileSync } = require('node:fs');
const { createServer } = require('node:http');
const { timingSafeEqual } = require('node:crypto');

const SECRET_HEADER = 'x-bloodbank-engine-secret';
const PREFIX = 'AWSCognitoIdentityProviderService.';

function readSettings() {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const onData = (chunk) => {
      buffer += chunk.toString('utf8');
      const newline = buffer.indexOf('\n');
      if (newline < 0) return;
      process.stdin.off('data', onData);
      try {
        resolve(JSON.parse(buffer.slice(0, newline)));
      } catch (error) {
        reject(error);
      }
    };
    process.stdin.on('data', onData);
    process.stdin.once('end', () => reject(new Error('stdin closed before the settings arrived')));
  });
}

function sameSecret(given, expected) {
  const a = Buffer.from(String(given ?? ''));
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function main() {
  const settings = await readSettings();
  // The server went away: so does the engine.
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();

  const key = JSON.parse(readFileSync(settings.keyFile, 'utf8'));
  const privateKey = require('cognito-local/lib/keys/cognitoLocal.private.json');
  const publicKey = require('cognito-local/lib/keys/cognitoLocal.public.json');
  privateKey.pem = key.privatePem;
  publicKey.pem = key.publicPem;
  publicKey.jwk = key.publicJwk;
  const { DefaultConfig } = require('cognito-local/lib/server/config.js');
  DefaultConfig.TokenConfig.IssuerDomain = settings.issuerDomain;

  const { dirname } = require('node:path');
  const pino = require(
    require.resolve('pino', { paths: [dirname(require.resolve('cognito-local/package.json'))] }),
  );
  const logger = pino({ level: 'error' });
  const { createDefaultServer } = require('cognito-local/lib/server/defaults.js');
  const cognito = await createDefaultServer(logger);
  const publicActions = new Set(settings.publicActions);

  const server = createServer((req, res) => {
    const target = String(req.headers['x-amz-target'] ?? '');
    const action = target.startsWith(PREFIX) ? target.slice(PREFIX.length) : target;
    const admin = req.method === 'POST' && req.url === '/' && !publicActions.has(action);
    if (admin && !sameSecret(req.headers[SECRET_HEADER], settings.adminSecret)) {
      res.writeHead(403, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(
        JSON.stringify({ __type: 'NotAuthorizedException', message: 'Only the server may call this.' }),
      );
      return;
    }
    cognito.application(req, res);
  });
  server.listen(settings.port, '127.0.0.1');
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
