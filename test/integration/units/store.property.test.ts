/**
 * Property test of the unit store against DynamoDB Local (issue 14): random sequences of collect,
 * receive, release, issue (saveChanges and real allocation), return, restock, discard, expire,
 * transfer, recall and lift-hold, decided by the domain's `apply` and written through the store's
 * methods, several at a time (concurrent transactions on shared counters). After each sequence:
 * every site/group/component counter equals the number of available units stored on that line, the
 * FEFO index holds exactly those units, every unit's stored history replays (domain `replay`) to
 * its stored state, and the store agrees with the model unit for unit.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { produceComponents } from '../../../fulfillment/domain/components.js';
import { addDays } from '../../../fulfillment/domain/dates.js';
import { makeDin } from '../../../fulfillment/domain/din.js';
import { policyFor } from '../../../fulfillment/domain/policy.js';
import { apply, replay, type Unit, type UnitEvent } from '../../../fulfillment/domain/unit.js';
import { DISCARD_REASONS, UNIT_STATUSES } from '../../../fulfillment/domain/unitVocabulary.js';
import { BLOOD_GROUPS, type BloodGroup, DONATION_TYPES } from '../../../fulfillment/domain/vocabulary.js';
import type { DynamoStore } from '../../../fulfillment/store/dynamo/index.js';
import type { Actor } from '../../../fulfillment/store/port.js';
import { collectedStoredUnit, receivedStoredUnit } from '../../../fulfillment/store/storedUnits.js';
import type {
  DonationRecord,
  SaveOutcome,
  StoredUnit,
  UnitChange,
} from '../../../fulfillment/store/unitPort.js';
import { allocateUnits } from '../../../fulfillment/usecases/allocateUnits.js';
import { createTestStore } from '../../support/store.js';

const STAFF: Actor = { userId: 'staff-prop', role: 'staff', channel: 'local' };
const POLICY = policyFor('US');
const SITES = ['central', 'northside', 'southside'] as const;
const START = '2026-01-05';
/**
 * Descriptors per run and runs: ~1,150 unit events in all (multi-unit saves), about a minute on
 * DynamoDB Local on a quiet machine (110 s measured at a load average of 22 on 2 cores).
 */
const OPS_PER_RUN = 90;
const RUNS = 3;
/** Store calls in flight at once (on disjoint units): counters and activity items are shared. */
const PARALLEL = 8;

const KINDS = [
  'collect',
  'receive',
  'release',
  'issue',
  'allocate',
  'return',
  'restock',
  'discard',
  'expire',
  'transfer',
  'recall',
  'lift',
] as const;
type Kind = (typeof KINDS)[number];

const WEIGHTS: Record<Kind, number> = {
  collect: 10,
  receive: 8,
  release: 10,
  issue: 8,
  allocate: 2,
  return: 7,
  restock: 5,
  discard: 7,
  expire: 6,
  transfer: 8,
  recall: 4,
  lift: 3,
};

interface Op {
  kind: Kind;
  pick: number;
  param: number;
  /** Units the operation touches when it may take several (discard, transfer, recall). */
  n: number;
  /** Days the clock moves before the operation. */
  tick: number;
}

const opArb: fc.Arbitrary<Op> = fc.record({
  kind: fc.oneof(...KINDS.map((k) => ({ arbitrary: fc.constant(k), weight: WEIGHTS[k] }))),
  pick: fc.nat(),
  param: fc.nat(),
  n: fc.integer({ min: 1, max: 12 }),
  tick: fc.oneof(
    { arbitrary: fc.constant(0), weight: 5 },
    { arbitrary: fc.integer({ min: 1, max: 3 }), weight: 1 },
  ),
});

const key = (u: { din: string; code: string }) => `${u.din}#${u.code}`;

/** One run's world: the store and the model of what it must hold. */
class World {
  readonly units = new Map<string, StoredUnit>();
  readonly donations = new Map<string, DonationRecord>();
  day = START;
  seq = 1;
  applied = 0;
  refused = 0;
  private readonly busy = new Set<string>();

