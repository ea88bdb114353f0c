import { AuditEntryModel } from '../audit/audit.model.js';
import { DistrictModel } from '../districts/districts.model.js';
import { HousingApplicationModel } from '../housing/housing-applications.model.js';
import { londonDateOf, type LocalDate } from '../lib/dates.js';
import { forbidden, validationFailed } from '../lib/errors.js';
import { MailSentModel } from '../notifications/mail-history.model.js';
import { MailOutboxModel } from '../notifications/mail-outbox.model.js';
import { NotificationModel } from '../notifications/notification.model.js';
import { OrganisationModel } from '../employers/organisations.model.js';
import { OpportunityModel } from '../opportunities/opportunities.model.js';
import { ReferralModel } from '../referrals/referrals.model.js';
import type { Actor } from '../users/roles.js';
import { UserModel } from '../users/users.model.js';
import { YoungPersonModel } from '../young-people/young-people.model.js';
import { REMINDER_RULES } from '../reminders/reminder.types.js';
import { boardTables, figureTable, type FigureTableId } from './board-report.js';
import { ringFencedTargets } from './council-targets.js';
import type { ApplicationFacts, FiguresInput, OfferFacts, PersonFacts, ReferralFacts } from './figure-records.js';
import type { PublishedTable } from './figure-table.js';
import { defaultPeriod, periodInstants, type Period } from './figures-period.js';

/**
 * Reads the facts behind the board figures: ONE streamed pass over each collection, projecting only the fields
 * the computations use, with no query per person; then the pure functions in this folder do the counting.
 * Aggregation is not needed (and FerretDB v1's $group has gaps), so plain find cursors it is.
 */
export interface FiguresQuery {
  from?: LocalDate | undefined;
  to?: LocalDate | undefined;
  districtId?: string | undefined;
  team?: string | undefined;
}

export interface FiguresScope {
  period: Period;
  team: string | null;
  districtId: string | null;
  today: LocalDate;
}

/**
 * Managers see their own team (asking for another is refused); admins everyone, or one team. A district or a
 * team that does not exist is refused by name, never answered with empty figures that look like real ones.
 */
export async function figuresScope(actor: Actor, now: Date, query: FiguresQuery): Promise<FiguresScope> {
  const today = londonDateOf(now);
  const fallback = defaultPeriod(today);
  const period = { from: query.from ?? (query.to && query.to < fallback.from ? `${query.to.slice(0, 4)}-01-01` : fallback.from), to: query.to ?? today };
  if (period.from > period.to) throw validationFailed([{ path: 'from', message: 'must be on or before the end of the period' }]);
  if (Number(period.to.slice(0, 4)) - Number(period.from.slice(0, 4)) > 3) throw validationFailed([{ path: 'from', message: 'the period can be at most three years' }]);
  let team = query.team ?? null;
  if (actor.role === 'manager') {
    if (!actor.team) throw forbidden('A manager without a team has no figures to see.');
    if (team && team !== actor.team) throw forbidden('Managers see the figures of their own team.');
    team = actor.team;
  }
  const [district, teamMember] = await Promise.all([
    query.districtId ? DistrictModel.exists({ _id: query.districtId }) : true,
    team && actor.role === 'admin' ? UserModel.exists({ team }) : true,
  ]);
  if (!district) throw validationFailed([{ path: 'districtId', message: 'is not one of the council\'s districts' }]);
  if (!teamMember) throw validationFailed([{ path: 'team', message: 'is not a team anyone works in' }]);
  return { period, team, districtId: query.districtId ?? null, today };
}

export async function figuresFor(actor: Actor, now: Date, query: FiguresQuery, id: FigureTableId): Promise<{ scope: FiguresScope; table: PublishedTable }> {
  const scope = await figuresScope(actor, now, query);
  return { scope, table: figureTable(id, await readFigures(scope), scope.period, scope.today) };
}

export async function boardReport(actor: Actor, now: Date, query: FiguresQuery): Promise<{ scope: FiguresScope; tables: PublishedTable[] }> {
  const scope = await figuresScope(actor, now, query);
  return { scope, tables: boardTables(await readFigures(scope), scope.period, scope.today) };
}

const id = (value: unknown) => String(value);
const dayOf = (value: unknown) => (value instanceof Date ? londonDateOf(value) : null);

