/**
 * One vocabulary of subject names, so "Mathematics" (a GCSE title) meets an employer's "Maths" and Functional
 * Skills English meets "English". Every subject, held or required, is compared by subjectKey().
 *
 * Source: GOV.UK (DfE), "English and maths requirements in apprenticeships", the lists of acceptable
 * equivalents (updated 31 July 2025): for maths "any GCSE with mathematics in the title" and Functional Skills
 * Mathematics; Wales's GCSE Mathematics-Numeracy (Qualifications Wales: a full GCSE alongside GCSE
 * Mathematics); for English, GCSE English Language or English Literature and Functional Skills English.
 * DECISION: English Literature meets an English requirement, as on the GOV.UK list; English for speakers of
 * other languages (ESOL) does not (GOV.UK accepts it only in named cases), so it stays a subject of its own.
 * Subjects not named here are compared on their words alone (case, spacing and "&" ignored), as before.
 */

/** Canonical subject -> the names (after tidying, see tidy()) that mean it. */
export const SUBJECT_EQUIVALENTS: Readonly<Record<string, readonly string[]>> = {
  maths: [
    'maths', 'math', 'mathematics', 'mathematics (numeracy)', 'mathematics numeracy', 'mathematics-numeracy', 'mathematics - numeracy',
    'numeracy', 'further mathematics', 'further maths', 'additional mathematics', 'application of number',
  ],
  english: [
    'english', 'english language', 'english literature', 'english language and literature', 'english lang', 'english lit',
    'first language english', 'english (first language)',
  ],
};

/**
 * Words naming the kind of qualification rather than the subject, dropped from the front of a title:
 * "GCSE Mathematics", "Functional Skills English", "A level Maths" name maths and English. The type is
 * recorded on its own (qualification-types.ts).
 */
const TYPE_PREFIXES = ['functional skills', 'key skills', 'essential skills', 'igcse', 'gcse', 'a level', 'a-level', 'as level', 't level', 'btec', 'nvq', 'fs'];

const LOOKUP: ReadonlyMap<string, string> = new Map(
  Object.entries(SUBJECT_EQUIVALENTS).flatMap(([key, names]) => names.map((name) => [name, key] as const)),
);

/** Lower case, single spaces, "&" as "and", a grading suffix such as "(9-1)" and a type prefix removed. */
function tidy(subject: string): string {
  let text = subject.toLowerCase().replace(/&/g, ' and ').replace(/\(9\s*-\s*1\)/g, ' ').replace(/\s+/g, ' ').trim();
  for (const prefix of TYPE_PREFIXES) {
    if (text.startsWith(`${prefix} `) && text.length > prefix.length + 1) {
      text = text.slice(prefix.length + 1).trim();
      break;
    }
  }
  return text;
}

// Matching keys every qualification of every pair it scores, from a few dozen distinct spellings:
// remembered, so the vocabulary costs a map lookup. Bounded so odd input cannot grow it for ever.
const KNOWN_KEYS = new Map<string, string>();
const KNOWN_KEYS_LIMIT = 10_000;

/** The key two subjects are compared on: "Mathematics", "GCSE Maths" and " MATHS " are all 'maths'. */
export function subjectKey(subject: string): string {
  let key = KNOWN_KEYS.get(subject);
  if (key === undefined) {
    const tidied = tidy(subject);
    key = LOOKUP.get(tidied) ?? tidied;
    if (KNOWN_KEYS.size >= KNOWN_KEYS_LIMIT) KNOWN_KEYS.clear();
    KNOWN_KEYS.set(subject, key);
  }
  return key;
}
