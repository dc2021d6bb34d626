/**
 * The stateless stack's behaviour-bearing facts: the Lex bot is bots/ exactly, its alias logs
 * conversations encrypted, the chat route has the JWT authorizer, functions are what the README
 * says, schedules target alerts, the widget is private behind CloudFront, and the alarms exist.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDocumentsApi, createReportApi, type DocumentsApiDeps } from '../../adapters/documents/http.js';
import { loadBot } from '../../bots/definition/index.js';
import { FUNCTION_NAMES } from '../../infra/lib/stateful/logs.js';
import { DOCUMENTS_ROUTES, REPORT_ROUTES } from '../../infra/lib/stateless/api.js';
import { FUNCTION_SPECS } from '../../infra/lib/stateless/functions.js';
import { logicalIdOf, type Resources, type Synthesized, synthesize } from './synth.js';

let s: Synthesized;
beforeAll(() => {
  s = synthesize();
}, 120_000);

const only = (type: string) => {
  const found = Object.values(s.stateless.findResources(type) as Resources);
  expect(found).toHaveLength(1);
  return found[0]!.Properties;
};

describe('Lex V2 bot', () => {
  it('deploys exactly the intents and slots of bots/', () => {
    // Prepare
    const expected = Object.fromEntries(
      loadBot().intents.map((intent) => [
        intent.name,
        intent.slots.map((slot) => `${slot.name}:${slot.slotType}`).sort(),
      ]),
    );
    // Act
    const [locale] = only('AWS::Lex::Bot').BotLocales as {
      LocaleId: string;
      Intents: { Name: string; Slots?: { Name: string; SlotTypeName: string }[] }[];
      SlotTypes: { Name: string }[];
    }[];
    const deployed = Object.fromEntries(
      locale!.Intents.map((intent) => [
        intent.Name,
        (intent.Slots ?? []).map((slot) => `${slot.Name}:${slot.SlotTypeName}`).sort(),
      ]),
    );
    // Assess
    expect(locale!.LocaleId).toBe(loadBot().localeId);
    expect(deployed).toEqual(expected);
    expect(locale!.SlotTypes.map((t) => t.Name).sort()).toEqual(
      loadBot()
        .slotTypes.map((t) => t.name)
        .sort(),
    );
  });

  it('turns on the code hooks, since the alias has a fulfillment Lambda', () => {
    // Act
    const [locale] = only('AWS::Lex::Bot').BotLocales as {
      Intents: { Name: string; FulfillmentCodeHook?: { Enabled: boolean } }[];
    }[];
    const hooked = locale!.Intents.filter((i) => i.FulfillmentCodeHook?.Enabled).map((i) => i.Name);
    // Assess
    expect(hooked.length).toBeGreaterThan(0);
  });

  it('has a live alias on a version cut from DRAFT, with the fulfillment code hook', () => {
    // Assess
    s.stateless.hasResourceProperties('AWS::Lex::BotVersion', {
      BotVersionLocaleSpecification: [
        { LocaleId: 'en_US', BotVersionLocaleDetails: { SourceBotVersion: 'DRAFT' } },
      ],
    });
    s.stateless.hasResourceProperties('AWS::Lex::BotAlias', {
      BotAliasName: 'live',
      BotVersion: { 'Fn::GetAtt': [Match.stringLikeRegexp('^BotVersion'), 'BotVersion'] },
      BotAliasLocaleSettings: [
        {
          LocaleId: 'en_US',
          BotAliasLocaleSetting: {
            Enabled: true,
            CodeHookSpecification: {
              LambdaCodeHook: {
                CodeHookInterfaceVersion: '1.0',
                LambdaArn: { 'Fn::GetAtt': [logicalIdOf(s.service.functions.fulfillment), 'Arn'] },
              },
            },
          },
        },
      ],
    });
  });

  it('sends the alias’s text conversation logs to a KMS-encrypted log group with retention', () => {
    // Prepare
    const group = logicalIdOf(s.service.bot.conversationLogs);
    // Assess
    s.stateless.hasResourceProperties('AWS::Lex::BotAlias', {
      ConversationLogSettings: {
        TextLogSettings: [
          {
            Enabled: true,
            Destination: {
              CloudWatch: { CloudWatchLogGroupArn: { 'Fn::GetAtt': [group, 'Arn'] }, LogPrefix: 'live/' },
            },
          },
        ],
      },
    });
    const logGroup = s.stateless.toJSON().Resources[group];
    expect(logGroup.Properties.RetentionInDays).toBe(365);
    expect(JSON.stringify(logGroup.Properties.KmsKeyId)).toContain(logicalIdOf(s.data.keys.logs));
    expect(logGroup.Properties.DataProtectionPolicy).toBeDefined();
    expect(logGroup.DeletionPolicy).toBe('Retain');
  });
});

describe('HTTP API', () => {
  const routes = () =>
    Object.fromEntries(
      Object.values(s.stateless.findResources('AWS::ApiGatewayV2::Route') as Resources).map((r) => [
        r.Properties.RouteKey as string,
        r.Properties,
      ]),
    );

  it('protects POST /api/chat with a Cognito JWT authorizer for the widget client', () => {
    // Prepare
    const pool = logicalIdOf(s.data.identity.userPool);
    const client = logicalIdOf(s.data.identity.widgetClient);
    // Act
    const chat = routes()['POST /api/chat'];
    const authorizer = only('AWS::ApiGatewayV2::Authorizer');
    // Assess
    expect(chat?.AuthorizationType).toBe('JWT');
    expect(JSON.stringify(chat?.AuthorizerId)).toContain(
      Object.keys(s.stateless.findResources('AWS::ApiGatewayV2::Authorizer'))[0],
    );
    expect(authorizer.AuthorizerType).toBe('JWT');
    expect(authorizer.IdentitySource).toEqual(['$request.header.Authorization']);
    const jwt = JSON.stringify(authorizer.JwtConfiguration);
    expect(jwt).toContain(pool);
    expect(jwt).toContain(client);
  });

  it.each([
    ['documents', DOCUMENTS_ROUTES, () => createDocumentsApi({} as DocumentsApiDeps).routes],
    [
      'documentsReport',
      REPORT_ROUTES,
      () => createReportApi({} as DocumentsApiDeps & Parameters<typeof createReportApi>[0]).routes,
    ],
  ] as const)(
    'routes every path the %s handler serves, and only those, to that function',
    (name, list, table) => {
      // Prepare: the handler's own route table (its deps are only used when a route runs).
      const served = Object.keys(table()).sort();
      const fn = logicalIdOf(s.service.functions[name]);
      const integrations = s.stateless.findResources('AWS::ApiGatewayV2::Integration') as Resources;
      // Act
      const deployed = list.map(([method, path]) => `${method} ${path}`).sort();
      // Assess
      expect(deployed).toEqual(served);
      for (const key of deployed) {
        const target = JSON.stringify(routes()[key]?.Target);
        const [integrationId] = Object.keys(integrations).filter((id) => target.includes(id));
        expect(JSON.stringify(integrations[integrationId!]?.Properties.IntegrationUri)).toContain(fn);
      }
    },
  );

  it('protects every documents route with the same Cognito JWT authorizer as chat', () => {
    // Prepare
    const [authorizerId] = Object.keys(s.stateless.findResources('AWS::ApiGatewayV2::Authorizer'));
    // Act
    const documents = [...DOCUMENTS_ROUTES, ...REPORT_ROUTES].map(
      ([method, path]) => routes()[`${method} ${path}`],
    );
    // Assess
    expect(documents).toHaveLength(6);
    for (const route of documents) {
      expect(route?.AuthorizationType).toBe('JWT');
      expect(JSON.stringify(route?.AuthorizerId)).toContain(authorizerId);
    }
  });

  it('has exactly these routes, the open ones being anonymous chat, preflights, Slack and the lab', () => {
    // Act
    const open = Object.entries(routes())
      .filter(([, r]) => r.AuthorizationType === 'NONE')
      .map(([key]) => key);
    // Assess
    expect(Object.keys(routes()).sort()).toEqual(
      [
        'OPTIONS /api/chat',
        'OPTIONS /api/chat/anonymous',
        'POST /api/chat',
        'POST /api/chat/anonymous',
        'POST /slack/events',
        'POST /api/documents',
        'GET /api/documents',
        'GET /api/documents/link',
        'GET /api/reports/stock/latest',
        'POST /api/reports/stock',
        'POST /api/audit-exports',
        'GET /api/stock',
        'GET /api/units/{din}',
        'POST /api/lab-results',
      ].sort(),
    );
    expect(open.sort()).toEqual([
      'OPTIONS /api/chat',
      'OPTIONS /api/chat/anonymous',
      'POST /api/chat/anonymous',
      'POST /api/lab-results',
      'POST /slack/events',
    ]);
  });

  it('throttles and access-logs the default stage', () => {
    // Assess
    s.stateless.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.anyValue() },
    });
  });
});

describe('functions', () => {
  it.each(FUNCTION_NAMES)('%s: Node 22 on arm64, own log group, Powertools logging', (name) => {
    // Act
    const fn = s.stateless.toJSON().Resources[logicalIdOf(s.service.functions[name])].Properties;
    // Assess
    expect(fn.Runtime).toBe('nodejs22.x');
    expect(fn.Architectures).toEqual(['arm64']);
    expect(fn.Handler).toBe(`index.${FUNCTION_SPECS[name].handler ?? 'handler'}`);
    expect(JSON.stringify(fn.LoggingConfig)).toContain(logicalIdOf(s.data.logs.functions[name]));
    expect(fn.Environment.Variables).toMatchObject({ POWERTOOLS_SERVICE_NAME: name, LOG_LEVEL: 'INFO' });
  });

  it('subscribes the SMS function to the inbound-SMS topic and Slack to its work topic', () => {
    // Assess
    for (const [fn, topic] of [
      [s.service.functions.sms, s.data.topics.inboundSms],
      [s.service.functions.slack, s.data.topics.slackWork],
    ] as const) {
      const subscription = Object.values(
        s.stateless.findResources('AWS::SNS::Subscription') as Resources,
      ).find((sub) => JSON.stringify(sub.Properties.Endpoint).includes(logicalIdOf(fn)));
      expect(subscription?.Properties.Protocol).toBe('lambda');
      expect(JSON.stringify(subscription?.Properties.TopicArn)).toContain(logicalIdOf(topic));
    }
  });

  it('the report function has its own entry, so the documents API bundle carries no chart renderer', () => {
    // Act
    const fn = s.stateless.toJSON().Resources[logicalIdOf(s.service.functions.documentsReport)].Properties;
    // Assess
    expect(fn.Handler).toBe('index.handler');
    expect(FUNCTION_SPECS.documentsReport.entry).toBe('adapters/documents/reportLambda.ts');
    expect(FUNCTION_SPECS.documents.entry).toBe('adapters/documents/lambda.ts');
  });

  it('runs the expiry sweep nightly, the expiring-units list at 07:00 and stock checks every 15 minutes', () => {
    // Act
    const schedules = Object.values(s.stateless.findResources('AWS::Scheduler::Schedule') as Resources)
      .map((r) => r.Properties)
      .filter((p) => JSON.parse((p.Target as { Input: string }).Input).task !== 'stockReport');
    // Assess
    expect(schedules.map((p) => p.ScheduleExpression).sort()).toEqual([
      'cron(0 7 * * ? *)',
      'cron(15 0 * * ? *)',
      'rate(15 minutes)',
    ]);
    for (const p of schedules) {
      const target = p.Target as { Arn: unknown; Input: string };
      expect(JSON.stringify(target.Arn)).toContain(logicalIdOf(s.service.functions.alerts));
      expect(JSON.parse(target.Input)).toMatchObject({ source: 'bloodbank.scheduler' });
    }
  });

  it('makes the stock report daily at 06:00 in the service time zone, invoking the report function', () => {
    // Act
    const reports = Object.values(s.stateless.findResources('AWS::Scheduler::Schedule') as Resources)
      .map((r) => r.Properties)
      .filter((p) => JSON.parse((p.Target as { Input: string }).Input).task === 'stockReport');
    // Assess
    expect(reports).toHaveLength(1);
    const report = reports[0]!;
    const target = report.Target as { Arn: unknown; Input: string; RoleArn: unknown };
    expect(report.ScheduleExpression).toBe('cron(0 6 * * ? *)');
    expect(report.ScheduleExpressionTimezone).toBe('UTC'); // cdk.json's timeZone
    expect(JSON.stringify(target.Arn)).toContain(logicalIdOf(s.service.functions.documentsReport));
    expect(JSON.parse(target.Input)).toEqual({ source: 'bloodbank.scheduler', task: 'stockReport' });
  });
});

describe('widget hosting', () => {
  it('serves a private bucket through CloudFront with OAC, HTTPS and security headers', () => {
    // Assess
    s.stateless.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    s.stateless.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({
          ViewerProtocolPolicy: 'redirect-to-https',
          ResponseHeadersPolicyId: Match.anyValue(),
        }),
        Logging: Match.objectLike({ Bucket: Match.anyValue() }),
      }),
    });
    s.stateless.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          StrictTransportSecurity: Match.objectLike({ IncludeSubdomains: true, Override: true }),
          ContentTypeOptions: { Override: true },
          ContentSecurityPolicy: Match.objectLike({ Override: true }),
        }),
      }),
    });
    const widget = s.stateless.toJSON().Resources[logicalIdOf(s.service.hosting.bucket)].Properties;
    expect(widget.PublicAccessBlockConfiguration.BlockPublicPolicy).toBe(true);
  });
});

describe('alarms', () => {
  const metrics = () =>
    Object.values(s.stateless.findResources('AWS::CloudWatch::Alarm') as Resources).map((a) => ({
      name: a.Properties.MetricName as string | undefined,
      namespace: a.Properties.Namespace as string | undefined,
      dimensions: JSON.stringify(a.Properties.Dimensions ?? a.Properties.Metrics),
      actions: JSON.stringify(a.Properties.AlarmActions),
    }));

  it('alarm on fulfillment and documents errors, every function’s throttles, table throttles, SMS failures and red stock', () => {
    // Act
    const all = metrics();
    const has = (name: string, namespace: string, dimension = '') =>
      all.some((m) => m.name === name && m.namespace === namespace && m.dimensions.includes(dimension));
    // Assess
    for (const name of ['fulfillment', 'documents', 'documentsReport'] as const)
      expect(has('Errors', 'AWS/Lambda', logicalIdOf(s.service.functions[name]))).toBe(true);
    for (const name of FUNCTION_NAMES)
      expect(has('Throttles', 'AWS/Lambda', logicalIdOf(s.service.functions[name]))).toBe(true);
    expect(
      all.some(
        (m) => m.dimensions.includes('ReadThrottleEvents') && m.dimensions.includes('WriteThrottleEvents'),
      ),
    ).toBe(true);
    expect(has('NumberOfNotificationsFailed', 'AWS/SNS', 'PhoneNumberDirect')).toBe(true);
    expect(has('StockLevelRed', 'BloodBank', '"service"')).toBe(true);
  });

  it('notifies the alarms topic from every alarm, and has a dashboard', () => {
    // Assess
    for (const m of metrics()) expect(m.actions).toContain(logicalIdOf(s.data.topics.alarms));
    s.stateless.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });
});
