/**
 * The bot runtime on AWS: Lex V2 RecognizeText. Channel adapters → this → Lex → the fulfillment
 * code hook. It maps our port's request and result to the SDK's shapes and nothing more, so the
 * local runtime (./local.ts) and this one are interchangeable behind BotRuntime.
 *
 * Session attributes: Lex keeps the dialog (intent, slots, contexts) per session id; the attributes
 * an adapter passes each turn are the ones fulfillment trusts (the signed principal), so sending them
 * every turn is enough and no GetSession round trip is needed.
 */
import {
  LexRuntimeV2Client,
  RecognizeTextCommand,
  type RecognizeTextCommandInput,
  type RecognizeTextCommandOutput,
  type Slot,
} from '@aws-sdk/client-lex-runtime-v2';
import type {
  BotIntent,
  BotMessage,
  BotRuntime,
  BotSessionState,
  BotSlot,
  RecognizeTextRequest,
  RecognizeTextResult,
} from './port.js';

export interface LexRuntimeConfig {
  botId: string;
  botAliasId: string;
  localeId: string;
  region?: string;
}

/** The one call we make to Lex: the SDK boundary, faked in tests. */
export interface LexClient {
  send(command: RecognizeTextCommand): Promise<RecognizeTextCommandOutput>;
}

export class LexRuntimeError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LexRuntimeError';
  }
}

function toSlots(slots: Record<string, Slot> | undefined): Record<string, BotSlot | null> {
  const out: Record<string, BotSlot | null> = {};
  for (const [name, slot] of Object.entries(slots ?? {})) {
    out[name] = slot
      ? {
          ...(slot.shape ? { shape: slot.shape as BotSlot['shape'] } : {}),
          ...(slot.value
            ? {
                value: {
                  ...(slot.value.originalValue !== undefined
                    ? { originalValue: slot.value.originalValue }
                    : {}),
                  interpretedValue: slot.value.interpretedValue ?? null,
                  ...(slot.value.resolvedValues ? { resolvedValues: slot.value.resolvedValues } : {}),
                },
              }
            : {}),
        }
      : null;
  }
  return out;
}

function toIntent(
  intent: NonNullable<RecognizeTextCommandOutput['sessionState']>['intent'],
): BotIntent | undefined {
  if (!intent?.name) return undefined;
  return {
    name: intent.name,
    slots: toSlots(intent.slots),
    ...(intent.state ? { state: intent.state as BotIntent['state'] } : {}),
    ...(intent.confirmationState
      ? { confirmationState: intent.confirmationState as BotIntent['confirmationState'] }
      : {}),
  };
}

function toMessages(messages: RecognizeTextCommandOutput['messages']): BotMessage[] {
  return (messages ?? []).map((m) => ({
    contentType: m.contentType as BotMessage['contentType'],
    ...(m.content !== undefined ? { content: m.content } : {}),
    ...(m.imageResponseCard
      ? {
          imageResponseCard: {
            title: m.imageResponseCard.title ?? '',
            ...(m.imageResponseCard.subtitle ? { subtitle: m.imageResponseCard.subtitle } : {}),
            ...(m.imageResponseCard.imageUrl ? { imageUrl: m.imageResponseCard.imageUrl } : {}),
            buttons: (m.imageResponseCard.buttons ?? []).map((b) => ({
              text: b.text ?? '',
              value: b.value ?? '',
            })),
          },
        }
      : {}),
  }));
}

function toSessionState(state: RecognizeTextCommandOutput['sessionState']): BotSessionState {
  if (!state) return {};
  const intent = toIntent(state.intent);
  return {
    ...(state.dialogAction?.type
      ? {
          dialogAction: {
            type: state.dialogAction.type as NonNullable<BotSessionState['dialogAction']>['type'],
            ...(state.dialogAction.slotToElicit ? { slotToElicit: state.dialogAction.slotToElicit } : {}),
          },
        }
      : {}),
    ...(intent ? { intent } : {}),
    ...(state.activeContexts
      ? {
          activeContexts: state.activeContexts.map((c) => ({
            name: c.name ?? '',
            timeToLive: {
              timeToLiveInSeconds: c.timeToLive?.timeToLiveInSeconds ?? 0,
              turnsToLive: c.timeToLive?.turnsToLive ?? 0,
            },
            ...(c.contextAttributes ? { contextAttributes: c.contextAttributes } : {}),
          })),
        }
      : {}),
    ...(state.sessionAttributes ? { sessionAttributes: state.sessionAttributes } : {}),
    ...(state.originatingRequestId ? { originatingRequestId: state.originatingRequestId } : {}),
  };
}

export class LexRuntime implements BotRuntime {
  private readonly client: LexClient;

  constructor(
    private readonly config: LexRuntimeConfig,
    client?: LexClient,
  ) {
    this.client = client ?? new LexRuntimeV2Client(config.region ? { region: config.region } : {});
  }

  async recognizeText(request: RecognizeTextRequest): Promise<RecognizeTextResult> {
    const input: RecognizeTextCommandInput = {
      botId: this.config.botId,
      botAliasId: this.config.botAliasId,
      localeId: this.config.localeId,
      sessionId: request.sessionId,
      text: request.text,
      ...(request.sessionState
        ? {
            sessionState: {
              ...(request.sessionState.sessionAttributes
                ? { sessionAttributes: request.sessionState.sessionAttributes }
                : {}),
              ...(request.sessionState.activeContexts
                ? {
                    activeContexts: request.sessionState.activeContexts.map((c) => ({
                      name: c.name,
                      timeToLive: c.timeToLive,
                      contextAttributes: c.contextAttributes ?? {},
                    })),
                  }
                : {}),
            },
          }
        : {}),
      ...(request.requestAttributes ? { requestAttributes: request.requestAttributes } : {}),
    };
    let out: RecognizeTextCommandOutput;
    try {
      out = await this.client.send(new RecognizeTextCommand(input));
    } catch (error) {
      // The SDK's message can echo request fields; keep only the error's name.
      throw new LexRuntimeError(`Lex RecognizeText failed (${(error as Error)?.name ?? 'unknown'})`, {
        cause: error,
      });
    }
    return {
      sessionId: out.sessionId ?? request.sessionId,
      messages: toMessages(out.messages),
      sessionState: toSessionState(out.sessionState),
      interpretations: (out.interpretations ?? []).flatMap((i) => {
        const intent = toIntent(i.intent);
        return intent
          ? [
              {
                intent,
                ...(i.nluConfidence?.score !== undefined
                  ? { nluConfidence: { score: i.nluConfidence.score } }
                  : {}),
              },
            ]
          : [];
      }),
      ...(out.requestAttributes ? { requestAttributes: out.requestAttributes } : {}),
    };
  }
}
