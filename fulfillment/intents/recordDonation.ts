/**
 * RecordDonation (staff): a donor gave blood; the DIN on the pack ties them to its components,
 * which go into quarantine until tested. Confirmed first with the donor, the DIN and the site.
 */
import { DONATION_OUTCOMES, type DonationOutcome } from '../domain/unitVocabulary.js';
import { DONATION_TYPE_LABEL, DONATION_TYPES, type DonationType } from '../domain/vocabulary.js';
import { close, slotValue } from '../lex/dialog.js';
import { recordDonation as record } from '../usecases/units/recordDonation.js';
import type { IntentHandler } from './context.js';
import { donorInWords, findDonor } from './donorLookup.js';
import { confirmThen, inWords, printed, readDins, siteNames, unitDeps } from './units.js';

const OUTCOME_WORDS: Record<DonationOutcome, string> = {
  completed: 'completed',
  incomplete: 'incomplete (no components are made)',
  deferred: 'deferred at screening',
  adverse_reaction: 'stopped for an adverse reaction (no components are made)',
};

export const recordDonation: IntentHandler = async (ctx) => {
  const found = await findDonor(ctx);
  if (!found.ok) return found.response;
  const read = readDins(ctx, { max: 1 });
  if (!read.ok) return read.response;
  const din = read.dins[0]!;
  const typeText = slotValue(ctx.intent, 'donationType') ?? 'whole_blood';
  const donationType: DonationType = (DONATION_TYPES as readonly string[]).includes(typeText)
    ? (typeText as DonationType)
    : 'whole_blood';
  const outcomeText = slotValue(ctx.intent, 'outcome') ?? 'completed';
  const outcome = (DONATION_OUTCOMES as readonly string[]).includes(outcomeText)
    ? (outcomeText as DonationOutcome)
    : 'completed';
  if (outcome === 'deferred') {
    return close(ctx.event, 'Failed', {
      text: 'A deferral at screening needs its reason and end date, which I cannot take here yet; please record it on the donor file. Nothing was changed.',
    });
  }
  const site = await siteNames(ctx);
  const siteId = ctx.deps.defaultSite;
  const who = donorInWords(found.donor);
  const question = `Record a ${DONATION_TYPE_LABEL[donationType]} donation, ${OUTCOME_WORDS[outcome]}, from ${who}, DIN ${printed(din)}, at ${site(siteId)}?${outcome === 'completed' ? ' Its components go into quarantine until the tests are back.' : ''}`;

  return confirmThen(ctx, question, async () => {
    const result = await record(
      unitDeps(ctx),
      { donorId: found.donor.donorId, din, donationType, outcome, site: siteId },
      ctx.actor,
    );
    if (!result.ok) return close(ctx.event, 'Failed', { text: `Nothing was recorded: ${result.message}.` });
    if (result.outcome === 'collected') {
      return close(ctx.event, 'Fulfilled', {
        text: `Recorded donation ${printed(din)} from ${found.donor.firstName} ${found.donor.lastName}: ${inWords(result.units.map((u) => u.code.replace(/_/g, ' ')))} in quarantine until tested.`,
      });
    }
    return close(ctx.event, 'Fulfilled', {
      text: `Recorded donation ${printed(din)} from ${found.donor.firstName} ${found.donor.lastName} (${OUTCOME_WORDS[outcome]}).`,
    });
  });
};
