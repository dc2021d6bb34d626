/**
 * The public HTTP API: the widget's chat endpoints, Slack's event endpoint, and the documents and
 * reports endpoints (adapters/documents/http.ts), which are never anonymous: every documents route
 * has the JWT authorizer, and the function still checks the caller's role per prefix.
 *
 * Anonymous chat is part of the product (stock levels, general eligibility, help), and an API
 * Gateway JWT authorizer rejects any request without a valid token. So there are two chat routes
 * to the same function:
 *   - `POST /api/chat` with the Cognito JWT authorizer: a forged, expired or foreign-client token
 *     is refused at the edge and never costs a Lambda invocation; the widget uses it when signed in.
 *   - `POST /api/chat/anonymous` without one: the widget uses it when signed out; the function
 *     still verifies any bearer token itself (the same verifier as the embedded default), so a token
 *     sent here cannot be trusted unverified either.
 * `OPTIONS` routes carry no authorizer because browsers never send credentials on a preflight; the
 * function answers CORS itself (adapters/web/lambda.ts keeps the origin allow-list), so the API has
 * no CORS configuration of its own.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export const CHAT_PATH = '/api/chat';
export const ANONYMOUS_CHAT_PATH = '/api/chat/anonymous';
export const SLACK_EVENTS_PATH = '/slack/events';

/**
 * Per-route throttles under the stage's default (50 rps, burst 100): no one door can spend the whole
 * stage. Anonymous chat is the cheapest to abuse; Slack sends at most a few requests per user action;
 * documents are heavy (see functions.ts). API Gateway answers 429 beyond them, before any Lambda runs.
 */
export const ROUTE_THROTTLES: Record<string, { rateLimit: number; burstLimit: number }> = {
  [`POST ${CHAT_PATH}`]: { rateLimit: 25, burstLimit: 50 },
  [`POST ${ANONYMOUS_CHAT_PATH}`]: { rateLimit: 10, burstLimit: 20 },
  [`POST ${SLACK_EVENTS_PATH}`]: { rateLimit: 10, burstLimit: 20 },
  'POST /api/documents': { rateLimit: 5, burstLimit: 10 },
  'GET /api/documents': { rateLimit: 5, burstLimit: 10 },
  'GET /api/documents/link': { rateLimit: 5, burstLimit: 10 },
  'GET /api/reports/stock/latest': { rateLimit: 5, burstLimit: 10 },
  'POST /api/reports/stock': { rateLimit: 2, burstLimit: 4 },
  'POST /api/audit-exports': { rateLimit: 2, burstLimit: 4 },
  'GET /api/stock': { rateLimit: 5, burstLimit: 10 },
  'GET /api/units/{din}': { rateLimit: 10, burstLimit: 20 },
  // A lab sends a few batches a day; each row is a transaction.
  'POST /api/lab-results': { rateLimit: 1, burstLimit: 2 },
};

/** The web function's stock and unit routes (adapters/web/units.ts), behind the authorizer. */
export const UNITS_ROUTES = [
  ['GET', '/api/stock'],
  ['GET', '/api/units/{din}'],
] as const;

/**
 * The lab results function's route: the lab system presents its service credential (x-lab-key), not
 * a Cognito token, so no JWT authorizer; the function checks the credential in constant time, or a
 * staff ID token with the same verifier as the other doors.
 */
export const LAB_RESULTS_ROUTE = ['POST', '/api/lab-results'] as const;

/** The documents function's routes (adapters/documents/http.ts `routes`), all behind the authorizer. */
export const DOCUMENTS_ROUTES = [
  ['POST', '/api/documents'],
  ['GET', '/api/documents'],
  ['GET', '/api/documents/link'],
  ['GET', '/api/reports/stock/latest'],
  ['POST', '/api/audit-exports'],
] as const;

/**
 * The report function's route (http.ts `createReportApi`), behind the authorizer: making a report
 * renders the chart, and only that function carries the renderer.
 */
export const REPORT_ROUTES = [['POST', '/api/reports/stock']] as const;

export interface ApiProps {
  web: lambda.IFunction;
  slack: lambda.IFunction;
  documents: lambda.IFunction;
  report: lambda.IFunction;
  labResults: lambda.IFunction;
  userPool: cognito.IUserPool;
  widgetClient: cognito.IUserPoolClient;
  accessLogs: logs.ILogGroup;
}