  constructor(
    readonly store: DynamoStore,
    readonly facility: string,
  ) {}

  private candidates(filter: (u: StoredUnit) => boolean): StoredUnit[] {
    return [...this.units.values()]
      .filter((u) => !this.busy.has(key(u)) && filter(u))
      .sort((a, b) => (key(a) < key(b) ? -1 : 1));
  }

  private take(op: Op, filter: (u: StoredUnit) => boolean, n = 1): StoredUnit[] {
    const pool = this.candidates(filter);
    const chosen: StoredUnit[] = [];
    for (let i = 0; i < n && pool.length > 0; i++) {
      const [unit] = pool.splice((op.pick + i * 7) % pool.length, 1);
      if (unit) chosen.push(unit);
    }
    for (const u of chosen) this.busy.add(key(u));
    return chosen;
  }

  private changes(units: StoredUnit[], event: (u: StoredUnit) => UnitEvent): UnitChange[] {
    const changes: UnitChange[] = [];
    for (const before of units) {
      const result = apply(before, event(before), this.day);
      if (result.ok) changes.push({ before, after: result.unit });
      else this.refused += 1;
    }
    return changes;
  }

  /** Decides one operation against the model and returns the store call that performs it. */
  plan(op: Op): (() => Promise<void>) | null {
    const day = this.day;
    const save = (changes: UnitChange[], donation?: { before: DonationRecord; after: DonationRecord }) =>
      changes.length === 0 && !donation
        ? null
        : async () => {
            const outcome = await this.store.saveChanges(
              changes,
              {
                action: `unit.${op.kind}`,
                entityType: 'unit',
                entityId: key(changes[0]?.before ?? { din: 'x', code: 'x' }),
                details: {},
              },
              STAFF,
              donation,
            );
            this.record(outcome, changes.length);
            if (outcome.ok && outcome.donation) this.donations.set(outcome.donation.din, outcome.donation);
          };
    switch (op.kind) {
      case 'collect': {
        const din = makeDin(this.facility, 26, this.seq++);
        const donationType = DONATION_TYPES[op.param % DONATION_TYPES.length]!;
        const site = SITES[op.pick % SITES.length]!;
        // A first-time donor's units have no group until tested.
        const group = op.param % 5 === 0 ? null : BLOOD_GROUPS[op.pick % BLOOD_GROUPS.length]!;
        // Whole blood may also give platelets and cryo: up to four components of one DIN.
        const options = { platelets: op.n % 2 === 0, cryo: op.n % 3 === 0 };
        const produced = produceComponents({ din, donationType, collectedOn: day, policy: POLICY, options });
        const units = produced.map((p) =>
          collectedStoredUnit({ ...p, group, site }, day, `donor-${op.param % 50}`),
        );
        const donation: DonationRecord = {
          din,
          donorId: `donor-${op.param % 50}`,
          donationType,
          site,
          collectedAt: `${day}T09:00:00.000Z`,
          collectedOn: day,
          outcome: 'completed',
          codes: units.map((u) => u.code),
          screens: {},
          testedGroup: null,
          state: 'awaiting_results',
          version: 1,
        };
        return async () => {
          const outcome = await this.store.recordDonation(donation, units, STAFF);
          this.record(outcome, units.length);
          if (outcome.ok) this.donations.set(din, outcome.donation ?? donation);
        };
      }
      case 'receive': {
        const units = Array.from({ length: op.n }, (_, i) =>
          receivedStoredUnit({
            din: makeDin(this.facility, 27, this.seq++),
            group: BLOOD_GROUPS[(op.pick + i) % BLOOD_GROUPS.length]!,
            component: (['red_cells', 'platelets', 'plasma'] as const)[(op.param + i) % 3]!,
            site: SITES[(op.param + i) % SITES.length]!,
            expiresOn: addDays(day, 1 + ((op.param + i) % 12)),
            receivedOn: day,
            source: 'Regional Blood Service',
          }),
        );
        return async () => this.record(await this.store.receiveUnits(units, STAFF), units.length);
      }
      case 'release': {
        // The whole donation at once, with its record: what recording negative results does.
        const pool = this.candidates(
          (u) => u.status === 'quarantined' && u.holds.length === 0 && u.donorId !== null,
        );
        const first = pool[op.pick % Math.max(1, pool.length)];
        if (!first) return null;
        const siblings = this.take(
          op,
          (u) => u.din === first.din && u.status === 'quarantined' && u.holds.length === 0,
          8,
        );
        const group = first.group ?? BLOOD_GROUPS[op.param % BLOOD_GROUPS.length]!;
        const changes = this.changes(siblings, () => ({ type: 'release', group }));
        const record = this.donations.get(first.din);
        const donation = record
          ? { before: record, after: { ...record, state: 'released' as const, testedGroup: group } }
          : undefined;
        return changes.length === 0 ? null : save(changes, donation);
      }
      case 'issue': {
        const hospitals = ["St Mary's Hospital", 'City General', 'Royal Infirmary'];
        const units = this.take(op, (u) => u.status === 'available', op.n);
        return save(this.changes(units, () => ({ type: 'issue', consignee: hospitals[op.param % 3]! })));
      }
      case 'allocate': {
        const available = this.candidates((u) => u.status === 'available' && u.group !== null);
        const target = available[op.pick % Math.max(1, available.length)];
        if (!target?.group) return null;
        const group = target.group as BloodGroup;
        return async () => {
          const request = await allocateUnits(
            this.store,
            {
              recipient: group,
              component: target.component,
              units: op.n,
              urgency: 'routine',
              hospital: op.param % 2 === 0 ? 'City General' : null,
              neededBy: null,
              today: day,
              now: new Date(`${day}T12:00:00Z`),
            },
            STAFF,
          );
          for (const allocated of request.units) {
            const stored = await this.store.unit(allocated.din, allocated.code);
            if (!stored) throw new Error(`allocated ${allocated.din} is not stored`);
            this.units.set(key(stored), stored);
            this.applied += 1;
          }
        };
      }
      case 'return':
        return save(
          this.changes(
            this.take(op, (u) => u.status === 'allocated', op.n),
            () => ({ type: 'return' }),
          ),
        );
      case 'restock':
        return save(
          this.changes(
            this.take(op, (u) => u.status === 'returned', op.n),
            () => ({ type: 'restock' }),
          ),
        );
      case 'discard': {
        const reason = DISCARD_REASONS[op.param % DISCARD_REASONS.length]!;
        const units = this.take(op, (u) => u.status !== 'discarded' && u.status !== 'expired', op.n);
        return save(
          this.changes(units, () => ({
            type: 'discard',
            reason,
            ...(reason === 'other' ? { note: 'seal broken' } : {}),
          })),
        );
      }
      case 'expire':
        return save(
          this.changes(
            this.take(op, (u) => u.status === 'available' && u.expiresOn < day, 4),
            () => ({ type: 'expire' }),
          ),
        );
      case 'transfer': {
        const units = this.take(op, (u) => u.status === 'available', op.n);
        return save(
          this.changes(units, (u) => ({
            type: 'transfer',
            toSite: SITES[(SITES.indexOf(u.site as never) + 1 + (op.param % 2)) % 3]!,
          })),
        );
      }
      case 'recall': {
        const units = this.take(op, (u) => ['quarantined', 'available', 'returned'].includes(u.status), op.n);
        return save(
          this.changes(units, () => ({ type: 'recall', hold: { kind: 'recall', ref: `R${op.param % 7}` } })),
        );
      }
      case 'lift': {
        const units = this.take(op, (u) => u.holds.length > 0, op.n);
        return save(this.changes(units, (u) => ({ type: 'lift_hold', ref: u.holds[0]!.ref })));
      }
    }
  }

