/**
 * Custom slot types of the bot (bots as data). Values are the canonical strings of the bot contract
 * (fulfillment/domain/vocabulary.ts); synonyms are what staff and donors actually type.
 */

import { formatDin } from '../../fulfillment/domain/din.js';
import type { SlotTypeDefinition, SlotTypeValue } from '../schema.js';

const POSITIVE = ['positive', 'pos', 'plus', 'rh positive', 'rhd positive', 'rh pos', 'rhd pos'];
const NEGATIVE = ['negative', 'neg', 'minus', 'rh negative', 'rhd negative', 'rh neg', 'rhd neg'];

/**
 * "O+", "O pos", "o+ve", "opos", "O RhD positive"... A bare letter is never a synonym: "A" and "O"
 * are ordinary English words, so a group only resolves together with its RhD sign or word.
 */
function bloodGroupValue(letters: string, sign: '+' | '-'): SlotTypeValue {
  const words = sign === '+' ? POSITIVE : NEGATIVE;
  const lower = letters.toLowerCase();
  const synonyms = [
    `${letters}${sign}ve`,
    `${letters} ${sign === '+' ? 'pos' : 'neg'}`,
    ...words.map((w) => `${letters} ${w}`),
    ...['pos', 'neg', 'positive', 'negative']
      .filter((w) => (sign === '+' ? w.startsWith('pos') : w.startsWith('neg')))
      .flatMap((w) => [`${lower}${w}`, `${lower}-${w}`, `group ${letters} ${w}`, `type ${letters} ${w}`]),
  ];
  // The universal donor is what staff ask for in an emergency.
  if (letters === 'O' && sign === '-') synonyms.push('universal donor', 'universal donor blood');
  return { value: `${letters}${sign}`, synonyms: [...new Set(synonyms)] };
}

const bloodGroupValues: SlotTypeValue[] = ['O', 'A', 'B', 'AB'].flatMap((letters) => [
  bloodGroupValue(letters, '+'),
  bloodGroupValue(letters, '-'),
]);

export const BloodGroup: SlotTypeDefinition = {
  name: 'BloodGroup',
  description: 'ABO and RhD group of a unit or a request: O+ O- A+ A- B+ B- AB+ AB-.',
  resolution: 'TopResolution',
  values: bloodGroupValues,
};

/**
 * A donor's own group, which they may not know. Kept apart from BloodGroup so that "not sure"
 * can never fill a stock check or a request for units with `unknown`.
 */
export const DonorBloodGroup: SlotTypeDefinition = {
  name: 'DonorBloodGroup',
  description: "A donor's blood group, or unknown when they have never been tested.",
  resolution: 'TopResolution',
  values: [
    ...bloodGroupValues.map((v) => ({ value: v.value, synonyms: [...v.synonyms] })),
    {
      value: 'unknown',
      synonyms: [
        "don't know",
        'dont know',
        'do not know',
        'not sure',
        'no idea',
        'unsure',
        'no clue',
        'not known',
        'never been tested',
        'not tested',
        "haven't a clue",
        "doesn't know",
        'doesnt know',
        'does not know',
      ],
    },
  ],
};

export const Component: SlotTypeDefinition = {
  name: 'Component',
  description: 'Blood component held in stock or requested.',
  resolution: 'TopResolution',
  values: [
    { value: 'whole_blood', synonyms: ['whole blood', 'wb', 'whole-blood'] },
    {
      value: 'red_cells',
      synonyms: [
        'red cells',
        'red cell',
        'red blood cells',
        'red blood cell',
        'rbc',
        'rbcs',
        'prbc',
        'prbcs',
        'packed cells',
        'packed red cells',
        'packed red blood cells',
        'red cell concentrate',
        'reds',
      ],
    },
    { value: 'platelets', synonyms: ['platelet', 'plts', 'plt', 'platelet concentrate', 'platelet pools'] },
    { value: 'plasma', synonyms: ['ffp', 'fresh frozen plasma', 'frozen plasma', 'octaplas'] },
    { value: 'cryo', synonyms: ['cryoprecipitate', 'cryoprecipitates', 'cryo units'] },
  ],
};

