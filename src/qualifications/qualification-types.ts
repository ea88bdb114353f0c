/**
 * Qualifications as councils and employers write them: a type, a subject and a grade, with the level (on the
 * Regulated Qualifications Framework) worked out from them rather than typed in by a PA who may not know it.
 *
 * Sources (DOMAIN.md "Qualification levels"; GOV.UK "What qualification levels mean"): GCSE grades 9-4 (A*-C)
 * are Level 2 and 3-1 (D-G) Level 1; Functional Skills carry their own level (Entry Level, Level 1, Level 2);
 * A levels and T levels are Level 3; BTECs, NVQs and anything else come in many levels, so theirs is stated.
 * U (ungraded) is not a pass and gives no level. Entry Level is 0.
 */

export const QUALIFICATION_TYPES = ['gcse', 'functional_skills', 'a_level', 't_level', 'btec', 'nvq', 'other'] as const;
export type QualificationType = (typeof QUALIFICATION_TYPES)[number];

export const QUALIFICATION_TYPE_LABELS: Readonly<Record<QualificationType, string>> = {
  gcse: 'GCSE',
  functional_skills: 'Functional Skills',
  a_level: 'A level',
  t_level: 'T level',
  btec: 'BTEC',
  nvq: 'NVQ',
  other: 'Other',
};

/** GCSE grades, numbered (from 2017) and lettered (before), with the level each gives. */
const GCSE_GRADE_LEVELS: Readonly<Record<string, 1 | 2>> = {
  '9': 2, '8': 2, '7': 2, '6': 2, '5': 2, '4': 2, '3': 1, '2': 1, '1': 1,
  'A*': 2, A: 2, B: 2, C: 2, D: 1, E: 1, F: 1, G: 1,
};

/** Functional Skills exist at Entry Level (0), Level 1 and Level 2. */
const FUNCTIONAL_SKILLS_LEVELS = [0, 1, 2];
const LEVEL_3_TYPES: readonly QualificationType[] = ['a_level', 't_level'];

export interface QualificationFacts {
  type: QualificationType;
  grade?: string | null | undefined;
  /** Needed where the type does not decide it (Functional Skills, BTEC, NVQ, other); otherwise optional and checked. */
  level?: number | null | undefined;
}

/** A grade as written ("a*", " 5 ") in the form the tables use. */
export function tidyGrade(grade: string | null | undefined): string | null {
  const tidied = grade?.trim().toUpperCase().replace(/\s+/g, '') ?? '';
  return tidied === '' ? null : tidied;
}

/** The level a qualification gives, or why it cannot be worked out (with the field to correct). */
export function deriveLevel(facts: QualificationFacts): { level: number } | { path: 'grade' | 'level'; message: string } {
  const stated = facts.level ?? null;
  if (facts.type === 'gcse') {
    const grade = tidyGrade(facts.grade);
    if (grade === null) return { path: 'grade', message: 'is required for a GCSE: 9 to 1, or A* to G' };
    if (grade === 'U') return { path: 'grade', message: 'U (ungraded) is not a pass: record only qualifications passed' };
    const level = GCSE_GRADE_LEVELS[grade];
    if (level === undefined) return { path: 'grade', message: 'must be a GCSE grade: 9 to 1, or A* to G' };
    if (stated !== null && stated !== level) return { path: 'level', message: `a GCSE at grade ${grade} is Level ${level}: leave level out` };
    return { level };
  }
  if (LEVEL_3_TYPES.includes(facts.type)) {
    if (stated !== null && stated !== 3) return { path: 'level', message: `an ${facts.type === 'a_level' ? 'A level' : 'T level'} is Level 3: leave level out` };
    return { level: 3 };
  }
  if (stated === null) return { path: 'level', message: `is required for ${facts.type === 'other' ? 'this qualification' : `a ${QUALIFICATION_TYPE_LABELS[facts.type]}`} (0 for Entry Level)` };
  if (facts.type === 'functional_skills' && !FUNCTIONAL_SKILLS_LEVELS.includes(stated)) {
    return { path: 'level', message: 'Functional Skills are Entry Level (0), Level 1 or Level 2' };
  }
  return { level: stated };
}
