/**
 * Issue 14 through POST /api/chat as staff, against the embedded default (real NLU, local Lex
 * dialog, fulfillment, DynamoDB Local): the 60+ safety sentences, every confirmation answered
 * "yes", never allocate a unit; then one conversation per unit intent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedApp } from '../../adapters/local/app.js';
import { DEMO_DONOR_PHONE } from '../../adapters/local/seed.js';
import { formatDin } from '../../fulfillment/domain/din.js';
import { conversation, startTestApp } from '../support/embedded.js';
import { UNIT_SAFETY_SENTENCES } from '../support/unitSentences.js';

let app: EmbeddedApp;
beforeAll(async () => {
  app = await startTestApp();
}, 120_000);
afterAll(async () => {
  await app.stop();
});

// The clock is fixed, so the chat's per-user rate limit never resets: every conversation is its own staff member.
let staffCount = 0;
const staff = () => `Bearer test:staff:staff-units-${++staffCount}`;
const TODAY = '2026-11-24';

/** What allocation leaves behind: issued units, issue records, request audit entries. */
async function allocations() {
  const issued = (await app.store.unitsByStatus('allocated')).map((u) => `${u.din}#${u.code}`).sort();
  const issues = (await app.store.issuesByHospital(TODAY, TODAY)).length;
  const requests = (await app.store.auditByDay(TODAY)).filter((e) => e.action === 'request.created').length;
  return { issued, issues, requests };
}

describe('the safety sentences never allocate a unit', () => {
  it(`${UNIT_SAFETY_SENTENCES.length} sentences, every confirmation answered yes`, async () => {
    // Prepare
    const before = await allocations();
    const intents: string[] = [];

    // Act
    for (const [text] of UNIT_SAFETY_SENTENCES) {
      const say = conversation(app, staff());
      let reply = await say(text);
      if (!reply.body.dialogAction)
        throw new Error(`${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`);
      intents.push(reply.body.intent?.name ?? 'none');
      for (let turn = 0; turn < 3 && reply.body.dialogAction.type === 'ConfirmIntent'; turn++) {
        reply = await say('yes');
        intents.push(reply.body.intent?.name ?? 'none');
      }
    }

    // Assess
    expect(intents).not.toContain('RequestUnits');
    expect(await allocations()).toEqual(before);
  }, 600_000);
});

