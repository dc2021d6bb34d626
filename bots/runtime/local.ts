/**
 * The local Lex V2 runtime: interprets the bots/ definition the way Lex does, so the embedded default
 * and the tests exercise the same fulfillment code and dialog contract as AWS.
 * Per turn: expire the session and contexts, read the utterance in the light of what the bot asked
 * (a slot, a confirmation, or a new intent), call the dialog code hook where enabled, apply Lex's
 * default dialog (elicit required slots in order with their prompts and retries, confirm, fulfil),
 * and answer in the RecognizeText shape.
 */
import { randomUUID } from 'node:crypto';
import type { Interpretation, LocalNlu, NluOptions, PhoneCountry } from '../nlu/index.js';
import type { BotDefinition, IntentDefinition } from '../schema.js';
import { readConfirmation } from './confirmation.js';
import type {
  BotIntent,
  BotMessage,
  BotRuntime,
  BotSlot,
  CodeHook,
  DialogActionType,
  RecognizeTextRequest,
  RecognizeTextResult,
} from './port.js';
import {
  fromActiveContexts,
  liveContexts,
  type Session,
  SessionMemory,
  toActiveContexts,
} from './session.js';

/** Confidence above which an utterance answering a prompt is taken as a change of subject. */
const SWITCH_CONFIDENCE = 0.8;

export interface LocalRuntimeOptions {
  now?: () => Date;
  timeZone?: string;
  /** Country whose national format phone numbers are read in; from the policy (UK → GB). */
  phoneCountry?: PhoneCountry;
}

type Step = { messages: BotMessage[]; action: { type: DialogActionType; slotToElicit?: string } };

function scalar(value: string, original = value): BotSlot {
  return {
    shape: 'Scalar',
    value: { originalValue: original, interpretedValue: value, resolvedValues: [value] },
  };
}

function text(content: string): BotMessage {
  return { contentType: 'PlainText', content };
}

export class LocalLexRuntime implements BotRuntime {
  private readonly memory: SessionMemory;
  private readonly intents: Map<string, IntentDefinition>;
  private readonly now: () => Date;

  constructor(
    private readonly bot: BotDefinition,
    private readonly nlu: LocalNlu,
    private readonly codeHook: CodeHook,
    private readonly options: LocalRuntimeOptions = {},
  ) {
    this.memory = new SessionMemory(bot.idleSessionTtlInSeconds * 1000);
    this.intents = new Map(bot.intents.map((i) => [i.name, i]));
    this.now = options.now ?? (() => new Date());
  }

  async recognizeText(request: RecognizeTextRequest): Promise<RecognizeTextResult> {
    const nowDate = this.now();
    const now = nowDate.getTime();
    const session = this.memory.load(request.sessionId, now);
    session.sessionAttributes = {
      ...session.sessionAttributes,
      ...(request.sessionState?.sessionAttributes ?? {}),
    };
    session.contexts = request.sessionState?.activeContexts
      ? fromActiveContexts(request.sessionState.activeContexts, now)
      : liveContexts(session.contexts, now);
    const nluOptions: NluOptions = {
      now: nowDate,
      timeZone: this.options.timeZone ?? 'UTC',
      ...(this.options.phoneCountry ? { phoneCountry: this.options.phoneCountry } : {}),
      activeContexts: session.contexts.map((c) => c.name),
    };
    const turn = {
      request,
      session,
      nluOptions,
      requestId: randomUUID(),
      interpretations: [] as Interpretation[],
    };

    const step = await this.read(turn);
    // A context lives a number of turns: this one used a turn of every context that was live.
    for (const c of session.contexts) c.turnsLeft -= 1;
    session.contexts = liveContexts(session.contexts, now);
    session.waiting = step.action.type === 'Close' ? null : step.action;
    session.lastActivity = now;
    this.memory.save(request.sessionId, session);

    return {
      sessionId: request.sessionId,
      messages: step.messages,
      sessionState: {
        dialogAction: step.action,
        ...(session.intent ? { intent: session.intent } : {}),
        activeContexts: toActiveContexts(session.contexts, now),
        sessionAttributes: { ...session.sessionAttributes },
        originatingRequestId: turn.requestId,
      },
      interpretations: turn.interpretations.map((i) => ({
        intent: {
          name: i.intent,
          slots: this.slotsFor(i.intent, i.slots),
          state: 'InProgress',
          confirmationState: 'None',
        },
        nluConfidence: { score: Number(i.confidence.toFixed(2)) },
      })),
      ...(request.requestAttributes ? { requestAttributes: request.requestAttributes } : {}),
    };
  }

