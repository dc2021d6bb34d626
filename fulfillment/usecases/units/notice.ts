/**
 * Staff notices from the life of a unit (DOMAIN.md "Reactive": staff get the lookback list). The
 * notice carries its own plain text, so every staff channel (Slack, the local outbox) posts it as is.
 * DINs, components, hospitals and dates only: never the donor's name, and never in a donor's channel.
 */

import { MARKER_LABEL, type Marker } from '../../domain/unitVocabulary.js';
import { COMPONENT_LABEL, type Component } from '../../domain/vocabulary.js';

export interface LookbackNotice {
  kind: 'lookback';
  /** The reactive donation that started it. */
  indexDin: string;
  markers: Marker[];
  /** Start by (21 CFR 610.46: within 3 calendar days). */
  startBy: string | null;
  windowFrom: string;
  windowTo: string;
  quarantined: Array<{ din: string; code: string; component: Component }>;
  issued: Array<{ din: string; code: string; component: Component; consignee: string; issuedOn: string }>;
  text: string;
}

export type UnitNotice = LookbackNotice;

/** A staff channel that can post unit notices (SlackStaffNotifier and the outbox implement it). */
export interface UnitNotifier {
  notifyUnits(notice: UnitNotice): Promise<void>;
}

export function lookbackText(notice: Omit<LookbackNotice, 'kind' | 'text'>): string {
  const markers = notice.markers.map((m) => MARKER_LABEL[m]).join(', ');
  const lines = [
    `Lookback for donation ${notice.indexDin} (reactive: ${markers}), donations from ${notice.windowFrom} to ${notice.windowTo}.`,
  ];
  if (notice.startBy) lines.push(`Start by ${notice.startBy}.`);
  lines.push(
    notice.quarantined.length === 0
      ? 'No component in stock needed quarantine.'
      : `Quarantined now (${notice.quarantined.length}): ${notice.quarantined
          .map((u) => `${u.din} ${COMPONENT_LABEL[u.component]}`)
          .join('; ')}.`,
  );
  lines.push(
    notice.issued.length === 0
      ? 'None was issued.'
      : `Issued, tell the hospitals (${notice.issued.length}): ${notice.issued
          .map((u) => `${u.din} ${COMPONENT_LABEL[u.component]} to ${u.consignee} on ${u.issuedOn}`)
          .join('; ')}.`,
  );
  return lines.join('\n');
}
