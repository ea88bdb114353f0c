/**
 * The engine's reasons in a young person's own words (a reading age of about 9 to 11): short sentences, "you",
 * no points, no scores. The same engine and the same reasons as the PA reads (matching.explanations.ts); only
 * the wording differs. Wording only: no rules here.
 */
import type { Sector } from '../opportunities/sectors.js';
import { SECTOR_LABELS, levelLabel } from './matching.explanations.js';
import type { ReasonCode } from './matching.types.js';

export interface ExplainedForYoungPerson {
  reasons: { code: ReasonCode }[];
  missing: { subject: string; level: number; heldLevel?: number | null; awaitingCheck?: boolean }[];
  missingInterest: Sector | null;
}

/** "maths" -> "maths", "english" -> "English": subject keys as a person writes them. */
function subjectWords(key: string): string {
  const proper = new Set(['english', 'french', 'spanish', 'german', 'welsh']);
  const words = key.replaceAll('_', ' ');
  return proper.has(words) ? words.charAt(0).toUpperCase() + words.slice(1) : words;
}

/** What the opening is and whether it is done from home: the engine gives one "no travel" reason for both. */
export interface OpeningKindAndPlace {
  kind: string;
  remote: boolean;
}

/**
 * The engine's "remote" reason covers an offer done from home and a national one (available wherever they live,
 * such as driving lessons): only the first is "from home".
 */
function noTravelWords(opening: OpeningKindAndPlace | undefined): string {
  if (opening?.kind === 'benefit') return 'You can get this wherever you live.';
  if (opening && !opening.remote) return 'It is open to people all over the country, wherever you live.';
  return 'You can do it from home. No travel needed.';
}

const WHY: Partial<Record<ReasonCode, (sector: Sector | null, opening?: OpeningKindAndPlace) => string>> = {
  sector_interest: (sector) => (sector ? `You said you like ${SECTOR_LABELS[sector]}.` : 'It is in an area you like.'),
  ring_fenced: () => 'This place is kept for young people in care or leaving care. You get the first chance.',
  qualification_met: () => 'You have the qualifications it asks for.',
  qualification_above: () => 'You have the qualifications it asks for.',
  no_qualifications_needed: () => 'You do not need any qualifications.',
  remote: (_sector, opening) => noTravelWords(opening),
  distance: () => 'It is not too far for you to travel.',
  closing_within_7_days: () => 'It closes soon. Tell your personal adviser quickly if you want it.',
  closing_within_14_days: () => 'It closes in the next 2 weeks.',
};

/** Why an opening suits them, each line once, best first; nothing negative and no numbers. */
export function whyItSuitsYou(result: ExplainedForYoungPerson, sector: Sector | null, opening?: OpeningKindAndPlace): string[] {
  const lines = result.reasons.flatMap((reason) => {
    const say = WHY[reason.code];
    return say ? [say(sector, opening)] : [];
  });
  return [...new Set(lines)];
}

/** What they would need for a near miss, and who helps: "Level 2 maths: your personal adviser can help you get this". */
export function whatYouWouldNeed(result: ExplainedForYoungPerson): string[] {
  const needs = result.missing.map((item) =>
    item.awaitingCheck
      ? `${levelLabel(item.level)} ${subjectWords(item.subject)}: you told us you have this. It counts once your personal adviser has checked it.`
      : `${levelLabel(item.level)} ${subjectWords(item.subject)}: your personal adviser can help you get this.`,
  );
  if (result.missingInterest) {
    needs.push(`This place is for people who like ${SECTOR_LABELS[result.missingInterest]}. If you do, add it on your "About me" page.`);
  }
  return needs;
}
