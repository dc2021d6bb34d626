/**
 * The NLU's public shapes (re-exported by index.ts) and the internal entity span they are built from.
 * Dialog manager → LocalNlu → classifier + entity extraction → slot values.
 */
export type PhoneCountry = 'US' | 'GB';

export interface NluOptions {
  /** Reference time for relative dates and times ("tomorrow", "friday"). */
  now: Date;
  /** IANA zone; default 'UTC'. Dates and times are computed in this zone. */
  timeZone?: string;
  /** Names of active Lex contexts; intents whose inputContexts are not all active are excluded. */
  activeContexts?: string[];
  /** Country assumed for phone numbers without a +country code; default 'US'. */
  phoneCountry?: PhoneCountry;
}

export interface SlotValue {
  originalValue: string;
  interpretedValue: string;
  resolvedValues: string[];
}

export interface Interpretation {
  intent: string;
  confidence: number;
  /** Only filled slots. */
  slots: Record<string, SlotValue>;
}

/** What the resolvers need from NluOptions, with defaults applied. */
export interface ResolveContext {
  now: Date;
  timeZone: string;
  phoneCountry: PhoneCountry;
}

/** A typed stretch of the user's text: [start, end) offsets into the original string. */
export interface Entity {
  /** A built-in (`AMAZON.Date`) or custom slot type name. */
  type: string;
  start: number;
  end: number;
  value: string;
  /** AMAZON.Date only: the date read as a birth date (the past, not the future). */
  pastValue?: string;
  /** AMAZON.Date only: the date read as lately past ("last tuesday" just gone, "in October" its last day). */
  recentPastValue?: string;
  /** AMAZON.Date only: a month without a day, a date only for slots about the recent past. */
  pastOnly?: boolean;
}

export function resolveContext(options: NluOptions): ResolveContext {
  return {
    now: options.now,
    timeZone: options.timeZone ?? 'UTC',
    phoneCountry: options.phoneCountry ?? 'US',
  };
}

export function slotValue(text: string, entity: Pick<Entity, 'start' | 'end'>, value: string): SlotValue {
  return {
    originalValue: text.slice(entity.start, entity.end).trim(),
    interpretedValue: value,
    resolvedValues: [value],
  };
}
