/**
 * The life of a unit in the templates (issue 14): the stock and unit routes behind the Cognito JWT
 * authorizer on the web function, the lab's route on a function of its own that alone reads the
 * lab's credential, per-route throttles, and the morning expiring-units schedule on the alerts
 * function.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_NAMES } from '../../infra/lib/stateful/logs.js';
import {
  actionsOf,
  logicalIdOf,
  type Resources,
  refersTo,
  resourcesOf,
  type Synthesized,
  statementsOfRole,
  synthesize,
} from './synth.js';

let s: Synthesized;
beforeAll(() => {
  s = synthesize();
}, 120_000);

function route(routeKey: string): Record<string, unknown> {
  const found = Object.values(s.stateless.findResources('AWS::ApiGatewayV2::Route') as Resources).filter(
    (r) => r.Properties.RouteKey === routeKey,
  );
  expect(found).toHaveLength(1);
  return found[0]!.Properties;
}

/** The function an HTTP route's integration invokes. */
function integrationTarget(props: Record<string, unknown>): string {
  const target = JSON.stringify(props.Target);
  const id = /"Ref":"([^"]+)"/.exec(target)?.[1];
  const integration = s.stateless.toJSON().Resources[id!];
  return JSON.stringify(integration.Properties.IntegrationUri);
}

describe('unit and stock routes', () => {
  it.each(['GET /api/stock', 'GET /api/units/{din}'])(
    '%s has the Cognito JWT authorizer and runs on the web function',
    (routeKey) => {
      // Act
      const props = route(routeKey);
      // Assess
      expect(props.AuthorizationType).toBe('JWT');
      expect(JSON.stringify(props.AuthorizerId)).toContain(
        Object.keys(s.stateless.findResources('AWS::ApiGatewayV2::Authorizer'))[0],
      );
      expect(integrationTarget(props)).toContain(logicalIdOf(s.service.functions.web));
    },
  );

  it('POST /api/lab-results carries the lab credential instead, and runs on the lab results function', () => {
    // Act
    const props = route('POST /api/lab-results');
    // Assess
    expect(props.AuthorizationType).toBe('NONE');
    expect(integrationTarget(props)).toContain(logicalIdOf(s.service.functions.labResults));
  });

  it.each([
    ['GET /api/stock', 5, 10],
    ['GET /api/units/{din}', 10, 20],
    ['POST /api/lab-results', 1, 2],
  ])('%s is throttled at %i rps, burst %i', (routeKey, rate, burst) => {
    s.stateless.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      RouteSettings: { [routeKey]: { ThrottlingRateLimit: rate, ThrottlingBurstLimit: burst } },
    });
  });
});

describe('the lab credential', () => {
  it('is a generated, retained secret under the data key', () => {
    // Prepare
    const id = logicalIdOf(s.data.secrets.labServiceCredential);
    // Act
    const secret = s.stateful.toJSON().Resources[id];
    // Assess
    expect(secret.Type).toBe('AWS::SecretsManager::Secret');
    expect(secret.DeletionPolicy).toBe('Retain');
    expect(secret.Properties.GenerateSecretString.PasswordLength).toBe(64);
    expect(refersTo(secret.Properties.KmsKeyId, logicalIdOf(s.data.keys.data))).toBe(true);
  });

  it('is readable by the lab results function and by no other', () => {
    // Prepare
    const id = logicalIdOf(s.data.secrets.labServiceCredential);
    // Act
    const readers = FUNCTION_NAMES.filter((name) =>
      statementsOfRole(s.stateless, logicalIdOf(s.service.functions[name].role!)).some(
        (st) =>
          actionsOf(st).includes('secretsmanager:GetSecretValue') &&
          resourcesOf(st).some((r) => refersTo(r, id)),
      ),
    );
    // Assess
    expect(readers).toEqual(['labResults']);
    const fn = s.stateless.toJSON().Resources[logicalIdOf(s.service.functions.labResults)];
    expect(Object.keys(fn.Properties.Environment.Variables)).toContain('LAB_SERVICE_CREDENTIAL_SECRET_ARN');
    expect(JSON.stringify(fn.Properties.Environment.Variables)).not.toContain('LAB_SERVICE_CREDENTIAL"');
  });

  it('is never in the web function, which serves the read-only unit routes', () => {
    const web = s.stateless.toJSON().Resources[logicalIdOf(s.service.functions.web)];
    expect(Object.keys(web.Properties.Environment.Variables)).not.toContain(
      'LAB_SERVICE_CREDENTIAL_SECRET_ARN',
    );
  });
});

describe('unit schedules', () => {
  it('sends the expiring-units list at 07:00 in the service zone, through the alerts function', () => {
    // Act
    const found = Object.values(s.stateless.findResources('AWS::Scheduler::Schedule') as Resources)
      .map((r) => r.Properties)
      .filter((p) => JSON.parse((p.Target as { Input: string }).Input).task === 'expiringSoon');
    // Assess
    expect(found).toHaveLength(1);
    const schedule = found[0]!;
    expect(schedule.ScheduleExpression).toBe('cron(0 7 * * ? *)');
    expect(schedule.ScheduleExpressionTimezone).toBeDefined();
    const target = schedule.Target as { Arn: unknown; Input: string };
    expect(JSON.stringify(target.Arn)).toContain(logicalIdOf(s.service.functions.alerts));
    expect(JSON.parse(target.Input)).toEqual({ source: 'bloodbank.scheduler', task: 'expiringSoon' });
  });

  it('lets the lab results function announce stock changes on the default bus, as fulfillment does', () => {
    const st = statementsOfRole(s.stateless, logicalIdOf(s.service.functions.labResults.role!));
    expect(st.some((x) => actionsOf(x).includes('events:PutEvents'))).toBe(true);
  });
});
