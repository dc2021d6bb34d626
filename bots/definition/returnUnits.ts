/** ReturnUnits (staff): a hospital sends an issued unit back; restocked or discarded by the time it was out of storage. */
import type { IntentSource } from './types.js';
import { dinSlot } from './unitSlots.js';

export const returnUnits: IntentSource = {
  name: 'ReturnUnits',
  description: 'Staff take back an issued unit from a hospital.',
  sampleUtterances: [
    'return a unit',
    'a unit has come back',
    'unit returned from the ward',
    'book a return',
    'return {din}',
    'return {din} from {hospital}',
    '{din} returned from {hospital}',
    '{din} came back from {hospital} after {minutesOut} minutes',
    'return {din}, out of the fridge {minutesOut} mins',
    '{hospital} sent back {din}',
    '{hospital} returned {din} unused',
    'returned unit {din} out for {minutesOut} minutes',
    'take back {din}',
    'unit {din} back from theatre, {minutesOut} min out',
    'return to stock {din}',
    'return {din} to inventory, out {minutesOut} minutes',
    '{din} sent back unopened from {hospital}',
    'returning {din} from {hospital}, {minutesOut} minutes out of storage',
    'log a return from {hospital}',
    'returned {din}',
    'ward returned {din} not used',
    '{din} back from {hospital}, {minutesOut} mins out of the cold chain',
    'restock {din}',
    'unused unit back {din}',
    'book {din} back in from {hospital}',
    '{din} was out {minutesOut} minutes and came back',
    'return of unused blood {din}',
  ],
  slots: [
    dinSlot(true, 'Which DIN is coming back?'),
    {
      name: 'hospital',
      description: 'The hospital it comes back from.',
      slotType: 'Hospital',
      required: false,
      prompt: 'Which hospital is it coming back from?',
      sampleUtterances: ['{hospital}', 'from {hospital}'],
    },
    {
      name: 'minutesOut',
      description: 'Minutes it spent out of controlled storage.',
      slotType: 'AMAZON.Number',
      required: false,
      prompt: 'How many minutes was it out of controlled storage?',
      sampleUtterances: ['{minutesOut}', '{minutesOut} minutes', '{minutesOut} mins'],
    },
  ],
  // The handler asks for confirmation itself, naming what will change; a no changes nothing.
  declinationResponse: 'OK, nothing was changed.',
  fulfillmentCodeHook: true,
};
