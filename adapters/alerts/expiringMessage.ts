/**
 * The staff channel's morning message (issue 14, item 7): units that expire within 48 hours, per
 * site, soonest first, so someone can move them to where they will be used. Pure. Units, not people:
 * DIN, component, group, day of expiry; no donor and no patient appears.
 */
import { formatDin } from '../../fulfillment/domain/din.js';
import { COMPONENT_LABEL } from '../../fulfillment/domain/vocabulary.js';
import type { StoredUnit } from '../../fulfillment/store/unitPort.js';
import { type Block, escapeMrkdwn, type SlackMessage } from '../slack/blocks.js';

export type ExpiringUnit = Pick<StoredUnit, 'din' | 'code' | 'component' | 'group' | 'expiresOn' | 'site'>;

/** Lines per site before "and N more": a section's text stays well under Slack's 3,000 characters. */
export const MAX_LINES_PER_SITE = 25;

function when(expiresOn: string, today: string): string {
  if (expiresOn < today) return `expired ${expiresOn}`;
  if (expiresOn === today) return 'expires tonight';
  return `expires ${expiresOn}`;
}

/** null when nothing expires soon: the channel is not told "nothing" every morning. */
export function expiringMessage(units: readonly ExpiringUnit[], today: string): SlackMessage | null {
  if (units.length === 0) return null;
  const bySite = new Map<string, ExpiringUnit[]>();
  for (const u of [...units].sort(
    (a, b) => a.expiresOn.localeCompare(b.expiresOn) || a.din.localeCompare(b.din),
  )) {
    bySite.set(u.site, [...(bySite.get(u.site) ?? []), u]);
  }
  const sites = [...bySite.keys()].sort();
  const perSite = sites.map((s) => `${s} ${bySite.get(s)!.length}`).join(', ');
  const plural = units.length === 1 ? 'unit expires' : 'units expire';
  const text = `${units.length} ${plural} within 48 hours (${perSite}). Use or move them first.`;
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: `Expiring within 48 hours: ${units.length}` } },
  ];
  for (const site of sites) {
    const list = bySite.get(site)!;
    const lines = list
      .slice(0, MAX_LINES_PER_SITE)
      .map(
        (u) =>
          `• \`${formatDin(u.din)}\` ${u.group ?? 'group unknown'} ${COMPONENT_LABEL[u.component]} (${escapeMrkdwn(u.code)}), ${when(u.expiresOn, today)}`,
      );
    if (list.length > MAX_LINES_PER_SITE) lines.push(`…and ${list.length - MAX_LINES_PER_SITE} more`);
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `*${escapeMrkdwn(site)}* (${list.length})\n${lines.join('\n')}` },
    });
  }
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `Morning expiry check, ${today}` }] });
  return { text, blocks };
}