  private record(outcome: SaveOutcome, events: number): void {
    if (!outcome.ok)
      throw new Error(`the store refused a change decided on current versions: ${outcome.reason}`);
    for (const u of outcome.units) this.units.set(key(u), u);
    this.applied += events;
  }

  async run(ops: Op[]): Promise<void> {
    for (let i = 0; i < ops.length; i += PARALLEL) {
      const group = ops.slice(i, i + PARALLEL);
      this.day = addDays(this.day, Math.max(...group.map((o) => o.tick)));
      this.busy.clear();
      // An operation with nothing to act on (no unit issued yet to return) receives stock instead.
      const calls = group
        .filter((op) => op.kind !== 'allocate')
        .map((op) => this.plan(op) ?? this.plan({ ...op, kind: 'receive' }))
        .filter((c): c is () => Promise<void> => c !== null);
      await Promise.all(calls.map((call) => call()));
      // Allocation picks its own units (FEFO), so it runs alone, after the others have landed.
      for (const op of group.filter((o) => o.kind === 'allocate')) {
        this.busy.clear();
        await this.plan(op)?.();
      }
    }
  }

  /** Every unit as the store holds it, through the status/site index (no Scan). */
  async storedUnits(): Promise<StoredUnit[]> {
    const perPartition = await Promise.all(
      UNIT_STATUSES.flatMap((status) => SITES.map((site) => this.store.unitsByStatus(status, site))),
    );
    return perPartition.flat();
  }
}

