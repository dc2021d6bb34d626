/** TransferUnits (staff): move available units between sites, first-expiring first. Nothing is issued. */
import type { IntentSource } from './types.js';
import { bloodGroupSlot, componentSlot, dinSlot } from './unitSlots.js';

const site = (name: string, prompt: string, cue: string) => ({
  name,
  description: `The site units are moved ${cue}.`,
  slotType: 'Site',
  required: true,
  prompt,
  sampleUtterances: [`{${name}}`, `${cue} {${name}}`],
});

export const transferUnits: IntentSource = {
  name: 'TransferUnits',
  description: 'Staff move units from one site to another.',
  sampleUtterances: [
    'transfer units',
    'move units between sites',
    'I need to transfer some units',
    'inter site transfer',
    'transfer {units} units of {bloodGroup} {component} from {fromSite} to {toSite}',
    'move {units} {bloodGroup} {component} from {fromSite} to {toSite}',
    'transfer {units} {bloodGroup} {component} to {toSite}',
    'send {units} {bloodGroup} {component} over to {toSite} from {fromSite}',
    'shift {units} units of {component} from {fromSite} to {toSite}',
    'move {din} to {toSite}',
    'transfer {din} from {fromSite} to {toSite}',
    'relocate {units} {bloodGroup} to {toSite}',
    'rebalance, {units} {bloodGroup} {component} {fromSite} to {toSite}',
    '{units} {bloodGroup} {component} {fromSite} to {toSite}',
    'move stock from {fromSite} to {toSite}',
    'transfer from {fromSite} to {toSite}',
    'can you move {units} {component} across to {toSite}',
    'top up {toSite} with {units} {bloodGroup} {component} from {fromSite}',
    'stock transfer {din} to {toSite}',
    'ship {units} {bloodGroup} {component} from {fromSite} to {toSite}',
    'transfer out {units} {component} to {toSite}',
    'move {units} units to {toSite}',
    'courier {units} {bloodGroup} {component} to the {toSite} site',
    'moving {din} and more from {fromSite} to {toSite}',
    'redistribute {units} {bloodGroup} from {fromSite} to {toSite}',
    'send {din} across to {toSite}',
    'transfer {units} of {bloodGroup} {component} between sites',
  ],
  slots: [
    {
      name: 'units',
      description: 'How many units to move (first-expiring first).',
      slotType: 'AMAZON.Number',
      required: false,
      prompt: 'How many units?',
      sampleUtterances: ['{units}', '{units} units'],
    },
    bloodGroupSlot(false),
    componentSlot(false),
    site('fromSite', 'From which site: central or northside?', 'from'),
    site('toSite', 'To which site: central or northside?', 'to'),
    dinSlot(false, 'Which DINs?'),
  ],
  // The handler asks for confirmation itself, naming what will change; a no changes nothing.
  declinationResponse: 'OK, nothing was changed.',
  fulfillmentCodeHook: true,
};