  /** Every slot of the intent, null when unfilled: the shape Lex sends. */
  private slotsFor(
    intentName: string,
    filled: Record<string, { originalValue: string; interpretedValue: string }>,
  ) {
    const slots: Record<string, BotSlot | null> = {};
    for (const slot of this.intents.get(intentName)?.slots ?? []) {
      const v = filled[slot.name];
      slots[slot.name] = v ? scalar(v.interpretedValue, v.originalValue) : null;
    }
    return slots;
  }

  private async read(turn: Turn): Promise<Step> {
    const { session, request, nluOptions } = turn;
    const waiting = session.waiting;
    const current = session.intent;
    if (waiting?.type === 'ElicitSlot' && waiting.slotToElicit && current) {
      const answer = this.nlu.resolveAnswer(current.name, waiting.slotToElicit, request.text, nluOptions);
      const value = answer?.[waiting.slotToElicit];
      if (answer && value) {
        turn.interpretations = await this.nlu.interpret(request.text, nluOptions);
        // What else the answer says fills empty slots only; the asked slot takes the answer.
        const slots = { ...current.slots };
        for (const [name, v] of Object.entries(answer))
          if (!slots[name]) slots[name] = scalar(v.interpretedValue, v.originalValue);
        slots[waiting.slotToElicit] = scalar(value.interpretedValue, value.originalValue);
        session.intent = { ...current, slots };
        session.retries = 0;
        return this.advance(turn);
      }
      const slotDef = this.intents.get(current.name)?.slots.find((s) => s.name === waiting.slotToElicit);
      return this.retryOrSwitch(turn, () => this.slotPrompt(current.name, waiting.slotToElicit!), {
        unanswered: slotDef?.optionalAnswer === true,
      });
    }
    if (waiting?.type === 'ConfirmIntent' && current) {
      const answer = readConfirmation(request.text);
      if (answer) {
        session.intent = { ...current, confirmationState: answer === 'yes' ? 'Confirmed' : 'Denied' };
        session.retries = 0;
        return this.advance(turn);
      }
      return this.retryOrSwitch(turn, () => this.confirmationPrompt(current));
    }
    return this.startIntent(turn);
  }

  /**
   * An answer that doesn't fit: a clear new request switches intent; a slot that may go unanswered
   * ("not sure") goes on with it empty; otherwise ask again, then give up.
   */
  private async retryOrSwitch(
    turn: Turn,
    prompt: () => string,
    options: { unanswered?: boolean } = {},
  ): Promise<Step> {
    const { session } = turn;
    turn.interpretations = await this.nlu.interpret(turn.request.text, turn.nluOptions);
    const top = turn.interpretations[0];
    if (
      top &&
      top.intent !== 'FallbackIntent' &&
      top.intent !== session.intent?.name &&
      top.confidence >= SWITCH_CONFIDENCE
    ) {
      return this.startIntent(turn);
    }
    if (options.unanswered) {
      session.retries = 0;
      return this.advance(turn);
    }
    session.retries += 1;
    const def = this.intents.get(session.intent!.name);
    const slotDef = def?.slots.find((s) => s.name === session.waiting?.slotToElicit);
    const maxRetries = slotDef?.maxRetries ?? 2;
    if (session.retries > maxRetries) {
      session.intent = { ...session.intent!, state: 'Failed' };
      session.retries = 0;
      return {
        messages: [
          text("Sorry, I'm having trouble understanding. Let's start again: what would you like to do?"),
        ],
        action: { type: 'Close' },
      };
    }
    return { messages: [text(prompt())], action: session.waiting! };
  }

