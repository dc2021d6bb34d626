/**
 * Local doors (issue 12, finding 7): inbound SMS takes application/json only (a cross-site form can
 * post text/plain without a preflight) and is rate-limited per originating number; the outbox, which
 * shows phone numbers and messages, needs a staff or admin token.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type EmbeddedApp, startEmbedded } from '../../../adapters/local/app.js';
import { IdentityError } from '../../../adapters/shared/http.js';
import { anonymous, type Principal } from '../../../fulfillment/auth/principal.js';
import { testConfig } from '../../support/channels.js';

const TOKENS: Record<string, Principal> = {
  'Bearer staff': { userId: 'staff-1', role: 'staff', channel: 'web' },
  'Bearer admin': { userId: 'admin-1', role: 'admin', channel: 'web' },
  'Bearer donor': { userId: 'donor-1', role: 'donor', channel: 'web', donorId: 'D1' },
};
let app: EmbeddedApp;
let seq = 0;

beforeAll(async () => {
  app = await startEmbedded(testConfig({ smsRateLimitPerMinute: 3 }), {
    dynamoEndpoint: inject('dynamoEndpoint'),
    quiet: true,
    identify: async (authorization) => {
      if (!authorization) return anonymous('web');
      const principal = TOKENS[authorization];
      if (!principal) throw new IdentityError('The sign-in token is not valid.');
      return principal;
    },
  });
}, 180_000);
afterAll(async () => {
  await app?.stop();
});

function sms(from: string, contentType = 'application/json') {
  return fetch(`${app.url}/api/sms/inbound`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: JSON.stringify({
      originationNumber: from,
      destinationNumber: '+18005550100',
      messageKeyword: 'KEYWORD_123456789012',
      messageBody: 'HELP',
      inboundMessageId: `door-${++seq}`,
    }),
  });
}

describe('inbound SMS', () => {
  it.each([
    'text/plain',
    'text/plain;charset=UTF-8',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/jsonp',
    '',
  ])('%j → 415, and nothing is handled', async (contentType) => {
    // Act
    const response = await sms('+12025550171', contentType);
    // Assess
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ error: 'unsupported_media_type' });
  });

  it('answers application/json (with or without a charset)', async () => {
    expect((await sms('+12025550172')).status).toBe(200);
    expect((await sms('+12025550172', 'application/json; charset=utf-8')).status).toBe(200);
  });

  it('limits each originating number, not everyone', async () => {
    // Prepare: the limit is 3 a minute.
    const statuses: number[] = [];
    // Act
    for (let i = 0; i < 4; i++) statuses.push((await sms('+12025550173')).status);
    const other = await sms('+12025550174');
    // Assess
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(other.status).toBe(200);
  });
});

describe('the outbox is for staff', () => {
  it.each([
    [undefined, 401],
    ['Bearer not-a-token', 401],
    ['Bearer donor', 403],
    ['Bearer staff', 200],
    ['Bearer admin', 200],
  ])('%s → %i', async (authorization, status) => {
    // Act
    const response = await fetch(`${app.url}/api/dev/outbox`, {
      headers: authorization ? { authorization } : {},
    });
    // Assess
    expect(response.status).toBe(status);
    const body = await response.json();
    if (status === 200) expect(Array.isArray(body)).toBe(true);
    else expect(JSON.stringify(body)).not.toContain('+1202');
  });
});
