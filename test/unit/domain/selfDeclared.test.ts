import { describe, expect, it } from 'vitest';
import { addMonths } from '../../../fulfillment/domain/dates.js';
import { InvalidDateError } from '../../../fulfillment/domain/errors.js';
import { POLICIES, type PolicyId } from '../../../fulfillment/domain/policy.js';
import { selfDeclaredDeferral } from '../../../fulfillment/domain/selfDeclared.js';
import { DEFERRAL_TOPICS, type DeferralTopic } from '../../../fulfillment/domain/vocabulary.js';

const TODAY = '2026-12-02';

describe('addMonths', () => {
  it.each([
    ['2026-09-02', 3, '2026-12-02'],
    ['2026-10-15', 3, '2027-01-15'],
    ['2026-11-30', 3, '2027-03-01'], // no 30 February: rounds up, never down
    ['2027-11-30', 3, '2028-03-01'], // leap year: 29 February exists, 30th does not
    ['2026-08-31', 4, '2026-12-31'],
    ['2026-10-31', 4, '2027-03-01'],
    ['2026-06-02', 6, '2026-12-02'],
    ['2026-12-31', 12, '2027-12-31'],
  ])('%s + %i months = %s', (date, months, expected) => {
    // Act
    const result = addMonths(date, months);
    // Assess
    expect(result).toBe(expected);
  });
});

describe('self-declared deferrals: the policy table (DOMAIN.md figures)', () => {
  it.each([
    ['US', 'tattoo', { kind: 'months', months: 3 }, /3 months/],
    ['US', 'travel', { kind: 'months', months: 3 }, /3 months .*came back/],
    ['US', 'illness', { kind: 'when_well' }, /well on the day/],
    ['US', 'antibiotics', { kind: 'after_course', daysAfter: 1 }, /finish the course/],
    ['US', 'vaccination', { kind: 'when_well' }, /no wait as long as you feel well/],
    ['US', 'pregnancy', { kind: 'days', days: 42 }, /6 weeks after giving birth/],
    ['UK', 'tattoo', { kind: 'months', months: 4 }, /4 months/],
    ['UK', 'travel', { kind: 'months', months: 6 }, /depends on where you went, typically 6 months/],
    ['UK', 'illness', { kind: 'when_well' }, /fully recovered/],
    ['UK', 'antibiotics', { kind: 'after_course', daysAfter: 7 }, /7 days after finishing/],
    ['UK', 'vaccination', { kind: 'days', days: 2 }, /48 hours/],
    ['UK', 'pregnancy', { kind: 'months', months: 6 }, /6 months after giving birth/],
  ] as const)('%s %s waits %o', (id, topic, wait, words) => {
    // Act
    const row = POLICIES[id].selfDeclaredDeferrals[topic];
    // Assess
    expect(row.wait).toEqual(wait);
    expect(row.rule).toMatch(words);
  });

  it.each((['US', 'UK'] as const).flatMap((id) => DEFERRAL_TOPICS.map((topic) => [id, topic] as const)))(
    '%s %s names every self-declared wording of DOMAIN.md',
    (id, topic) => {
      // Act
      const { rule } = POLICIES[id].selfDeclaredDeferrals[topic];
      // Assess
      const words: Record<DeferralTopic, RegExp> = {
        tattoo: /tattoo.*piercing.*microblading.*acupuncture/,
        travel: /malaria/,
        illness: /cold, flu, sore throat or fever/,
        antibiotics: /antibiotics/,
        vaccination: /vaccin/,
        pregnancy: /pregnant/,
      };
      expect(rule).toMatch(words[topic]);
    },
  );
});

