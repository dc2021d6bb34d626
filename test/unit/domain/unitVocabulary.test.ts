import { describe, expect, it } from 'vitest';
import {
  DISCARD_REASON_LABEL,
  DISCARD_REASONS,
  discardNeedsNote,
  isDiscardReason,
  isMarker,
  isUnitStatus,
  MARKER_LABEL,
  MARKERS,
  UNIT_STATUS_LABEL,
  UNIT_STATUSES,
} from '../../../fulfillment/domain/unitVocabulary.js';

describe('unit vocabulary', () => {
  it('discard reasons are exactly those of DOMAIN.md, canonical snake_case values', () => {
    // Assess
    expect(DISCARD_REASONS).toEqual([
      'expired',
      'damaged',
      'failed_inspection',
      'temperature_excursion',
      'reactive_test',
      'returned_out_of_storage',
      'recalled',
      'volume_out_of_range',
      'other',
    ]);
    expect(DISCARD_REASONS.every((r) => /^[a-z]+(_[a-z]+)*$/.test(r))).toBe(true);
  });

  it('statuses and markers are those of the unit lifecycle and the bot contract', () => {
    // Assess
    expect(UNIT_STATUSES).toEqual([
      'quarantined',
      'available',
      'allocated',
      'returned',
      'discarded',
      'expired',
    ]);
    expect(MARKERS).toEqual(['hiv', 'hbv', 'hcv', 'htlv', 'syphilis', 'wnv', 'chagas', 'hev']);
  });

  it.each([
    [DISCARD_REASON_LABEL, DISCARD_REASONS],
    [UNIT_STATUS_LABEL, UNIT_STATUSES],
    [MARKER_LABEL, MARKERS],
  ] as const)('every value has one non-empty label and labels are distinct (%#)', (labels, values) => {
    // Act
    const texts = values.map((v) => (labels as Record<string, string>)[v]);
    // Assess
    expect(Object.keys(labels).sort()).toEqual([...values].sort());
    expect(texts.every((t) => typeof t === 'string' && t.length > 0)).toBe(true);
    expect(new Set(texts).size).toBe(values.length);
  });

  it.each(DISCARD_REASONS.map((r) => [r, r === 'other'] as const))(
    '%s needs a note: %s',
    (reason, expected) => {
      // Act / Assess
      expect(discardNeedsNote(reason)).toBe(expected);
    },
  );

  it.each([
    [isDiscardReason, 'reactive_test', true],
    [isDiscardReason, 'broken', false], // a synonym is the NLU's job, not a value
    [isDiscardReason, 'Expired', false],
    [isUnitStatus, 'allocated', true],
    [isUnitStatus, 'issued', false],
    [isMarker, 'chagas', true],
    [isMarker, 'HIV', false],
  ] as const)('%o(%j) → %s', (guard, value, expected) => {
    // Act / Assess
    expect(guard(value)).toBe(expected);
  });
});
