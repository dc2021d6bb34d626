/** Slots the unit intents share (RecordDonation … ExpiringUnits): the contract's names, one wording each. */
import type { SlotSource } from './types.js';

export const dinSlot = (
  required: boolean,
  prompt = 'Which DIN? Type it as printed or scan it.',
): SlotSource => ({
  name: 'din',
  description: 'Donation identification number(s), as printed or scanned.',
  slotType: 'Din',
  required,
  prompt,
  sampleUtterances: ['{din}', 'din {din}', 'unit {din}', 'its {din}'],
});

export const bloodGroupSlot = (required: boolean): SlotSource => ({
  name: 'bloodGroup',
  description: 'ABO and RhD group of the units.',
  slotType: 'BloodGroup',
  required,
  prompt: 'Which blood group?',
  sampleUtterances: ['{bloodGroup}', 'group {bloodGroup}'],
});

export const componentSlot = (required: boolean): SlotSource => ({
  name: 'component',
  description: 'Blood component.',
  slotType: 'Component',
  required,
  prompt: 'Which component: whole blood, red cells, platelets, plasma or cryo?',
  sampleUtterances: ['{component}'],
});

export const donorSlot: SlotSource = {
  name: 'donor',
  description: 'The donor, by name (with date of birth to tell two apart), phone number or donor number.',
  slotType: 'Donor',
  required: true,
  prompt: 'Which donor? Give their phone number or donor number, or their name and date of birth.',
  sampleUtterances: ['{donor}', 'donor {donor}', 'its {donor}'],
};