export class Api extends Construct {
  readonly httpApi: apigwv2.HttpApi;
  readonly stage: apigwv2.HttpStage;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.httpApi = new apigwv2.HttpApi(this, 'HttpApi', {
      description: 'Blood bank assistant: web chat, Slack events, documents and reports',
      createDefaultStage: false,
    });
    this.stage = new apigwv2.HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      // Caps what one abusive client can cost (each turn is a Lex request and DynamoDB writes);
      // the web function adds a per-principal limit behind it.
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: { destination: new apigwv2.LogGroupLogDestination(props.accessLogs) },
    });
    // HttpStage has no per-route throttle property; the CloudFormation one is RouteSettings, a JSON
    // property, so its keys are written as CloudFormation spells them.
    (this.stage.node.defaultChild as apigwv2.CfnStage).routeSettings = Object.fromEntries(
      Object.entries(ROUTE_THROTTLES).map(([routeKey, t]) => [
        routeKey,
        { ThrottlingRateLimit: t.rateLimit, ThrottlingBurstLimit: t.burstLimit },
      ]),
    );

    const web = new HttpLambdaIntegration('WebIntegration', props.web, {
      payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0,
      timeout: Duration.seconds(15),
    });
    const slack = new HttpLambdaIntegration('SlackIntegration', props.slack, {
      payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0,
      // Slack retries after 3 s; Bolt acknowledges first and does the work after.
      timeout: Duration.seconds(10),
    });
    const documents = new HttpLambdaIntegration('DocumentsIntegration', props.documents, {
      payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0,
      // HTTP API's maximum (as CDK allows it); the function's own timeout is shorter (functions.ts).
      timeout: Duration.seconds(29),
    });
    const report = new HttpLambdaIntegration('ReportIntegration', props.report, {
      payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0,
      timeout: Duration.seconds(29),
    });
    const labResults = new HttpLambdaIntegration('LabResultsIntegration', props.labResults, {
      payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0,
      timeout: Duration.seconds(29),
    });
    const authorizer = new HttpUserPoolAuthorizer('WidgetAuthorizer', props.userPool, {
      userPoolClients: [props.widgetClient],
      identitySource: ['$request.header.Authorization'],
    });

    const route = (path: string, method: apigwv2.HttpMethod, integration: HttpLambdaIntegration) => {
      const [made] = this.httpApi.addRoutes({ path, methods: [method], integration });
      if (!made) throw new Error(`route ${method} ${path} was not created`);
      return made;
    };
    this.httpApi.addRoutes({
      path: CHAT_PATH,
      methods: [apigwv2.HttpMethod.POST],
      integration: web,
      authorizer,
    });

    for (const [routes, integration] of [
      [DOCUMENTS_ROUTES, documents],
      [REPORT_ROUTES, report],
      [UNITS_ROUTES, web],
    ] as const) {
      for (const [method, path] of routes) {
        this.httpApi.addRoutes({ path, methods: [apigwv2.HttpMethod[method]], integration, authorizer });
      }
    }

    const anonymous = route(ANONYMOUS_CHAT_PATH, apigwv2.HttpMethod.POST, web);
    Validations.of(anonymous).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Anonymous chat is a product requirement (README: anyone may check stock levels and get help). ' +
        'The function treats the caller as anonymous unless it verifies a token itself, and rate-limits by IP.',
    });
    for (const path of [CHAT_PATH, ANONYMOUS_CHAT_PATH]) {
      Validations.of(route(path, apigwv2.HttpMethod.OPTIONS, web)).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'CORS preflight: browsers send no credentials on OPTIONS; the function answers from its origin allow-list.',
      });
    }
    Validations.of(route(LAB_RESULTS_ROUTE[1], apigwv2.HttpMethod.POST, labResults)).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'The lab system cannot present a Cognito token; it sends its service credential (Secrets Manager), ' +
        'which the function compares in constant time, and a staff caller is verified against Cognito there.',
    });
    Validations.of(route(SLACK_EVENTS_PATH, apigwv2.HttpMethod.POST, slack)).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Slack cannot present a Cognito token; every request is signed with the Slack signing secret and ' +
        'Bolt rejects a bad signature or a timestamp older than five minutes before any work.',
    });
  }

  /** The API's base URL (no trailing slash). */
  get url(): string {
    return this.httpApi.apiEndpoint;
  }
}