export const DonationType: SlotTypeDefinition = {
  name: 'DonationType',
  description: 'Kind of donation a donor gives.',
  resolution: 'TopResolution',
  values: [
    {
      value: 'whole_blood',
      synonyms: ['whole blood', 'whole-blood', 'regular donation', 'standard donation', 'normal donation'],
    },
    {
      value: 'double_red_cells',
      synonyms: [
        'power red',
        'power reds',
        'double red',
        'double reds',
        'double red cells',
        'double red cell',
        '2rbc',
      ],
    },
    {
      value: 'platelets',
      synonyms: ['platelet', 'apheresis platelets', 'platelet donation', 'plateletpheresis', 'plts'],
    },
    { value: 'plasma', synonyms: ['plasma donation', 'plasmapheresis', 'apheresis plasma'] },
  ],
};

export const Urgency: SlotTypeDefinition = {
  name: 'Urgency',
  description: 'How soon requested units are needed.',
  resolution: 'TopResolution',
  values: [
    {
      value: 'routine',
      synonyms: [
        'non-urgent',
        'non urgent',
        'not urgent',
        'elective',
        'no rush',
        'standard',
        'when convenient',
      ],
    },
    {
      value: 'urgent',
      synonyms: ['urgently', 'asap', 'as soon as possible', 'high priority', 'priority', 'quickly', 'soon'],
    },
    {
      value: 'emergency',
      synonyms: [
        'stat',
        'now',
        'right now',
        'trauma',
        'immediately',
        'life-threatening',
        'life threatening',
        'massive transfusion',
        'straight away',
        'code red',
      ],
    },
  ],
};

export const Answer: SlotTypeDefinition = {
  name: 'Answer',
  description: "A donor's answer to a shortage alert.",
  resolution: 'TopResolution',
  values: [
    {
      value: 'yes',
      synonyms: [
        'yeah',
        'yep',
        'yup',
        'y',
        'sure',
        'ok',
        'okay',
        'absolutely',
        'definitely',
        'of course',
        'i can come',
        'i can make it',
        'count me in',
        "i'll come",
        "i'll be there",
        'on my way',
        'yes please',
        'sure thing',
        'i can',
        "i'm in",
        'im in',
        'i am in',
        'count me in please',
        'yea',
        'yeh',
        'ya',
        'aye',
        'yh',
        'defo',
        'deffo',
        'will do',
        'no problem',
        'no worries',
        'happy to',
        'happy to help',
        'glad to help',
        "i'm free",
        'im free',
        "i'm available",
        'im available',
        "i'll be in",
        'be there',
        'can do',
      ],
    },
    {
      value: 'no',
      synonyms: [
        'nope',
        'nah',
        'n',
        "can't",
        'cant',
        'cannot',
        "can't make it",
        'cant make it',
        'not this time',
        'not today',
        'no thanks',
        'unable',
        "i can't",
        "won't make it",
        'not available',
        "can't this week",
        'cant this week',
        'not this week',
        'no can do',
        'sorry no',
        'afraid not',
        "i'm afraid not",
        'sadly not',
        'not really',
        'not me',
        "i'm out",
        'im out',
        "can't do",
        'cant do',
        'not able',
        'not able to',
        "i'm busy",
        'im busy',
        "i'm away",
        'im away',
        "i'm working",
        'im working',
        "i'm unwell",
        'im unwell',
        "i'm ill",
        'unavailable',
        'no way',
        'pass',
        'maybe next time',
        'not now',
        "won't be able",
        'wont be able',
      ],
    },
  ],
};

