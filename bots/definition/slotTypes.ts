/**
 * Custom slot types of the bot (bots as data). Values are the canonical strings of the bot contract
 * (fulfillment/domain/vocabulary.ts); synonyms are what staff and donors actually type.
 */
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
    { value: 'General Hospital', synonyms: ['the General', 'City General'] },
    { value: 'Royal Infirmary', synonyms: ['the Royal'] },
    { value: "Children's Hospital", synonyms: ['Childrens Hospital', 'the Childrens'] },
    { value: 'Eastside Clinic', synonyms: ['Eastside'] },
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
];