describe('selfDeclaredDeferral', () => {
  it.each([
    // policy, topic, since, can donate from, deferred today (2026-12-02)
    ['US', 'tattoo', '2026-09-03', '2026-12-03', true], // one day short of 3 months
    ['US', 'tattoo', '2026-09-02', '2026-12-02', false], // exactly 3 months: from today
    ['US', 'tattoo', '2026-11-25', '2027-02-25', true],
    ['UK', 'tattoo', '2026-08-03', '2026-12-03', true], // one day short of 4 months
    ['UK', 'tattoo', '2026-08-02', '2026-12-02', false],
    ['US', 'travel', '2026-10-01', '2027-01-01', true],
    ['UK', 'travel', '2026-06-02', '2026-12-02', false],
    ['UK', 'travel', '2026-06-03', '2026-12-03', true],
    ['US', 'antibiotics', '2026-12-01', '2026-12-02', false], // finished yesterday
    ['US', 'antibiotics', '2026-12-02', '2026-12-03', true], // last dose today
    ['UK', 'antibiotics', '2026-11-25', '2026-12-02', false],
    ['UK', 'antibiotics', '2026-11-26', '2026-12-03', true],
    ['UK', 'vaccination', '2026-11-30', '2026-12-02', false],
    ['UK', 'vaccination', '2026-12-01', '2026-12-03', true],
    ['US', 'pregnancy', '2026-10-21', '2026-12-02', false], // 42 days
    ['US', 'pregnancy', '2026-10-22', '2026-12-03', true],
    ['UK', 'pregnancy', '2026-06-02', '2026-12-02', false],
    ['UK', 'pregnancy', '2026-07-01', '2027-01-01', true],
    ['US', 'tattoo', '2026-12-09', '2027-03-09', true], // one booked for next week counts from then
  ] as const)('%s %s on %s: from %s (deferred today: %s)', (id, topic, since, from, deferred) => {
    // Act
    const answer = selfDeclaredDeferral(POLICIES[id], topic, since, TODAY);
    // Assess
    expect(answer).toEqual({
      topic,
      rule: POLICIES[id].selfDeclaredDeferrals[topic].rule,
      canDonateFrom: from,
      deferredNow: deferred,
    });
  });

  it.each([
    ['US', 'illness', 'when_well'],
    ['UK', 'illness', 'when_well'],
    ['US', 'vaccination', 'when_well'],
    ['US', 'antibiotics', 'after_course'],
    ['UK', 'antibiotics', 'after_course'],
  ] as const)('%s %s without a date: %s, never "now"', (id, topic, condition) => {
    // Act
    const answer = selfDeclaredDeferral(POLICIES[id], topic, undefined, TODAY);
    // Assess
    expect(answer.canDonateFrom).toBe(condition);
    expect(answer.deferredNow).toBe(true);
  });

  it.each([
    ['US', 'illness', '2026-11-25'],
    ['UK', 'illness', '2026-01-01'],
    ['US', 'vaccination', '2026-11-01'],
  ] as const)('%s %s stays "until well" whenever it was (%s)', (id, topic, since) => {
    // Act
    const answer = selfDeclaredDeferral(POLICIES[id], topic, since, TODAY);
    // Assess
    expect(answer).toMatchObject({ canDonateFrom: 'when_well', deferredNow: true });
  });

  it.each(
    (['US', 'UK'] as PolicyId[]).flatMap((id) =>
      (['tattoo', 'travel', 'pregnancy'] as const).map((topic) => [id, topic] as const),
    ),
  )('%s %s without a date: the rule only, deferred', (id, topic) => {
    // Act
    const answer = selfDeclaredDeferral(POLICIES[id], topic, undefined, TODAY);
    // Assess
    expect(answer).toEqual({
      topic,
      rule: POLICIES[id].selfDeclaredDeferrals[topic].rule,
      deferredNow: true,
    });
  });

  it.each([
    ['2026-02-30', TODAY],
    ['last week', TODAY],
    ['2026-11-01', '2026-13-01'],
  ])('refuses a date that is not one (since %s, today %s)', (since, today) => {
    // Act
    const act = () => selfDeclaredDeferral(POLICIES.US, 'tattoo', since, today);
    // Assess
    expect(act).toThrow(InvalidDateError);
  });
});
