import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, givenDistrict, givenUser, givenYoungPerson, youngPersonBody, type GivenUser } from '../factories/index.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

// Today is 2026-06-15 in London.
let app: TestApp;
let adviser: GivenUser;
let home: string;

beforeAll(async () => {
  app = await startTestApp();
  adviser = await givenUser(app, 'personal_adviser');
  home = (await givenDistrict()).id;
});
afterAll(async () => app.close());

const create = (overrides: Record<string, unknown>) => app.http().post('/young-people').set('authorization', adviser.auth).send(youngPersonBody({ homeDistrictId: home, ...overrides }));
const errorPaths = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((e) => e.path);

describe('date of birth: the service is for young people aged 15 to 26', () => {
  it('when they turn 15 tomorrow, then 400; today, then 201', async () => {
    const tooYoung = await create({ dateOfBirth: '2011-06-16' });
    expect(tooYoung.status).toBe(400);
    expect(tooYoung.body.errors).toEqual([{ path: 'dateOfBirth', message: 'makes them 14: the service is for young people aged 15 to 26' }]);
    expect((await create({ dateOfBirth: '2011-06-15' })).status).toBe(201);
  });

  it('when they turned 27 today, then 400; they turn 27 tomorrow, then 201', async () => {
    const tooOld = await create({ dateOfBirth: '1999-06-15' });
    expect(tooOld.status).toBe(400);
    expect(errorPaths(tooOld.body)).toEqual(['dateOfBirth']);
    expect((await create({ dateOfBirth: '1999-06-16' })).status).toBe(201);
  });

  it('when the date of birth is in the future or not a real date, then 400', async () => {
    expect((await create({ dateOfBirth: '2027-01-01' })).status).toBe(400);
    expect(errorPaths((await create({ dateOfBirth: '2008-02-30' })).body)).toEqual(['dateOfBirth']);
  });

  it('when a PATCH sets a date of birth that makes them 14, then 400 and the record is unchanged', async () => {
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: home });
    const response = await app.http().patch(`/young-people/${person.id}`).set('authorization', adviser.auth).send({ dateOfBirth: '2012-01-01' });
    expect(response.status).toBe(400);
    expect((await app.http().get(`/young-people/${person.id}`).set('authorization', adviser.auth)).body.dateOfBirth).toBe(person.dateOfBirth);
  });
});

describe('SSDA903 codes', () => {
  it('when the activity or accommodation code is unknown, then 400 names the field', async () => {
    expect(errorPaths((await create({ activityCode: 'F3' })).body)).toEqual(['activityCode']);
    expect(errorPaths((await create({ accommodationCode: 'U3' })).body)).toEqual(['accommodationCode']);
  });

  it('when custody or no fixed abode is reported as suitable (X1, S1), then 400: they are only ever unsuitable', async () => {
    expect((await create({ accommodationCode: 'X1' })).status).toBe(400);
    expect((await create({ accommodationCode: 'S1' })).status).toBe(400);
    expect((await create({ accommodationCode: 'X2', activityCode: 'G5' })).status).toBe(201);
  });
});

describe('custody and expected release date', () => {
  it('when someone in custody has a release date yesterday, then 400; today or tomorrow, then 201', async () => {
    const yesterday = await create({ inCustody: true, expectedReleaseDate: '2026-06-14' });
    expect(yesterday.status).toBe(400);
    expect(yesterday.body.errors).toEqual([{ path: 'expectedReleaseDate', message: 'is in the past for someone recorded as in custody' }]);
    expect((await create({ inCustody: true, expectedReleaseDate: '2026-06-15' })).status).toBe(201);
    expect((await create({ inCustody: true, expectedReleaseDate: '2026-06-16' })).status).toBe(201);
  });

  it('when a release date is given for someone not in custody, then 400', async () => {
    expect(errorPaths((await create({ inCustody: false, expectedReleaseDate: '2026-07-01' })).body)).toEqual(['expectedReleaseDate']);
  });

  it('when the release date has passed since it was recorded, then an unrelated change (last contact) is still accepted, but re-setting a past date is not', async () => {
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: home, inCustody: true, expectedReleaseDate: '2026-06-20' });
    app.clock.set('2026-06-25T09:00:00.000Z');
    try {
      // Sessions expire: the same PA signs in again on the later day.
      const login = await app.http().post('/auth/login').send({ email: adviser.email, password: TEST_PASSWORD });
      const auth = `Bearer ${login.body.token as string}`;
      const contact = await app.http().patch(`/young-people/${person.id}`).set('authorization', auth).send({ lastContactDate: '2026-06-24' });
      expect(contact.status).toBe(200);
      const pastAgain = await app.http().patch(`/young-people/${person.id}`).set('authorization', auth).send({ expectedReleaseDate: '2026-06-21' });
      expect(pastAgain.status).toBe(400);
    } finally {
      app.clock.set('2026-06-15T09:00:00.000Z');
    }
  });

  it('when the last contact date is tomorrow, then 400; today, then 201', async () => {
    const tomorrow = await create({ lastContactDate: '2026-06-16' });
    expect(tomorrow.status).toBe(400);
    expect(tomorrow.body.errors).toEqual([{ path: 'lastContactDate', message: 'must not be in the future' }]);
    expect((await create({ lastContactDate: '2026-06-15' })).status).toBe(201);
  });

  it('when an unknown field is sent, then 400 names it', async () => {
    const response = await create({ favouriteFootballTeam: 'Leicester City' });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.errors)).toContain('favouriteFootballTeam');
  });
});
