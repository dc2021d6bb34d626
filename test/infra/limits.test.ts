/**
 * Limits that protect (issue 12, "What to build" 8): reserved concurrency for the functions whose
 * bursts could starve the others or the table, and API Gateway throttles per route under the stage
 * default, asserted on the synthesized template (cdk-nag runs in the same synthesis: test/infra/nag).
 */
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_THROTTLES } from '../../infra/lib/stateless/api.js';
import { FUNCTION_SPECS } from '../../infra/lib/stateless/functions.js';
import { type Resources, type Synthesized, synthesize } from './synth.js';

let s: Synthesized;
beforeAll(() => {
  s = synthesize();
}, 600_000);

/** Lambda keeps 100 of the default 1,000 per Region unreserved; ours must leave room for the rest. */
const ACCOUNT_DEFAULT = 1000;
const ALWAYS_UNRESERVED = 100;

describe('reserved concurrency', () => {
  it.each([
    [FUNCTION_SPECS.slack.description, 20],
    [FUNCTION_SPECS.alerts.description, 5],
    [FUNCTION_SPECS.documents.description, 10],
  ])('%s → %i', (description, reserved) => {
    s.stateless.hasResourceProperties('AWS::Lambda::Function', {
      Description: description,
      ReservedConcurrentExecutions: reserved,
    });
  });

  it('the chat, fulfillment and SMS functions draw on the unreserved pool (no cap on donors)', () => {
    for (const description of [FUNCTION_SPECS.web.description, FUNCTION_SPECS.fulfillment.description]) {
      s.stateless.hasResourceProperties('AWS::Lambda::Function', {
        Description: description,
        ReservedConcurrentExecutions: Match.absent(),
      });
    }
  });

  it('the reservations together are modest: far under what the account leaves reservable', () => {
    const functions = Object.values(s.stateless.findResources('AWS::Lambda::Function') as Resources);
    const reserved = functions.reduce(
      (sum, f) => sum + Number(f.Properties.ReservedConcurrentExecutions ?? 0),
      0,
    );
    expect(reserved).toBe(35);
    expect(reserved).toBeLessThan((ACCOUNT_DEFAULT - ALWAYS_UNRESERVED) / 10);
  });
});

describe('API Gateway throttles per route', () => {
  it('every route key throttled is a route of the API', () => {
    const routes = Object.values(s.stateless.findResources('AWS::ApiGatewayV2::Route') as Resources).map(
      (r) => r.Properties.RouteKey,
    );
    expect(routes).toEqual(expect.arrayContaining(Object.keys(ROUTE_THROTTLES)));
  });

  it.each([
    ['POST /api/chat', 25, 50],
    ['POST /api/chat/anonymous', 10, 20],
    ['POST /slack/events', 10, 20],
    ['POST /api/documents', 5, 10],
    ['POST /api/audit-exports', 2, 4],
  ])('%s → %i rps, burst %i, under the stage default', (routeKey, rate, burst) => {
    s.stateless.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      RouteSettings: { [routeKey]: { ThrottlingRateLimit: rate, ThrottlingBurstLimit: burst } },
    });
  });
});