  private async startIntent(turn: Turn): Promise<Step> {
    const { session } = turn;
    if (turn.interpretations.length === 0) {
      turn.interpretations = await this.nlu.interpret(turn.request.text, turn.nluOptions);
    }
    const top = turn.interpretations[0] ?? { intent: 'FallbackIntent', confidence: 1, slots: {} };
    session.intent = {
      name: top.intent,
      slots: this.slotsFor(top.intent, top.slots),
      state: 'InProgress',
      confirmationState: 'None',
    };
    session.retries = 0;
    return this.advance(turn);
  }

  /** One dialog step for the current intent: dialog hook (when enabled), then Lex's default policy. */
  private async advance(turn: Turn): Promise<Step> {
    const { session } = turn;
    const intent = session.intent!;
    const def = this.intents.get(intent.name);
    if (!def) return { messages: [text("Sorry, I can't help with that.")], action: { type: 'Close' } };
    if (def.dialogCodeHook) {
      const proposed = this.defaultNext(def, intent);
      const response = await this.invoke(turn, 'DialogCodeHook', proposed);
      const outcome = this.apply(turn, response, def);
      if (outcome) return outcome;
    }
    return this.defaultStep(turn, def);
  }

  /** What Lex would do next by itself. */
  private defaultNext(
    def: IntentDefinition,
    intent: BotIntent,
  ): { type: DialogActionType; slotToElicit?: string } {
    const missing = def.slots.find((s) => s.required && !intent.slots?.[s.name]);
    if (missing) return { type: 'ElicitSlot', slotToElicit: missing.name };
    if (def.confirmationPrompt && intent.confirmationState === 'None') return { type: 'ConfirmIntent' };
    return { type: 'Close' };
  }

  private async defaultStep(turn: Turn, def: IntentDefinition): Promise<Step> {
    const { session } = turn;
    const intent = session.intent!;
    if (intent.confirmationState === 'Denied') {
      session.intent = { ...intent, state: 'Failed' };
      return {
        messages: [text(def.declinationResponse ?? 'OK, I have not done anything.')],
        action: { type: 'Close' },
      };
    }
    const next = this.defaultNext(def, intent);
    if (next.type === 'ElicitSlot') {
      return { messages: [text(this.slotPrompt(def.name, next.slotToElicit!))], action: next };
    }
    if (next.type === 'ConfirmIntent') {
      return { messages: [text(this.confirmationPrompt(intent))], action: next };
    }
    session.intent = { ...intent, state: 'ReadyForFulfillment' };
    if (!def.fulfillmentCodeHook) {
      session.intent = { ...intent, state: 'Fulfilled' };
      this.activateOutputContexts(turn, def);
      return { messages: def.closingResponse ? [text(def.closingResponse)] : [], action: { type: 'Close' } };
    }
    const response = await this.invoke(turn, 'FulfillmentCodeHook', null);
    const outcome = this.apply(turn, response, def);
    // A fulfillment hook that delegates has nothing more to say: the intent is done.
    return outcome ?? { messages: [], action: { type: 'Close' } };
  }

  /** Adopts a code hook's answer; returns null when it delegated back to the default policy. */
  private apply(turn: Turn, response: Awaited<ReturnType<CodeHook>>, def: IntentDefinition): Step | null {
    const { session } = turn;
    const state = response.sessionState;
    if (state.sessionAttributes) session.sessionAttributes = { ...state.sessionAttributes };
    if (state.activeContexts)
      session.contexts = fromActiveContexts(state.activeContexts, this.now().getTime());
    if (state.intent) {
      const name = state.intent.name || session.intent!.name;
      session.intent = {
        name,
        slots: { ...this.slotsFor(name, {}), ...(state.intent.slots ?? {}) },
        state: state.intent.state ?? 'InProgress',
        confirmationState: state.intent.confirmationState ?? session.intent?.confirmationState ?? 'None',
      };
    }
    const messages = response.messages ?? [];
    const action = state.dialogAction;
    switch (action.type) {
      case 'Delegate':
        return null;
      case 'ElicitSlot':
        session.retries = 0;
        return {
          messages: messages.length
            ? messages
            : [text(this.slotPrompt(session.intent!.name, action.slotToElicit ?? ''))],
          action: { type: 'ElicitSlot', slotToElicit: action.slotToElicit! },
        };
      case 'ConfirmIntent':
        session.intent = { ...session.intent!, confirmationState: 'None' };
        return {
          messages: messages.length ? messages : [text(this.confirmationPrompt(session.intent))],
          action: { type: 'ConfirmIntent' },
        };
      case 'ElicitIntent':
        session.intent = null;
        return { messages, action: { type: 'ElicitIntent' } };
      case 'Close':
        if (session.intent?.state === 'Fulfilled') this.activateOutputContexts(turn, def);
        return { messages, action: { type: 'Close' } };
    }
  }

