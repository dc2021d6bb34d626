/**
 * SmallTalk: thanks, goodbyes and acknowledgements answered as people expect. Changes nothing:
 * no store call, no session change, whoever is speaking.
 */
import type { Role } from '../domain/vocabulary.js';
import { close, slotValue } from '../lex/dialog.js';
import type { IntentHandler } from './context.js';

/** What the service is to this person, for "Goodbye, thank you for …". */
const THANKS_FOR: Record<Role, string> = {
  anonymous: 'stopping by',
  donor: 'being a donor',
  staff: 'everything you do for patients',
  admin: 'everything you do for patients',
};

function reply(kind: string | null, role: Role): string {
  switch (kind) {
    case 'thanks':
      return "You're welcome! Anything else I can help with?";
    case 'goodbye':
      return `Goodbye, thank you for ${THANKS_FOR[role]}.`;
    case 'acknowledgement':
      return 'Great. Just ask if you need anything else.';
    default:
      return 'Happy to help. Just ask if you need anything else.';
  }
}

export const smallTalk: IntentHandler = async (ctx) =>
  close(ctx.event, 'Fulfilled', { text: reply(slotValue(ctx.intent, 'kind'), ctx.principal.role) });
