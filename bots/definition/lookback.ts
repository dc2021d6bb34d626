/**
 * Lookback (staff): a donor's earlier donations in the lookback window; held in-date components are
 * quarantined (confirmed first), issued ones are listed with hospital and date.
 */
import type { IntentSource } from './types.js';
import { dinSlot, donorSlot } from './unitSlots.js';

export const lookback: IntentSource = {
  name: 'Lookback',
  description: 'Staff run a lookback for a donor or a DIN: quarantine held components, list issued ones.',
  sampleUtterances: [
    'run a lookback',
    'start a lookback',
    'lookback please',
    'I need a look back',
    'run a lookback on {donor}',
    'lookback for donor {donor}',
    'lookback on {din}',
    'look back on donation {din}',
    'run lookback for {din}',
    'start a lookback on {donor}',
    'which units from donor {donor} were issued',
    'where did the earlier donations of {donor} go',
    'recall the previous donations of {donor}',
    'quarantine everything from donor {donor}',
    'quarantine {din}',
    'quarantine unit {din}',
    'put {din} on hold',
    'hold all units from donor {donor}',
    'quarantine the donor of {din}',
    'lookback investigation for donor {donor}',
    'trace back the donations of {donor}',
    'seroconversion lookback {donor}',
    'the donor of {din} seroconverted, run a lookback',
    'look back at the previous donations of {donor}',
    'find the recipients of donations from {donor}',
    'quarantine all in date components from {din}',
    'recall units from donor {donor}',
    'lookback {din}',
  ],
  slots: [{ ...donorSlot, required: false }, dinSlot(false, 'Which DIN, or which donor?')],
  // The handler asks for confirmation itself, naming what will change; a no changes nothing.
  declinationResponse: 'OK, nothing was changed.',
  fulfillmentCodeHook: true,
};
