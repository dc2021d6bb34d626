/** Builders for Lex V2 code-hook events as Lex sends them (unfilled slots null, extra fields). */
import { PRINCIPAL_ATTRIBUTE, type Principal, signPrincipal } from '../../fulfillment/auth/principal.js';

export const TEST_SIGNING_KEY = 'test-signing-key-test-signing-key-0123456789';

export function slot(value: string) {
  return {
    shape: 'Scalar',
    value: { originalValue: value, interpretedValue: value, resolvedValues: [value] },
  };
}

export function lexEvent(input: {
  intent: string;
  slots?: Record<string, string | null>;
  source?: 'DialogCodeHook' | 'FulfillmentCodeHook';
  confirmationState?: 'None' | 'Confirmed' | 'Denied';
  principal?: Principal | string;
  now?: Date;
  activeContexts?: unknown[];
  sessionAttributes?: Record<string, string>;
}) {
  const slots: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(input.slots ?? {}))
    slots[name] = value === null ? null : slot(value);
  const principalToken =
    typeof input.principal === 'string'
      ? input.principal
      : input.principal
        ? signPrincipal(input.principal, TEST_SIGNING_KEY, input.now ?? new Date())
        : undefined;
  return {
    messageVersion: '1.0',
    invocationSource: input.source ?? 'FulfillmentCodeHook',
    inputMode: 'Text',
    responseContentType: 'text/plain; charset=utf-8',
    sessionId: 'session-1',
    inputTranscript: 'test',
    bot: { id: 'B', name: 'BloodBank', aliasId: 'A', aliasName: 'live', localeId: 'en_US', version: '1' },
    interpretations: [
      {
        intent: { name: input.intent, slots, state: 'InProgress', confirmationState: 'None' },
        nluConfidence: 0.9,
      },
    ],
    proposedNextState: null,
    requestAttributes: {},
    sessionState: {
      activeContexts: input.activeContexts ?? [],
      sessionAttributes: {
        ...(input.sessionAttributes ?? {}),
        ...(principalToken ? { [PRINCIPAL_ATTRIBUTE]: principalToken } : {}),
      },
      intent: {
        name: input.intent,
        slots,
        state: input.source === 'DialogCodeHook' ? 'InProgress' : 'ReadyForFulfillment',
        confirmationState: input.confirmationState ?? 'None',
      },
      originatingRequestId: 'req-1',
    },
    transcriptions: [],
  };
}
