/**
 * A young person's qualifications and an opening's requirements as the API takes them and the database keeps
 * them. Held ones are typed (GCSE, Functional Skills...) and their level derived; today's untyped
 * {subject, level, grade} is still accepted, as type 'other' with the level stated, so existing clients and
 * imports keep working.
 */
import { z } from 'zod';
import { QUALIFICATION_TYPES, deriveLevel, tidyGrade, type QualificationType } from './qualification-types.js';
import { subjectKey } from './subject-vocabulary.js';

export const heldQualificationInput = z
  .strictObject({
    type: z.enum(QUALIFICATION_TYPES).default('other').describe('GCSE, Functional Skills, A level, T level, BTEC, NVQ or other; other when left out'),
    subject: z.string().trim().min(1).max(80).describe('As on the certificate, e.g. "Mathematics", "English Language"'),
    grade: z.string().trim().max(10).nullable().optional().describe('Required for a GCSE (9-1 or A*-G); the level follows from it'),
    level: z.number().int().min(0).max(8).nullable().optional().describe('0 = Entry Level. Required for Functional Skills, BTEC, NVQ and other; worked out for GCSE, A level and T level'),
  })
  .superRefine((qualification, context) => {
    const derived = deriveLevel(qualification);
    if ('message' in derived) context.addIssue({ code: 'custom', path: [derived.path], message: derived.message });
  });
export type HeldQualificationInput = z.output<typeof heldQualificationInput>;

export interface StoredHeldQualification {
  type: QualificationType;
  subject: string;
  subjectKey: string;
  level: number;
  grade: string | null;
}

/** As stored: the subject as written, its key in the vocabulary, and the level derived from type and grade. */
export function toStoredHeldQualification(input: HeldQualificationInput): StoredHeldQualification {
  const derived = deriveLevel(input);
  if (!('level' in derived)) throw new RangeError(`qualification not validated: ${derived.message}`); // the schema refuses these first
  const grade = input.type === 'gcse' ? tidyGrade(input.grade) : (input.grade ?? null);
  return { type: input.type, subject: input.subject, subjectKey: subjectKey(input.subject), level: derived.level, grade };
}

/** An opening's requirement as stored: the subject as the employer wrote it plus its key in the vocabulary. */
export function toStoredRequirement(requirement: { subject: string; level: number; grade?: string | null | undefined; importance?: 'essential' | 'desirable' | undefined }) {
  return { subject: requirement.subject, subjectKey: subjectKey(requirement.subject), level: requirement.level, grade: requirement.grade ?? null, importance: requirement.importance ?? 'essential' };
}