/** Every collection read once, in parallel where independent. */
export async function readFigures(scope: FiguresScope): Promise<FiguresInput> {
  const [districts, advisers, targets, activityChanges, organisations] = await Promise.all([
    DistrictModel.collection.find({}, { projection: { name: 1, applicationAgeYears: 1, applicationAgeMonths: 1 } }).sort({ name: 1 }).toArray(),
    UserModel.collection.find({ role: 'personal_adviser', active: true, ...(scope.team ? { team: scope.team } : {}) }, { projection: { name: 1 } }).sort({ name: 1 }).toArray(),
    ringFencedTargets(),
    readActivityChanges(),
    OrganisationModel.collection.find({}, { projection: { name: 1 } }).toArray(),
  ]);
  const firstSubmitted = new Map<string, LocalDate>();
  const applications: ApplicationFacts[] = [];
  for await (const application of HousingApplicationModel.collection.find({}, { projection: { youngPersonId: 1, districtId: 1, submittedDate: 1, createdAt: 1, 'history.at': 1 } })) {
    const youngPersonId = id(application.youngPersonId);
    const submitted = (application.submittedDate as string | null) ?? null;
    if (submitted && (!firstSubmitted.has(youngPersonId) || submitted < firstSubmitted.get(youngPersonId)!)) firstSubmitted.set(youngPersonId, submitted);
    applications.push({ youngPersonId, districtId: id(application.districtId), submittedDate: submitted, movedAt: [application.createdAt as Date, ...((application.history ?? []) as { at: Date }[]).map((change) => change.at)] });
  }

  // Every district's young people are read (the tables by home district need them all); the rest count the chosen one's.
  const peopleInEveryDistrict: PersonFacts[] = [];
  const projection = { personalAdviserId: 1, dateOfBirth: 1, careStatus: 1, activityCode: 1, accommodationCode: 1, pathwayPlanReviewDate: 1, lastContactDate: 1, homeDistrictId: 1, inCustody: 1, expectedReleaseDate: 1, createdAt: 1, archivedAt: 1 };
  for await (const person of YoungPersonModel.collection.find(scope.team ? { team: scope.team } : {}, { projection })) {
    const personId = id(person._id);
    peopleInEveryDistrict.push({
      id: personId,
      open: !person.archivedAt,
      personalAdviserId: id(person.personalAdviserId),
      dateOfBirth: person.dateOfBirth,
      careStatus: person.careStatus,
      activityCode: person.activityCode ?? null,
      accommodationCode: person.accommodationCode ?? null,
      pathwayPlanReviewDate: person.pathwayPlanReviewDate ?? null,
      lastContactDate: person.lastContactDate ?? null,
      homeDistrictId: id(person.homeDistrictId),
      inCustody: Boolean(person.inCustody),
      expectedReleaseDate: person.expectedReleaseDate ?? null,
      recordedFrom: activityChanges.createdOn.get(personId) ?? dayOf(person.createdAt) ?? '1900-01-01',
      activityChangedOn: activityChanges.changedOn.get(personId) ?? [],
      firstApplicationSubmitted: firstSubmitted.get(personId) ?? null,
    });
  }
  const people = scope.districtId ? peopleInEveryDistrict.filter((person) => person.homeDistrictId === scope.districtId) : peopleInEveryDistrict;
  const scoped = scope.team !== null || scope.districtId !== null;
  const inScope = new Set(people.map((person) => person.id));

  const ringFencedOffers = new Set<string>();
  const offers: OfferFacts[] = [];
  const offerFilter = { status: { $in: ['open', 'closed', 'filled', 'withdrawn'] } };
  for await (const offer of OpportunityModel.collection.find(offerFilter, { projection: { organisationId: 1, ringFenced: 1, areas: 1, places: 1, status: 1, approvedAt: 1, createdAt: 1, statusChangedAt: 1, closingDate: 1, districtId: 1 } })) {
    if (offer.ringFenced) ringFencedOffers.add(id(offer._id));
    if (scope.districtId && offer.districtId && id(offer.districtId) !== scope.districtId) continue;
    offers.push(offerFacts(offer));
  }

  const referrals: ReferralFacts[] = [];
  const referralProjection = { youngPersonId: 1, opportunityId: 1, organisationId: 1, stage: 1, 'history.stage': 1, 'history.at': 1, 'history.eventDate': 1, createdAt: 1, bursaryAmountPence: 1, employerIncentiveStatus: 1, employerIncentiveAmountPence: 1 };
  for await (const referral of ReferralModel.collection.find(scope.team ? { team: scope.team } : {}, { projection: referralProjection })) {
    const youngPersonId = id(referral.youngPersonId);
    if (scope.districtId && !inScope.has(youngPersonId)) continue;
    const history = (referral.history ?? []) as { stage: string; at: Date; eventDate?: string | null }[];
    referrals.push({
      id: id(referral._id),
      youngPersonId,
      opportunityId: id(referral.opportunityId),
      organisationId: referral.organisationId ? id(referral.organisationId) : null,
      ringFenced: ringFencedOffers.has(id(referral.opportunityId)),
      stage: referral.stage,
      steps: history.length ? history.map((step) => ({ stage: step.stage, at: step.at, date: step.eventDate ?? londonDateOf(step.at) })) : [{ stage: referral.stage, at: referral.createdAt, date: londonDateOf(referral.createdAt) }],
      bursaryAmountPence: referral.bursaryAmountPence ?? null,
      employerIncentiveStatus: referral.employerIncentiveStatus ?? null,
      employerIncentiveAmountPence: referral.employerIncentiveAmountPence ?? null,
    });
  }

  const createdInPeriod = { createdAt: periodInstants(scope.period) };
  const reminders: FiguresInput['reminders'] = [];
  for await (const reminder of NotificationModel.collection.find({ ...createdInPeriod, rule: { $in: [...REMINDER_RULES] } }, { projection: { createdAt: 1, subjectKey: 1, rule: 1, youngPersonId: 1 } })) {
    if (scoped && !(reminder.youngPersonId && inScope.has(id(reminder.youngPersonId)))) continue;
    reminders.push({ createdAt: reminder.createdAt, subjectKey: reminder.subjectKey, rule: reminder.rule });
  }
  const recipients = scoped ? await teamUserIds(scope.team) : null;
  const reminderEmails: FiguresInput['reminderEmails'] = [];
  const emailKinds = { ...createdInPeriod, kind: { $in: ['immediate', 'digest'] } };
  const emailProjection = { projection: { status: 1, recipientUserId: 1 } };
  // The sender moves sent mail out of the outbox into mail_sent, so sent emails are counted there; the outbox
  // holds the failed ones (and, from before the move, old sent ones: counted unless already in mail_sent).
  const sentIds = new Set<string>();
  for await (const email of MailSentModel.collection.find(emailKinds, emailProjection)) {
    sentIds.add(id(email._id));
    if (recipients && !(email.recipientUserId && recipients.has(id(email.recipientUserId)))) continue;
    reminderEmails.push({ status: 'sent' });
  }
  for await (const email of MailOutboxModel.collection.find(emailKinds, emailProjection)) {
    if (sentIds.has(id(email._id))) continue;
    if (recipients && !(email.recipientUserId && recipients.has(id(email.recipientUserId)))) continue;
    reminderEmails.push({ status: email.status });
  }

  return {
    people,
    peopleInEveryDistrict,
    districtId: scope.districtId,
    referrals,
    offers,
    organisations: organisations.map((organisation) => ({ id: id(organisation._id), name: organisation.name })),
    applications: scoped ? applications.filter((application) => inScope.has(application.youngPersonId)) : applications,
    reminders,
    reminderEmails,
    districts: districts.map((district) => ({ id: id(district._id), name: district.name, applicationAge: { years: district.applicationAgeYears ?? 17, months: district.applicationAgeMonths ?? 6 } })),
    advisers: advisers.map((adviser) => ({ id: id(adviser._id), name: adviser.name })),
    ringFencedTargets: targets,
  };
}

