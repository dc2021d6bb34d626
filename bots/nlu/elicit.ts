/**
 * One-slot answers: while a slot is being elicited, the whole utterance should be that slot's value
 * ("tomorrow", "O neg", "4", "555 123 4567", "Smith"). Lex reads these through the slot's type,
 * so we do too: built-ins by their resolvers, custom types by value and synonym.
 */
import type { SlotDefinition } from '../schema.js';
import { resolveDate } from './dates.js';
import { DIN_TYPE, resolveDins } from './din.js';
import type { EntityExtractor } from './entities.js';
import { resolveName } from './names.js';
import { resolveNumber } from './numbers.js';
import { resolvePhone } from './phone.js';
import { dateSense } from './slotFilling.js';
import { stripFillers } from './text.js';
import { resolveTime } from './times.js';
import type { ResolveContext, SlotValue } from './types.js';

const MAX_OPEN_VALUE = 80;

export function resolveElicited(
  slot: SlotDefinition,
  text: string,
  ctx: ResolveContext,
  extractor: EntityExtractor,
): SlotValue | null {
  const original = text.trim();
  if (!original) return null;
  const firstOf = (type: string) => extractor.extract(original, ctx).find((e) => e.type === type);
  let resolved: string | null = null;
  // Each case reads the whole answer as the slot's type; fillers ("it's", "please") are tolerated.
  switch (slot.slotType) {
    case 'AMAZON.Date':
      resolved = resolveDate(original, ctx, dateSense(slot));
      break;
    case 'AMAZON.Time':
      resolved = resolveTime(stripFillers(original)) ?? resolveTime(original);
      break;
    case 'AMAZON.Number':
      resolved =
        resolveNumber(stripFillers(original)) ??
        firstOf('AMAZON.Number')?.value ??
        // "20 mins" at "How many minutes…?": the date finder reads it as a time from now.
        /^\s*(\d+)\s*(?:minutes?|mins?|days?)\b/i.exec(original)?.[1] ??
        null;
      break;
    case 'AMAZON.PhoneNumber':
      resolved = resolvePhone(original, ctx.phoneCountry);
      break;
    case 'AMAZON.FirstName':
    case 'AMAZON.LastName':
      resolved = resolveName(original);
      break;
    case 'AMAZON.AlphaNumeric':
    case 'AMAZON.FreeFormInput':
      resolved = original;
      break;
    case DIN_TYPE:
      resolved = resolveDins(original);
      break;
    default: {
      const matcher = extractor.matcher(slot.slotType);
      if (!matcher) return null;
      resolved = matcher.resolveWhole(original) ?? firstOf(slot.slotType)?.value ?? null;
      // OriginalValue types keep what was said when it is not one of the samples (Lex does too).
      if (resolved === null && matcher.type.resolution === 'OriginalValue') {
        const open = stripFillers(original.replace(/^(?:for|to|at|the)\s+/i, ''));
        resolved = open && open.length <= MAX_OPEN_VALUE ? open : null;
      }
    }
  }
  if (resolved === null) return null;
  // Lex's originalValue is the slot's own words ("555 123 4567", not "my number is 555 123 4567").
  const span = extractor.extract(original, ctx).find((e) => e.type === slot.slotType && e.value === resolved);
  const originalValue = span ? original.slice(span.start, span.end) : original;
  return { originalValue, interpretedValue: resolved, resolvedValues: [resolved] };
}