export const Site: SlotTypeDefinition = {
  name: 'Site',
  description: 'Donor centre / blood bank site.',
  resolution: 'TopResolution',
  values: [
    {
      value: 'central',
      synonyms: [
        'central donor centre',
        'central donor center',
        'city centre',
        'city center',
        'downtown',
        'central site',
      ],
    },
    {
      value: 'northside',
      synonyms: ['north side', 'northside donor centre', 'northside donor center', 'north', 'north site'],
    },
  ],
};

/** Hospitals are open-ended: Lex keeps what was said (OriginalValue); these are samples. */
export const Hospital: SlotTypeDefinition = {
  name: 'Hospital',
  description: 'Hospital the units are for.',
  resolution: 'OriginalValue',
  values: [
    { value: "St Mary's", synonyms: ["St Mary's Hospital", "Saint Mary's", 'St Marys'] },
    { value: 'General Hospital', synonyms: ['the General'] },
    { value: 'City General', synonyms: ['City General Hospital'] },
    { value: "St Luke's", synonyms: ["St Luke's Hospital", "Saint Luke's", 'St Lukes'] },
    { value: 'Royal Infirmary', synonyms: ['the Royal', 'the Royal Infirmary'] },
    { value: "Children's Hospital", synonyms: ['Childrens Hospital', 'the Childrens'] },
    { value: 'Eastside Clinic', synonyms: ['Eastside'] },
  ],
};

/**
 * What a SmallTalk utterance is. Canonical values are what fulfillment answers by ("You're welcome!",
 * "Goodbye…", "Great."); the synonyms are how people say them, slang and SMS shorthand included.
 */
export const SmallTalkKind: SlotTypeDefinition = {
  name: 'SmallTalkKind',
  description: 'Kind of small talk: thanks, goodbye or acknowledgement.',
  resolution: 'TopResolution',
  values: [
    {
      value: 'goodbye',
      synonyms: [
        'bye',
        'bye bye',
        'byebye',
        'bye for now',
        'good bye',
        'see ya',
        'see you',
        'see you later',
        'see you soon',
        'cya',
        'later',
        'laters',
        'ttyl',
        'talk to you later',
        'speak to you later',
        'speak soon',
        'talk soon',
        'catch you later',
        'take care',
        'good night',
        'goodnight',
        'night night',
        'farewell',
        'have a good day',
        'have a nice day',
        'have a good one',
        "that's all",
        'thats all',
        "that's everything",
        "i'm done",
        'im done',
        'all done',
        'signing off',
        'gotta go',
        'got to go',
      ],
    },
    {
      value: 'thanks',
      synonyms: [
        'thank you',
        'thank u',
        'thankyou',
        'thanks a lot',
        'thanks very much',
        'thank you very much',
        'thank you so much',
        'thanks so much',
        'many thanks',
        'ta',
        'ta very much',
        'cheers',
        'cheers mate',
        'thx',
        'thnx',
        'thnks',
        'thanx',
        'ty',
        'tysm',
        'much appreciated',
        'appreciate it',
        'appreciated',
        'thank',
        'great help',
        'very helpful',
        'been helpful',
        'so helpful',
        'nice one thanks',
      ],
    },
    {
      value: 'acknowledgement',
      synonyms: [
        'ok',
        'okay',
        'okey',
        'okie',
        'k',
        'kk',
        'cool',
        'great',
        'great stuff',
        'got it',
        'gotcha',
        'alright',
        'all right',
        'right then',
        'fine',
        'perfect',
        'lovely',
        'brilliant',
        'awesome',
        'nice',
        'nice one',
        'noted',
        'understood',
        'sounds good',
        'that sounds good',
        'fair enough',
        'no worries',
        'no problem',
        'np',
        'grand',
        'sweet',
        'excellent',
        'wonderful',
        'makes sense',
        'i see',
        'fab',
      ],
    },
  ],
};

/**
 * What a donor mentions before they come (DOMAIN.md "Self-declared deferrals"); fulfillment answers
 * each with its rule. Only words that name the thing itself: "ill" and "sick" are illness here, the
 * way a donor asking whether they can donate means them.
 */
