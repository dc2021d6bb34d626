/**
 * The bot runtime port: what a channel adapter calls with a user's text. On AWS it is Lex V2's
 * RecognizeText (./lexRuntime.ts); in the embedded default it is the local runtime (./local.ts) over
 * the same bots/ definition. Both return the RecognizeText response shape.
 */
export type MessageContentType = 'PlainText' | 'ImageResponseCard' | 'CustomPayload' | 'SSML';

export interface BotMessage {
  contentType: MessageContentType;
  content?: string;
  imageResponseCard?: {
    title: string;
    subtitle?: string;
    imageUrl?: string;
    buttons?: Array<{ text: string; value: string }>;
  };
}

export interface BotSlotValue {
  originalValue?: string;
  interpretedValue?: string | null;
  resolvedValues?: string[];
}

export interface BotSlot {
  shape?: 'Scalar' | 'List' | 'Composite';
  value?: BotSlotValue;
}

export type IntentState =
  | 'Failed'
  | 'Fulfilled'
  | 'FulfillmentInProgress'
  | 'InProgress'
  | 'ReadyForFulfillment'
  | 'Waiting';
export type ConfirmationState = 'Confirmed' | 'Denied' | 'None';

export interface BotIntent {
  name: string;
  slots?: Record<string, BotSlot | null>;
  state?: IntentState;
  confirmationState?: ConfirmationState;
}

export interface BotActiveContext {
  name: string;
  timeToLive: { timeToLiveInSeconds: number; turnsToLive: number };
  contextAttributes?: Record<string, string>;
}

export type DialogActionType = 'Close' | 'ConfirmIntent' | 'Delegate' | 'ElicitIntent' | 'ElicitSlot';

export interface BotSessionState {
  dialogAction?: { type: DialogActionType; slotToElicit?: string };
  intent?: BotIntent;
  activeContexts?: BotActiveContext[];
  sessionAttributes?: Record<string, string>;
  originatingRequestId?: string;
}

export interface RecognizeTextRequest {
  sessionId: string;
  text: string;
  /** Attributes and contexts the adapter sets for this turn (merged over the stored session). */
  sessionState?: Pick<BotSessionState, 'sessionAttributes' | 'activeContexts'>;
  requestAttributes?: Record<string, string>;
}

export interface RecognizeTextResult {
  sessionId: string;
  messages: BotMessage[];
  sessionState: BotSessionState;
  interpretations: Array<{ intent: BotIntent; nluConfidence?: { score: number } }>;
  requestAttributes?: Record<string, string>;
}

export interface BotRuntime {
  recognizeText(request: RecognizeTextRequest): Promise<RecognizeTextResult>;
}

/** The Lex code hook as a function: a Lex V2 code-hook event in, a Lex V2 response out. */
export type CodeHook = (event: unknown) => Promise<{
  sessionState: {
    dialogAction: { type: DialogActionType; slotToElicit?: string };
    intent?: BotIntent;
    sessionAttributes?: Record<string, string>;
    activeContexts?: BotActiveContext[];
  };
  messages?: BotMessage[];
}>;
