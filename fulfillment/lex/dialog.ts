/**
 * Dialog helpers: the small named set every intent handler answers with. Each returns a new response
 * and never mutates the incoming event (a flaw of the AWS samples this is modelled on).
 */
import type {
  LexActiveContext,
  LexEvent,
  LexIntent,
  LexMessage,
  LexResponse,
  ResponseCard,
} from './event.js';

export interface Reply {
  text: string;
  /** Up to 5 buttons, rendered as an ImageResponseCard after the text (Lex's limit). */
  buttons?: Array<{ text: string; value: string }>;
  cardTitle?: string;
  /**
   * The same answer as data (JSON), sent as a CustomPayload message after the text for channels that
   * render structure (Slack); others ignore it. Dropped when over Lex's 1000 characters per message.
   */
  payload?: Record<string, unknown>;
}

/** Lex V2's limit on a message's content. */
const MAX_MESSAGE_CHARS = 1000;

export interface SessionChanges {
  sessionAttributes?: Record<string, string>;
  activeContexts?: LexActiveContext[];
}

function messages(reply: Reply | undefined): LexMessage[] | undefined {
  if (!reply) return undefined;
  const out: LexMessage[] = [{ contentType: 'PlainText', content: reply.text }];
  const payload = reply.payload ? JSON.stringify(reply.payload) : '';
  if (payload && payload.length <= MAX_MESSAGE_CHARS)
    out.push({ contentType: 'CustomPayload', content: payload });
  if (reply.buttons && reply.buttons.length > 0) {
    const card: ResponseCard = {
      title: reply.cardTitle ?? 'Choose one',
      buttons: reply.buttons
        .slice(0, 5)
        .map((b) => ({ text: b.text.slice(0, 50), value: b.value.slice(0, 50) })),
    };
    out.push({ contentType: 'ImageResponseCard', imageResponseCard: card });
  }
  return out;
}

function session(event: LexEvent, intent: LexIntent | undefined, changes: SessionChanges | undefined) {
  return {
    sessionAttributes: {
      ...(event.sessionState.sessionAttributes ?? {}),
      ...(changes?.sessionAttributes ?? {}),
    },
    ...(changes?.activeContexts ? { activeContexts: changes.activeContexts } : {}),
    ...(intent ? { intent } : {}),
  };
}

/** The event's intent with some slots replaced (null clears a slot); a copy. */
export function withSlots(intent: LexIntent, slots: Record<string, string | null>): LexIntent {
  const next: LexIntent = { ...intent, slots: { ...intent.slots } };
  for (const [name, value] of Object.entries(slots)) {
    next.slots[name] =
      value === null
        ? null
        : {
            shape: 'Scalar',
            value: { originalValue: value, interpretedValue: value, resolvedValues: [value] },
          };
  }
  return next;
}

export function elicitSlot(
  event: LexEvent,
  slotToElicit: string,
  reply: Reply,
  intent?: LexIntent,
  changes?: SessionChanges,
): LexResponse {
  const base = intent ?? event.sessionState.intent;
  return {
    sessionState: {
      ...session(event, { ...base, state: 'InProgress' }, changes),
      dialogAction: { type: 'ElicitSlot', slotToElicit },
    },
    messages: messages(reply),
  };
}

export function confirmIntent(
  event: LexEvent,
  reply: Reply,
  intent?: LexIntent,
  changes?: SessionChanges,
): LexResponse {
  const base = intent ?? event.sessionState.intent;
  const withButtons: Reply = {
    ...reply,
    buttons: reply.buttons ?? [
      { text: 'Yes', value: 'yes' },
      { text: 'No', value: 'no' },
    ],
    cardTitle: reply.cardTitle ?? 'Confirm',
  };
  return {
    sessionState: {
      ...session(event, { ...base, state: 'InProgress', confirmationState: 'None' }, changes),
      dialogAction: { type: 'ConfirmIntent' },
    },
    messages: messages(withButtons),
  };
}

export function close(
  event: LexEvent,
  state: 'Fulfilled' | 'Failed',
  reply: Reply,
  intent?: LexIntent,
  changes?: SessionChanges,
): LexResponse {
  const base = intent ?? event.sessionState.intent;
  return {
    sessionState: { ...session(event, { ...base, state }, changes), dialogAction: { type: 'Close' } },
    messages: messages(reply),
  };
}

export function delegate(event: LexEvent, intent?: LexIntent, changes?: SessionChanges): LexResponse {
  const base = intent ?? event.sessionState.intent;
  return { sessionState: { ...session(event, base, changes), dialogAction: { type: 'Delegate' } } };
}

export function elicitIntent(event: LexEvent, reply: Reply, changes?: SessionChanges): LexResponse {
  return {
    sessionState: { ...session(event, undefined, changes), dialogAction: { type: 'ElicitIntent' } },
    messages: messages(reply),
  };
}

/** The interpreted value of a slot, or null when unfilled. */
export function slotValue(intent: LexIntent, name: string): string | null {
  return intent.slots[name]?.value?.interpretedValue ?? null;
}