export const DeferralTopic: SlotTypeDefinition = {
  name: 'DeferralTopic',
  description:
    'A self-declared reason to wait before donating: tattoo, travel, illness, antibiotics, vaccination, pregnancy.',
  resolution: 'TopResolution',
  values: [
    {
      value: 'tattoo',
      synonyms: [
        'tattoos',
        'tattooed',
        'new tattoo',
        'piercing',
        'piercings',
        'pierced',
        'ear piercing',
        'nose piercing',
        'body piercing',
        'microblading',
        'microbladed',
        'eyebrows microbladed',
        'semi permanent make-up',
        'semi-permanent makeup',
        'permanent makeup',
        'acupuncture',
        'ink',
      ],
    },
    {
      value: 'travel',
      synonyms: [
        'malaria',
        'malaria area',
        'malaria zone',
        'abroad',
        'trip',
        'trip abroad',
        'travelled',
        'traveled',
        'travelling',
        'traveling',
        'been travelling',
        'holiday abroad',
        'overseas',
      ],
    },
    {
      value: 'illness',
      synonyms: [
        'cold',
        'a cold',
        'flu',
        'the flu',
        'sore throat',
        'fever',
        'high temperature',
        'ill',
        'sick',
        'cough',
        'chest infection',
        'stomach bug',
        'covid',
      ],
    },
    {
      value: 'antibiotics',
      synonyms: [
        'antibiotic',
        'course of antibiotics',
        'on antibiotics',
        'amoxicillin',
        'amoxycillin',
        'penicillin',
        'doxycycline',
        'antibiotic course',
      ],
    },
    {
      value: 'vaccination',
      synonyms: [
        'vaccine',
        'vaccines',
        'vaccinated',
        'jab',
        'jabs',
        'flu jab',
        'flu shot',
        'covid jab',
        'covid vaccine',
        'booster',
        'booster jab',
        'immunisation',
        'immunization',
        'shot',
      ],
    },
    {
      value: 'pregnancy',
      synonyms: [
        'pregnant',
        'gave birth',
        'given birth',
        'giving birth',
        'had a baby',
        'had my baby',
        'baby',
        'new baby',
        'maternity',
      ],
    },
  ],
};

/** A DIN as printed (check character optional, spaces optional) and as scanned (`=` + 13 + 2 flags). */
function dinForms(din: string): string[] {
  const printed = formatDin(din);
  return [
    printed,
    printed.replace(/ /g, ''),
    `${din.slice(0, 5)} ${din.slice(5, 7)} ${din.slice(7)}`,
    `=${din}00`,
  ];
}
const SAMPLE_DINS = ['W123426000081', 'W123426000123', 'W123426004417', 'A998826100052', 'G071526000907'];
const SAMPLE_DIN_LISTS = [
  ['W123426000081', 'W123426000082'],
  ['W123426000310', 'W123426000311', 'W123426000312'],
  ['A998826100060', 'A998826100071'],
];

/**
 * Donation identification numbers (ISBT 128), one or several in one message. Open-ended (Lex keeps
 * what was said); the NLU finds them by shape (bots/nlu/din.ts) and gives the canonical 13
 * characters, several separated by spaces; fulfillment parses them again with domain/dinInput.ts.
 */
export const Din: SlotTypeDefinition = {
  name: 'Din',
  description: 'ISBT 128 donation identification number(s), printed or scanned.',
  resolution: 'OriginalValue',
  values: [
    ...SAMPLE_DINS.map((din) => ({ value: din, synonyms: dinForms(din) })),
    ...SAMPLE_DIN_LISTS.map((dins) => ({
      value: dins.join(' '),
      synonyms: [
        dins.map(formatDin).join(', '),
        dins.map((d) => `=${d}00`).join(' '),
        `${dins.slice(0, -1).map(formatDin).join(', ')} and ${formatDin(dins.at(-1)!)}`,
      ],
    })),
  ],
};