function offerFacts(offer: Record<string, any>): OfferFacts {
  const openedOn = dayOf(offer.approvedAt) ?? dayOf(offer.createdAt);
  const ended = offer.status === 'open' ? null : dayOf(offer.statusChangedAt);
  const closing = (offer.closingDate as string | null) ?? null;
  const lastOpenOn = ended && closing ? (ended < closing ? ended : closing) : (ended ?? closing);
  return { id: id(offer._id), organisationId: offer.organisationId ? id(offer.organisationId) : null, ringFenced: Boolean(offer.ringFenced), areas: offer.areas ?? [], places: offer.places ?? 1, openedOn, lastOpenOn };
}

/**
 * From the audit trail (field names, never values): the London day each record was created, and the days its
 * activity code was changed. The audit's time is the service's clock, like every other date here.
 */
async function readActivityChanges(): Promise<{ createdOn: Map<string, LocalDate>; changedOn: Map<string, LocalDate[]> }> {
  const createdOn = new Map<string, LocalDate>();
  const changedOn = new Map<string, LocalDate[]>();
  // The field is checked here rather than in the filter: FerretDB v1 does not match an array field by one element reliably.
  for await (const entry of AuditEntryModel.collection.find({ resource: 'young_person', action: { $in: ['create', 'update'] } }, { projection: { youngPersonIds: 1, at: 1, fields: 1, action: 1 } })) {
    const day = londonDateOf(entry.at);
    for (const youngPersonId of entry.youngPersonIds ?? []) {
      const key = id(youngPersonId);
      if (entry.action === 'create') createdOn.set(key, day);
      else if ((entry.fields ?? []).includes('activityCode')) changedOn.set(key, [...(changedOn.get(key) ?? []), day]);
    }
  }
  return { createdOn, changedOn };
}

async function teamUserIds(team: string | null): Promise<Set<string> | null> {
  if (!team) return null;
  const users = await UserModel.collection.find({ team }, { projection: { _id: 1 } }).toArray();
  return new Set(users.map((user) => id(user._id)));
}

/** The choices for the figures' filters: districts, and for admins the teams (a manager's is fixed). */
export async function figureFilters(actor: Actor): Promise<{ districts: { id: string; name: string }[]; teams: string[] }> {
  const [districts, users] = await Promise.all([
    DistrictModel.collection.find({}, { projection: { name: 1 } }).sort({ name: 1 }).toArray(),
    actor.role === 'admin' ? UserModel.collection.find({ team: { $ne: null } }, { projection: { team: 1 } }).toArray() : Promise.resolve([]),
  ]);
  const teams = [...new Set(users.map((user) => String(user.team)))].sort();
  return { districts: districts.map((district) => ({ id: id(district._id), name: district.name })), teams };
}
