import { describe, expect, it } from 'vitest';
import { decideStatusChange, isUnder18On } from '../../src/housing/housing-application-rules.js';
import { HOUSING_APPLICATION_STATUSES, HOUSING_APPLICATION_TRANSITIONS, type HousingApplicationStatus } from '../../src/housing/housing-application-statuses.js';
import type { StatusChangeInput } from '../../src/housing/housing.schemas.js';
import { statusBody } from '../factories/housing.js';

const TODAY = '2026-06-15';
const ADULT = { dateOfBirth: '2007-01-10', today: TODAY };
const registeredState = (status: HousingApplicationStatus) => ({ status, submittedDate: TODAY, guarantorPlan: null, registration: { reference: 'R' }, offerDate: TODAY });

// The API tests walk every allowed step; this checks every pair against the one table, refused ones included.
describe('the transition table, for every pair of statuses', () => {
  const pairs = HOUSING_APPLICATION_STATUSES.flatMap((from) => HOUSING_APPLICATION_STATUSES.map((to) => [from, to] as const));

  it.each(pairs)('when moving from %s to %s, then it is allowed exactly when the table lists it', (from, to) => {
    const decide = () => decideStatusChange(registeredState(from), statusBody(to, TODAY) as StatusChangeInput, ADULT);
    if (HOUSING_APPLICATION_TRANSITIONS[from].includes(to)) expect(decide).not.toThrow();
    else expect(decide).toThrow(expect.objectContaining({ status: 409, code: 'rule_violation' }));
  });
});

describe('isUnder18On', () => {
  it('when it is the last day before the 18th birthday, then under 18; on the birthday, not', () => {
    expect(isUnder18On('2008-06-10', '2026-06-09')).toBe(true);
    expect(isUnder18On('2008-06-10', '2026-06-10')).toBe(false);
  });

  it('when born on 29 February, then 18 is reached on 1 March in a common year', () => {
    expect(isUnder18On('2008-02-29', '2026-02-28')).toBe(true);
    expect(isUnder18On('2008-02-29', '2026-03-01')).toBe(false);
  });
});