/** Who gave the blood, as staff name them: a name (with a date of birth to tell two apart), a phone or a donor number. */
export const Donor: SlotTypeDefinition = {
  name: 'Donor',
  description: 'A donor, by name, phone number or donor number; resolved by fulfillment.',
  resolution: 'OriginalValue',
  values: [
    { value: 'Dana Donor', synonyms: [] },
    { value: 'Maria Lopez', synonyms: [] },
    { value: 'James Okafor', synonyms: [] },
    { value: 'Priya Shah', synonyms: [] },
    { value: 'Tom Becker', synonyms: [] },
  ],
};

export const TestResult: SlotTypeDefinition = {
  name: 'TestResult',
  description: 'Outcome of the screening tests of a donation.',
  resolution: 'TopResolution',
  values: [
    {
      value: 'negative',
      synonyms: [
        'neg',
        'negs',
        'negatives',
        'non-reactive',
        'non reactive',
        'nonreactive',
        'nr',
        'all clear',
        'clear',
        'all negative',
        'all neg',
        'all negs',
        'tested negative',
      ],
    },
    {
      value: 'reactive',
      synonyms: [
        'positive',
        'pos',
        'repeat reactive',
        'repeatedly reactive',
        'rr',
        'tested reactive',
        'tested positive',
        'came back positive',
        'came back reactive',
        'confirmed positive',
        'screen positive',
      ],
    },
  ],
};

export const Marker: SlotTypeDefinition = {
  name: 'Marker',
  description: 'Screening marker (infectious disease test).',
  resolution: 'TopResolution',
  values: [
    { value: 'hiv', synonyms: ['hiv 1', 'hiv-1', 'hiv 1 2', 'hiv1', 'hiv-1 2', 'hiv ab', 'hiv nat'] },
    { value: 'hbv', synonyms: ['hep b', 'hepatitis b', 'hbsag', 'hbs ag', 'hbv nat', 'anti-hbc', 'hbc'] },
    { value: 'hcv', synonyms: ['hep c', 'hepatitis c', 'hcv nat', 'anti-hcv'] },
    { value: 'htlv', synonyms: ['htlv 1', 'htlv-1', 'htlv i ii', 'htlv1', 'htlv 1 2'] },
    { value: 'syphilis', synonyms: ['tp', 'treponema', 'rpr', 'vdrl', 'syph'] },
    { value: 'wnv', synonyms: ['west nile', 'west nile virus', 'wnv nat'] },
    { value: 'chagas', synonyms: ['t cruzi', 't. cruzi', 'trypanosoma cruzi', 'chagas disease'] },
    { value: 'hev', synonyms: ['hep e', 'hepatitis e', 'hev nat'] },
  ],
};

/** DOMAIN.md's discard reasons (fulfillment/domain/unitVocabulary.ts DISCARD_REASONS). */
export const DiscardReason: SlotTypeDefinition = {
  name: 'DiscardReason',
  description: 'Why a unit is discarded.',
  resolution: 'TopResolution',
  values: [
    {
      value: 'expired',
      synonyms: [
        'out of date',
        'outdated',
        'past expiry',
        'past its expiry',
        'time expired',
        'expired unit',
        'ood',
      ],
    },
    {
      value: 'damaged',
      synonyms: [
        'broken',
        'leaking',
        'leaky',
        'leak',
        'burst',
        'punctured',
        'torn',
        'cracked',
        'broken bag',
        'leaking bag',
        'damaged bag',
        'dropped',
      ],
    },
    {
      value: 'failed_inspection',
      synonyms: [
        'failed inspection',
        'failed visual inspection',
        'failed visual',
        'haemolysed',
        'hemolysed',
        'hemolyzed',
        'haemolysis',
        'hemolysis',
        'clotted',
        'clots',
        'clot',
        'lipaemic',
        'lipemic',
        'discoloured',
        'discolored',
        'clumped',
        'visual fail',
      ],
    },
    {
      value: 'temperature_excursion',
      synonyms: [
        'temperature excursion',
        'temp excursion',
        'temperature breach',
        'temp breach',
        'fridge failure',
        'fridge alarm',
        'fridge broke down',
        'out of temperature',
        'out of temp',
        'too warm',
        'got warm',
        'cold chain breach',
        'cold chain failure',
      ],
    },
    {
      value: 'reactive_test',
      synonyms: ['reactive test', 'reactive result', 'reactive screen', 'failed screening'],
    },
    {
      value: 'returned_out_of_storage',
      synonyms: [
        'out of storage too long',
        'returned too late',
        'out of the fridge too long',
        'out too long',
      ],
    },
    { value: 'recalled', synonyms: ['recall', 'product recall', 'recalled by the supplier', 'withdrawn'] },
    {
      value: 'volume_out_of_range',
      synonyms: [
        'volume out of range',
        'low volume',
        'underweight',
        'overweight',
        'underfilled',
        'overfilled',
        'wrong volume',
      ],
    },
    { value: 'other', synonyms: ['other reason', 'some other reason'] },
  ],
};

