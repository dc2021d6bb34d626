/** DiscardUnits (staff): one or several units written off with a reason; confirmed first, it cannot be undone. */
import type { IntentSource } from './types.js';
import { componentSlot, dinSlot } from './unitSlots.js';

export const discardUnits: IntentSource = {
  name: 'DiscardUnits',
  description: 'Staff discard units with a reason.',
  sampleUtterances: [
    'discard a unit',
    'discard units',
    'write off a unit',
    'I need to bin some units',
    'discard {din}',
    'discard {din} {reason}',
    'discard {din} as {reason}',
    'discard unit {din}, {reason}',
    'write off {din}',
    'write off {din} {reason}',
    'bin {din} {reason}',
    'throw away {din}',
    'destroy {din}, {reason}',
    'mark {din} as {reason}',
    'mark unit {din} {reason} and discard',
    '{din} is {reason}, discard it',
    '{din} {reason}',
    '{din} {reason} please discard',
    'dispose of {din}',
    'waste {din} {reason}',
    'discard {component} {din} {reason}',
    'discard the {component} from {din}, {reason}',
    'remove {din} from stock {reason}',
    'take {din} out of inventory, {reason}',
    'these are {reason}, discard {din}',
    'discard {din} reason {reason}',
    'get rid of {din}',
    'scrap {din}',
    'wastage {din} {reason}',
    'discard bag {din}',
    'please write off bag {din}, {reason}',
    '{reason} unit {din} to be discarded',
  ],
  slots: [
    dinSlot(true, 'Which DINs? Type or scan them, separated by commas.'),
    {
      name: 'reason',
      description:
        'Why: expired, damaged, failed inspection, temperature excursion, recalled, volume, other.',
      slotType: 'DiscardReason',
      required: true,
      prompt:
        'Why are they discarded: expired, damaged, failed inspection, temperature excursion, recalled, volume out of range or other?',
      sampleUtterances: ['{reason}', 'they are {reason}', 'reason {reason}'],
    },
    componentSlot(false),
  ],
  // The handler asks for confirmation itself, naming what will change; a no changes nothing.
  declinationResponse: 'OK, nothing was changed.',
  fulfillmentCodeHook: true,
};
