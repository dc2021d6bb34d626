/**
 * The DynamoDB sections of BENCHMARKS.md: turn latency beside GetItem, capacity per turn, and how
 * capacity behaves as stock and donors grow. Sentences are written from the figures.
 */
import { base, kb, of, table } from './markdown.js';
import type { Figure } from './stats.js';

export function turnsSection(figures: Figure[]): string {
  const turns = of(figures, 'turn_latency');
  const get = of(figures, 'getitem_latency')[0];
  if (!turns.length || !get) return 'Not measured in this run.';
  const withDb = turns.filter((t) => t.within_aim !== null);
  const met = withDb.filter((t) => t.within_aim);
  const slowest = [...withDb].sort((a, b) => Number(b.p50_ms) - Number(a.p50_ms))[0]!;
  return [
    table(
      [
        'turn',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'DynamoDB calls',
        'round trips',
        'GetItem p50 ms (baseline)',
        'p50 ÷ GetItem',
        'aim ms (2 × round trips × GetItem)',
        'within aim',
      ],
      turns.map((t) => [
        t.intent,
        t.p50_ms,
        t.p95_ms,
        t.p99_ms,
        t.calls,
        t.round_trips,
        get.p50_ms,
        t.ratio_p50,
        t.aim_ms,
        t.within_aim,
      ]),
    ),
    '',
    `A bare GetItem took ${get.p50_ms} ms at the median (p99 ${get.p99_ms} ms) on this DynamoDB Local. ` +
      `${met.length} of the ${withDb.length} turns that touch DynamoDB were within the aim of twice their ` +
      `sequential round trips in GetItem time; the slowest, ${slowest.intent}, took ${slowest.p50_ms} ms at the median ` +
      `for ${slowest.calls} calls in ${slowest.round_trips} round trips. Turns that miss the aim mostly pay for what a ` +
      'GetItem does not do: queries returning many items and multi-item transactions are slower per round trip on ' +
      'DynamoDB Local, so the ratio, not the milliseconds, is what to compare with DynamoDB.',
  ].join('\n');
}

export function capacitySection(figures: Figure[]): string {
  const rows = of(figures, 'turn_capacity');
  if (!rows.length) return 'Not measured in this run.';
  const stock = rows.find((r) => r.intent === 'CheckStock (staff)');
  const request = rows.find((r) => r.intent === 'RequestUnits');
  const sizes = (r: Figure) => ((r.read_bytes_each as number[]) ?? []).map(kb).join(', ');
  return [
    table(
      [
        'turn',
        'reads (bytes each)',
        'RCU reported',
        'RCU computed',
        'writes',
        'WCU reported by DynamoDB Local',
        'WCU computed',
        'GetItem RCU (baseline)',
      ],
      rows.map((r) => [
        r.intent,
        `${r.reads}${r.reads ? ` (${sizes(r)})` : ''}`,
        r.rcu_reported,
        r.rcu_computed,
        r.writes,
        r.wcu_reported,
        r.wcu_computed,
        base(r).rcu_reported,
      ]),
    ),
    '',
    'Read units are reported by DynamoDB Local and recomputed from the items returned (4 KB per unit, halved for ' +
      'eventually consistent reads); they agree except that DynamoDB Local charges nothing for a query that returns ' +
      'no item, where DynamoDB charges the minimum half unit. Write units are **computed**: DynamoDB Local under-counts ' +
      'multi-item transactions (two 1 KB Puts in one TransactWriteItems report 2 units, DynamoDB charges 4), so each ' +
      'written item is read before and after the turn and billed by the rules: 1 KB per unit on the larger of the two ' +
      'sizes, doubled in a transaction, plus one write per GSI the item enters, leaves or changes in (assumed billed as ' +
      'a standard write, not doubled).',
    stock
      ? `A stock check makes ${stock.reads} reads of ${sizes(stock)} (${stock.rcu_computed} RCU): the aim of one read ` +
        `of at most 4 KB is ${Number(stock.reads) <= 1 && Number(stock.bytes_read) <= 4096 ? 'met' : 'not met'} — it ` +
        'reads every stock counter (all sites, groups and components) and seven days of issue counts.'
      : '',
    request
      ? `A request costs ${request.rcu_computed} RCU and ${request.wcu_computed} WCU, most of it the allocation ` +
        'transaction (request, units, counter, issue count and audit entry, each written twice).'
      : '',
  ].join('\n');
}

export function scaleSection(figures: Figure[]): string {
  const seeds = of(figures, 'scale_seed');
  const rows = of(figures, 'capacity_scale');
  const growth = of(figures, 'capacity_growth');
  if (!rows.length) return 'Not measured in this run.';
  const flat = growth.filter((g) => !g.rcu_grows && !g.wcu_grows).map((g) => g.intent);
  const grows = growth.filter((g) => g.rcu_grows || g.wcu_grows).map((g) => g.intent);
  const key = (i: unknown) => growth.find((g) => g.intent === i);
  const stockFlat = ['CheckStock (staff)', 'CheckStock (public)', 'RequestUnits'].every((i) => {
    const g = key(i);
    return g && !g.rcu_grows && !g.wcu_grows;
  });
  return [
    table(
      ['turn', 'units', 'donors', 'RCU', 'WCU', 'bytes read', 'p50 ms'],
      rows.map((r) => [r.intent, r.units, r.donors, r.rcu_computed, r.wcu_computed, r.bytes_read, r.p50_ms]),
    ),
    '',
    table(
      ['step', 'units added', 'seconds', 'donors added', 'seconds', 'items per second'],
      seeds.map((s, i) => [
        i + 1,
        s.units_added,
        s.units_seconds,
        s.donors_added,
        s.donors_seconds,
        s.items_per_second,
      ]),
    ),
    '',
    `Baseline: the smallest step. Request and stock-check cost ${stockFlat ? 'did not grow' : 'GREW'} with stock ` +
      `(aim: independent of stock size). Flat (within 25% from the smallest to the largest step): ${flat.join(', ') || 'none'}. ` +
      `Grew: ${grows.join(', ') || 'none'}. A request's write units move by a unit or two with which units FEFO picks ` +
      '(one site or two, so one counter update or two), not with how many exist. ' +
      'Units and donors are written with BatchWriteItem (25 items a request, 8 in flight) on top of the demo seed; ' +
      'each donor is two items (profile with its alert-targeting GSI keys, phone lookup); the donors the turns read also have a donation.',
  ].join('\n');
}