export const DonationOutcome: SlotTypeDefinition = {
  name: 'DonationOutcome',
  description: 'How a donation went.',
  resolution: 'TopResolution',
  values: [
    {
      value: 'completed',
      synonyms: ['complete', 'full unit', 'successful', 'went fine', 'no problems', 'full bag'],
    },
    {
      value: 'incomplete',
      synonyms: [
        'partial',
        'partial unit',
        'short draw',
        'not completed',
        'stopped early',
        'slow bleed',
        'incomplete draw',
      ],
    },
    {
      value: 'deferred',
      synonyms: [
        'deferral',
        'deferred at screening',
        'turned away',
        'low hb',
        'low haemoglobin',
        'low hemoglobin',
        'failed hb',
      ],
    },
    {
      value: 'adverse_reaction',
      synonyms: [
        'adverse reaction',
        'reaction',
        'fainted',
        'faint',
        'vasovagal',
        'vvr',
        'passed out',
        'felt faint',
      ],
    },
  ],
};

/** Establishments units are received from: open-ended, these are samples. */
export const Source: SlotTypeDefinition = {
  name: 'Source',
  description: 'The blood establishment units were received from.',
  resolution: 'OriginalValue',
  values: [
    { value: 'NHSBT', synonyms: [] },
    { value: 'Red Cross', synonyms: ['the Red Cross', 'American Red Cross'] },
    { value: 'Regional Blood Centre', synonyms: ['Regional Blood Center', 'the regional centre'] },
    { value: 'Lakeside Blood Service', synonyms: ['Lakeside'] },
    { value: 'Vitalant', synonyms: [] },
  ],
};

/** What ActivityReport counts (DESIGN.md: activity issues, discards, collections). */
export const Activity: SlotTypeDefinition = {
  name: 'Activity',
  description: 'A kind of unit activity staff count over a period.',
  resolution: 'TopResolution',
  values: [
    {
      value: 'issues',
      synonyms: ['issue', 'issued', 'sent out', 'dispatched', 'supplied', 'sent to hospitals', 'issuing'],
    },
    {
      value: 'discards',
      synonyms: [
        'discard',
        'discarded',
        'binned',
        'wasted',
        'wastage',
        'waste',
        'thrown away',
        'threw away',
        'written off',
        'write offs',
      ],
    },
    {
      value: 'collections',
      synonyms: ['collection', 'collected', 'collect', 'donations', 'bled', 'donations taken'],
    },
  ],
};

export const slotTypes: SlotTypeDefinition[] = [
  BloodGroup,
  DonorBloodGroup,
  Component,
  DonationType,
  Urgency,
  Answer,
  Site,
  Hospital,
  SmallTalkKind,
  DeferralTopic,
  Din,
  Donor,
  TestResult,
  Marker,
  DiscardReason,
  DonationOutcome,
  Source,
  Activity,
];
