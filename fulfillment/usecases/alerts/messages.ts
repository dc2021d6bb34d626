/**
 * The appeal SMS, pure. One 160-character segment of plain GSM-7 text (no "−" or curly quotes, which
 * would switch the whole message to UCS-2 and halve the segment): the group in words, the donor's
 * site, and the three replies carriers and donors expect.
 */
import type { BloodGroup } from '../../domain/vocabulary.js';
import type { AlertLevel } from './port.js';

export const SMS_SEGMENT = 160;
export const ALERT_REPLIES = 'Reply YES to book, NO to skip, STOP to opt out';

/** "O-" → "O negative": read the same on every phone, unlike a minus sign. */
export function groupInWords(group: BloodGroup): string {
  return `${group.slice(0, -1)} ${group.endsWith('+') ? 'positive' : 'negative'}`;
}

export function alertSmsText(input: { group: BloodGroup; level: AlertLevel; siteName: string }): string {
  const need =
    input.level === 'red'
      ? `${groupInWords(input.group)} blood is urgently needed.`
      : `${groupInWords(input.group)} blood stocks are low.`;
  const build = (site: string) => `Blood Service: ${need} Can you donate at ${site}? ${ALERT_REPLIES}`;
  const full = build(input.siteName);
  if (full.length <= SMS_SEGMENT) return full;
  // A long site name is shortened rather than the replies: they are what the donor acts on.
  const room = SMS_SEGMENT - build('').length - 1;
  return build(`${input.siteName.slice(0, Math.max(0, room)).trimEnd()}.`);
}
