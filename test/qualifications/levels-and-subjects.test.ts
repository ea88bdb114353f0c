import { describe, expect, it } from 'vitest';
import { deriveLevel } from '../../src/qualifications/qualification-types.js';
import { subjectKey } from '../../src/qualifications/subject-vocabulary.js';

describe('the level a qualification gives', () => {
  it.each([
    ['9', 2], ['4', 2], ['3', 1], ['1', 1], ['A*', 2], ['c', 2], ['D', 1], ['G', 1],
  ])('when a GCSE has grade %s, then it is Level %i (9-4 / A*-C Level 2, 3-1 / D-G Level 1)', (grade, level) => {
    expect(deriveLevel({ type: 'gcse', grade })).toEqual({ level });
  });

  it('when Functional Skills, A level, T level or a BTEC, then the type decides or the stated level is kept', () => {
    expect(deriveLevel({ type: 'functional_skills', level: 0 })).toEqual({ level: 0 });
    expect(deriveLevel({ type: 'functional_skills', level: 2 })).toEqual({ level: 2 });
    expect(deriveLevel({ type: 'a_level', grade: 'E' })).toEqual({ level: 3 });
    expect(deriveLevel({ type: 't_level', grade: 'Merit' })).toEqual({ level: 3 });
    expect(deriveLevel({ type: 'btec', level: 3 })).toEqual({ level: 3 });
    expect(deriveLevel({ type: 'a_level', level: 2 })).toMatchObject({ path: 'level' });
  });
});

describe('one vocabulary of subject names', () => {
  it.each(['Maths', ' MATHS ', 'Mathematics', 'GCSE Mathematics', 'Mathematics (Numeracy)', 'Functional Skills Maths', 'mathematics (9-1)'])('when the subject is written "%s", then it is maths', (subject) => {
    expect(subjectKey(subject)).toBe('maths');
  });

  it.each(['English', 'English Language', 'English Literature', 'Functional Skills English', 'English language & literature'])('when the subject is written "%s", then it is English', (subject) => {
    expect(subjectKey(subject)).toBe('english');
  });

  it('when a subject is not in the vocabulary, then only case, spacing and "&" are ignored; ESOL is not English', () => {
    expect(subjectKey('Health  & Social Care')).toBe('health and social care');
    expect(subjectKey('ESOL')).toBe('esol');
    expect(subjectKey('English for speakers of other languages')).not.toBe('english');
  });
});