describe('one conversation per unit intent, as staff', () => {
  const newDin = (n: number) => `W4321 26 ${String(970_000 + n).padStart(6, '0')}`;
  const printed = (n: number) => formatDin(newDin(n).replace(/ /g, ''));

  it('ReceiveUnits → TraceUnit → DiscardUnits: received, traced, discarded with its reason', async () => {
    const say = conversation(app, staff());
    const ask = await say(`receive ${printed(1)}, ${printed(2)} O+ red cells from NHSBT, expires 2026-12-20`);
    expect(ask.body.dialogAction.type).toBe('ConfirmIntent');
    expect(ask.text).toContain(`Receive 2 units of O+ red cells from NHSBT`);
    expect(ask.text).toContain(printed(1));
    const done = await say('yes');
    expect(done.body.intent).toMatchObject({ name: 'ReceiveUnits', state: 'Fulfilled' });
    expect((await app.store.unit(newDin(1).replace(/ /g, ''), 'red_cells'))?.status).toBe('available');

    const trace = await conversation(app, staff())(`where is unit ${printed(1)}`);
    expect(trace.body.intent).toMatchObject({ name: 'TraceUnit', state: 'Fulfilled' });
    expect(trace.text).toMatch(/available at/);

    const discard = conversation(app, staff());
    const confirm = await discard(`discard ${printed(1)} and ${printed(2)}, bag leaking`);
    expect(confirm.text).toMatch(/^Discard 2 units: .*red cells.* damaged/);
    const binned = await discard('yes');
    expect(binned.body.intent).toMatchObject({ name: 'DiscardUnits', state: 'Fulfilled' });
    expect((await app.store.unit(newDin(2).replace(/ /g, ''), 'red_cells'))?.status).toBe('discarded');
  }, 120_000);

  it('DiscardUnits answered no changes nothing', async () => {
    const say = conversation(app, staff());
    await say(`receive ${printed(3)} A+ plasma from NHSBT exp 2027-06-01`);
    await say('yes');
    const ask = await say(`bin ${printed(3)} expired`);
    expect(ask.body.dialogAction.type).toBe('ConfirmIntent');
    const no = await say('no');
    expect(no.text).toMatch(/nothing was changed/i);
    expect((await app.store.unit(newDin(3).replace(/ /g, ''), 'plasma'))?.status).toBe('available');
  }, 120_000);

  it('TransferUnits moves 2 O+ red cells central → northside and issues nothing', async () => {
    const before = await allocations();
    const say = conversation(app, staff());
    const ask = await say('transfer 2 units of O+ red cells from central to northside');
    expect(ask.text).toMatch(/Move 2 units of O\+ red cells from .* to .*Nothing is issued/);
    const done = await say('yes');
    expect(done.body.intent).toMatchObject({ name: 'TransferUnits', state: 'Fulfilled' });
    expect(done.text).toMatch(/^Moved 2 units/);
    expect(await allocations()).toEqual(before);
  }, 120_000);

  it('ExpiringUnits lists what expires soon', async () => {
    const reply = await conversation(app, staff())('what expires in the next 30 days');
    expect(reply.body.intent).toMatchObject({ name: 'ExpiringUnits', state: 'Fulfilled' });
    expect(reply.text).toMatch(/expire by/);
  }, 60_000);

  it('ReturnUnits takes back a unit issued to a request', async () => {
    const order = conversation(app, staff());
    await order("1 unit of O+ red cells for St Mary's, routine");
    const issued = await order('yes');
    expect(issued.body.intent).toMatchObject({ name: 'RequestUnits', state: 'Fulfilled' });
    const din = /• (\w{5} \d{2} \d{6} [\w*])/.exec(issued.text)?.[1];
    if (!din) throw new Error(issued.text);
    const say = conversation(app, staff());
    const ask = await say(`return ${din} from St Mary's, 10 minutes out`);
    expect(ask.body.dialogAction.type).toBe('ConfirmIntent');
    expect(ask.text).toMatch(/Take back .* 10 minutes out of storage/);
    const done = await say('yes');
    expect(done.body.intent).toMatchObject({ name: 'ReturnUnits', state: 'Fulfilled' });
    expect(done.text).toMatch(/back in stock/);
  }, 120_000);

  it('RecordDonation → RecordTestResults → Lookback for the demo donor', async () => {
    const donorId = await app.store.donorIdByPhone(DEMO_DONOR_PHONE);
    const donor = await app.store.donorById(donorId!);
    const say = conversation(app, staff());
    const ask = await say(`record a donation for donor ${DEMO_DONOR_PHONE}, din ${printed(10)}`);
    expect(ask.body.dialogAction.type).toBe('ConfirmIntent');
    expect(ask.text).toMatch(/Record a whole blood donation, completed, from/);
    const recorded = await say('yes');
    expect(recorded.body.intent).toMatchObject({ name: 'RecordDonation', state: 'Fulfilled' });
    const units = await app.store.unitsOfDonation(newDin(10).replace(/ /g, ''));
    expect(units.length).toBeGreaterThan(0);
    expect(units.every((u) => u.status === 'quarantined')).toBe(true);

    const results = conversation(app, staff());
    const group = donor!.bloodGroup === 'unknown' ? 'O+' : donor!.bloodGroup;
    const q = await results(`${printed(10)} hiv reactive, group ${group}`);
    expect(q.text).toMatch(/REACTIVE/);
    const unsafe = await results('yes');
    expect(unsafe.body.intent).toMatchObject({ name: 'RecordTestResults', state: 'Fulfilled' });
    expect(unsafe.text).toMatch(/unsafe/);

    const look = conversation(app, staff());
    const confirm = await look(`run a lookback on ${printed(10)}`);
    expect(confirm.body.dialogAction.type).toBe('ConfirmIntent');
    const ran = await look('yes');
    expect(ran.body.intent?.name).toBe('Lookback');
    expect(ran.text).toMatch(/Lookback for|No lookback was run/);
  }, 180_000);

  it('ActivityReport counts this week’s discards by reason and component, with the wastage rate', async () => {
    // Prepare: one more unit received and discarded today
    const say = conversation(app, staff());
    await say(`receive ${printed(20)} B+ platelets from NHSBT exp 2026-11-28`);
    expect((await say('yes')).body.intent?.state).toBe('Fulfilled');
    await say(`discard ${printed(20)}, bag leaking`);
    expect((await say('yes')).body.intent?.state).toBe('Fulfilled');
    // Act
    const reply = await conversation(app, staff())('how many units did we discard this week');
    // Assess
    expect(reply.body.intent).toMatchObject({ name: 'ActivityReport', state: 'Fulfilled' });
    expect(reply.text).toMatch(
      /^\d+ units? discarded this week \(Monday 23 November to Tuesday 24 November\):/,
    );
    expect(reply.text).toContain('• platelets: damaged (broken or leaking):');
    expect(reply.text).toMatch(/Wastage rate .*platelets \d+\.\d%/);
  }, 120_000);

  it('ActivityReport answers a period with nothing in it plainly', async () => {
    const reply = await conversation(app, staff())('how many donations did we collect today');
    expect(reply.body.intent).toMatchObject({ name: 'ActivityReport' });
    expect(reply.text).toMatch(/collected today \(Tuesday 24 November\)/);
  }, 60_000);

  it('a donor may not discard units', async () => {
    const reply = await conversation(app, 'Bearer test:donor:some-donor')(`discard ${printed(1)} expired`);
    expect(reply.text).toMatch(/Only blood service staff/);
  }, 60_000);
});