const stores: DynamoStore[] = [];
afterAll(() => {
  for (const s of stores) s.destroy();
});

describe('unit store property (DynamoDB Local)', () => {
  it('after 1,000+ random operations the counters equal the available units and every history replays', async () => {
    let applied = 0;
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: OPS_PER_RUN, maxLength: OPS_PER_RUN }), async (ops) => {
        // Prepare
        const store = await createTestStore({ now: () => new Date('2026-01-05T10:00:00Z') });
        stores.push(store);
        for (const id of SITES) {
          await store.inventory.putSite({
            id,
            name: id,
            address: 'x',
            slotTimes: [],
            slotCapacity: 1,
            openDays: [],
          });
        }
        const world = new World(store, `W${String(9000 + run++)}`);
        // Act
        await world.run(ops);
        applied += world.applied;
        // Assess: the store holds exactly the model's units, each replaying to itself.
        const stored = await world.storedUnits();
        expect(stored).toHaveLength(world.units.size);
        for (const unit of stored) {
          expect(unit).toEqual(world.units.get(key(unit)));
          const replayed = replay(unit.history);
          if (!replayed.ok) throw new Error(`${key(unit)}: ${replayed.message}`);
          const { collectedOn, donorId, source, version, ...domain } = unit;
          expect(replayed.unit).toEqual(domain satisfies Unit);
        }
        // Every counter equals the units available on its line, and FEFO holds exactly those.
        const expected = new Map<string, number>();
        for (const u of stored) {
          if (u.status !== 'available') continue;
          const line = `${u.site}#${u.group}#${u.component}`;
          expected.set(line, (expected.get(line) ?? 0) + 1);
        }
        const counters = new Map(
          (await store.stockCounts()).map((c) => [`${c.site}#${c.group}#${c.component}`, c.available]),
        );
        for (const line of new Set([...expected.keys(), ...counters.keys()])) {
          expect({ line, available: counters.get(line) ?? 0 }).toEqual({
            line,
            available: expected.get(line) ?? 0,
          });
        }
        const fefo = await Promise.all(
          [...expected.keys()].map(async (line) => {
            const [site, group, component] = line.split('#') as [string, BloodGroup, never];
            const units = await store.availableUnits(site, group, component, 1000, '0000-00-00');
            return { line, available: units.length };
          }),
        );
        expect(fefo).toEqual([...expected].map(([line, available]) => ({ line, available })));
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(applied).toBeGreaterThanOrEqual(1000);
  }, 300_000);
});
