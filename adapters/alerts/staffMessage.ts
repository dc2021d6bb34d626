/**
 * The staff channel's Block Kit message for an alert starting, escalating, recovering or making
 * progress, pure. Counts, levels and ids only: no donor is ever named in Slack.
 */
import { COMPONENT_LABEL } from '../../fulfillment/domain/vocabulary.js';
import type { StaffNotice } from '../../fulfillment/usecases/alerts/port.js';
import type { Block, SlackMessage } from '../slack/blocks.js';

const HEADLINE: Record<StaffNotice['kind'], string> = {
  started: 'shortage alert started',
  escalated: 'shortage alert escalated',
  recovered: 'stock recovered, alert closed',
  progress: 'appeal update',
};

const ICON: Record<string, string> = {
  red: ':red_circle:',
  amber: ':large_orange_circle:',
  green: ':large_green_circle:',
};

export function staffMessage(notice: StaffNotice): SlackMessage {
  const { alert, row } = notice;
  const level = notice.kind === 'recovered' ? 'green' : alert.level;
  const what = `${alert.group} ${COMPONENT_LABEL[alert.component]}`;
  const days = (row?.daysOfSupply ?? alert.daysOfSupply).toFixed(1);
  const c = alert.counts;
  const counts = `Donors contacted ${c.contacted}, said yes ${c.yes}, booked ${c.booked}`;
  const appeal =
    notice.kind === 'started' || notice.kind === 'escalated'
      ? ` Appealing to up to ${alert.cap} donors.`
      : '';
  const text = `${what}: ${HEADLINE[notice.kind]} (${level.toUpperCase()}, ${days} days of supply).${appeal} ${counts}.`;
  const field = (label: string, value: string) => [
    { type: 'mrkdwn' as const, text: `*${label}*` },
    { type: 'mrkdwn' as const, text: value },
  ];
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: `${what}: ${HEADLINE[notice.kind]}` } },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `${ICON[level] ?? ''} *${level.toUpperCase()}*, ${days} days of supply` },
      fields: [
        ...(row ? field('Units available', String(row.available)) : []),
        ...field('Units needed', String(alert.unitsNeeded)),
        ...field('Donors contacted', `${c.contacted} (up to ${alert.cap})`),
        ...field('Said yes', String(c.yes)),
        ...field('Booked', String(c.booked)),
      ],
    },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `Alert ${alert.alertId} · started ${alert.startedAt.slice(0, 16).replace('T', ' ')} UTC`,
        },
      ],
    },
  ];
  return { text, blocks };
}