  private activateOutputContexts(turn: Turn, def: IntentDefinition): void {
    const now = this.now().getTime();
    for (const out of def.outputContexts) {
      turn.session.contexts = turn.session.contexts.filter((c) => c.name !== out.name);
      // +1 turn: the decrement at the end of this turn must not consume the context's first turn.
      turn.session.contexts.push({
        name: out.name,
        contextAttributes: {},
        expiresAt: now + out.timeToLiveInSeconds * 1000,
        turnsLeft: out.turnsToLive + 1,
        timeToLiveInSeconds: out.timeToLiveInSeconds,
      });
    }
  }

  private invoke(
    turn: Turn,
    source: 'DialogCodeHook' | 'FulfillmentCodeHook',
    proposed: { type: DialogActionType; slotToElicit?: string } | null,
  ) {
    const { session, request } = turn;
    const intent = session.intent!;
    const event = {
      messageVersion: '1.0',
      invocationSource: source,
      inputMode: 'Text',
      responseContentType: 'text/plain; charset=utf-8',
      sessionId: request.sessionId,
      inputTranscript: request.text,
      invocationLabel: null,
      bot: {
        id: 'LOCALBOT00',
        name: this.bot.name,
        aliasId: 'TSTALIASID',
        aliasName: 'TestBotAlias',
        localeId: this.bot.localeId,
        version: 'DRAFT',
      },
      interpretations: turn.interpretations.map((i) => ({
        intent: {
          name: i.intent,
          slots: this.slotsFor(i.intent, i.slots),
          state: 'InProgress',
          confirmationState: 'None',
        },
        nluConfidence: Number(i.confidence.toFixed(2)),
        interpretationSource: 'Lex',
      })),
      proposedNextState: proposed && proposed.type !== 'Close' ? { dialogAction: proposed, intent } : null,
      requestAttributes: request.requestAttributes ?? {},
      sessionState: {
        activeContexts: toActiveContexts(session.contexts, this.now().getTime()),
        sessionAttributes: { ...session.sessionAttributes },
        intent: { ...intent, state: source === 'FulfillmentCodeHook' ? 'ReadyForFulfillment' : 'InProgress' },
        originatingRequestId: turn.requestId,
      },
      transcriptions: [],
    };
    return this.codeHook(event);
  }

  private slotPrompt(intentName: string, slotName: string): string {
    return (
      this.intents.get(intentName)?.slots.find((s) => s.name === slotName)?.prompt ??
      `What is the ${slotName}?`
    );
  }

  /** The confirmation prompt with `{slot}` placeholders filled from the intent's slots. */
  private confirmationPrompt(intent: BotIntent): string {
    const template = this.intents.get(intent.name)?.confirmationPrompt ?? 'Shall I go ahead?';
    // Canonical values read back ("red_cells" → "red cells"): the user confirms what we understood.
    return template.replace(/\{([^}]+)\}/g, (_, name: string) =>
      (intent.slots?.[name]?.value?.interpretedValue ?? '').replace(/_/g, ' '),
    );
  }
}

interface Turn {
  request: RecognizeTextRequest;
  session: Session;
  nluOptions: NluOptions;
  requestId: string;
  interpretations: Interpretation[];
}
