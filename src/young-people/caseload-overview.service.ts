import { recordAudit } from '../audit/audit.service.js';
import { ageOn } from '../lib/age.js';
import { compareDates, londonDateOf, type LocalDate } from '../lib/dates.js';
import { notFound } from '../lib/errors.js';
import type { RequestContext } from '../lib/http/api.js';
import { earlyApplicationsForCaseload } from '../housing/early-applications.service.js';
import { NotificationModel } from '../notifications/notification.model.js';
import { loadDirectory } from '../reminders/reminder-directory.js';
import { scanDay, toYoungPersonFacts } from '../reminders/reminder-scan.js';
import { YOUNG_PERSON_RULES } from '../reminders/reminder.rules.js';
import type { ReminderDraft } from '../reminders/reminder.types.js';
import { heldOpenYoungPeople } from './held-young-people.js';
import { caseloadFilter, caseloadFilterForAdviser } from './young-people.access.js';
import { YoungPersonModel, type YoungPersonRecord } from './young-people.model.js';

type Context = Pick<RequestContext, 'actor' | 'now' | 'requestId'>;

/** What a caseload can be filtered by: the things a PA must act on. */
export const CASELOAD_FLAGS = ['housing', 'custody_release', 'review_overdue', 'no_contact', 'birthday', 'unread_reminders'] as const;
export type CaseloadFlag = (typeof CASELOAD_FLAGS)[number];

export const CASELOAD_FLAG_NAMES: Record<CaseloadFlag, string> = {
  housing: 'Housing application age reached or near',
  custody_release: 'Leaving custody near 18',
  review_overdue: 'Pathway plan review overdue',
  no_contact: 'No contact for 8 weeks',
  birthday: '18th, 21st or 25th birthday ahead',
  unread_reminders: 'Unread reminders',
};

export interface CaseloadRow {
  id: string;
  name: string;
  dateOfBirth: LocalDate;
  ageYears: number;
  careStatus: string;
  personalAdviserId: string;
  nextDeadline: { date: LocalDate; what: string; overdue: boolean } | null;
  flags: { flag: CaseloadFlag; text: string; urgent: boolean }[];
}

export const CASELOAD_PAGE_SIZE = 20;

const BIRTHDAY_RULES: Record<string, string> = { eighteenth_birthday_in_8_weeks: '18th', twenty_first_birthday_in_8_weeks: '21st', twenty_fifth_birthday_in_8_weeks: '25th' };

/** Reminder rules (the scan's own, for today) that become flags; the scan's rules stay the one source of the dates. */
function flagsFromReminders(drafts: readonly ReminderDraft[]): { flags: CaseloadRow['flags']; deadlines: { date: LocalDate; what: string}[] } {
  const flags: CaseloadRow['flags'] = [];
  const deadlines: { date: LocalDate; what: string}[] = [];
  for (const draft of drafts) {
    if (draft.audience !== 'personal_adviser') continue;
    if (draft.rule === 'custody_release_near_18') {
      flags.push({ flag: 'custody_release', text: 'Leaving custody near 18', urgent: true });
      deadlines.push({ date: draft.dueDate, what: 'Release from custody' });
    } else if (draft.rule === 'pathway_plan_review_overdue') {
      flags.push({ flag: 'review_overdue', text: 'Pathway plan review overdue', urgent: true });
    } else if (draft.rule === 'no_contact_for_8_weeks') {
      flags.push({ flag: 'no_contact', text: 'No contact for 8 weeks', urgent: false });
    } else if (BIRTHDAY_RULES[draft.rule]) {
      flags.push({ flag: 'birthday', text: `${BIRTHDAY_RULES[draft.rule]} birthday soon`, urgent: false });
      deadlines.push({ date: draft.dueDate, what: `${BIRTHDAY_RULES[draft.rule]} birthday` });
    }
  }
  return { flags, deadlines };
}

const displayName = (record: Pick<YoungPersonRecord, 'firstName' | 'lastName' | 'preferredName'>) =>
  record.preferredName ? `${record.preferredName} ${record.lastName} (${record.firstName})` : `${record.firstName} ${record.lastName}`;

/**
 * A caseload as a PA works through it: each young person with age, care status, the next deadline and the flags
 * that need action, soonest deadline first; filtered by flag or by name, a page at a time. The flags come from the
 * reminder rules and the early-application list (the same rules that send reminders), and from unread reminders.
 * A manager may narrow to one PA of their team; audited like any list of young people.
 */
export async function caseloadOverview(
  context: Context,
  query: { flag?: CaseloadFlag | undefined; search?: string | undefined; page: number; personalAdviserId?: string | undefined },
): Promise<{ rows: CaseloadRow[]; total: number; page: number; pageCount: number; flagCounts: Record<CaseloadFlag, number> }> {
  const scope = caseloadFilter(context.actor);
  if (!scope) throw notFound('Caseload');
  const filter = query.personalAdviserId ? await caseloadFilterForAdviser(context.actor, query.personalAdviserId) : scope;
  if (!filter) throw notFound('Personal adviser');
  const today = londonDateOf(context.now);
  const day = scanDay(context.now);
  const held = await heldOpenYoungPeople(filter);
  const [records, early, directory] = await Promise.all([
    held ?? YoungPersonModel.find(filter, { careHistoryNotes: 0 }).lean<YoungPersonRecord[]>(),
    earlyApplicationsForCaseload(context, query.personalAdviserId),
    loadDirectory({ referralCountsFor: [] }),
  ]);
  const ids = records.map((record) => record._id);
  const unread = ids.length ? await NotificationModel.find({ recipientUserId: context.actor.userId, readAt: null, youngPersonId: { $in: ids } }, { youngPersonId: 1 }).lean() : [];
  const unreadCount = new Map<string, number>();
  for (const notification of unread) unreadCount.set(String(notification.youngPersonId), (unreadCount.get(String(notification.youngPersonId)) ?? 0) + 1);
  const housing = new Map<string, (typeof early.items)[number]>();
  for (const item of early.items) if (!housing.has(item.youngPerson.id) || item.urgent) housing.set(item.youngPerson.id, item);

  let rows: CaseloadRow[] = records.map((record) => {
    const id = String(record._id);
    const facts = toYoungPersonFacts(record);
    const { flags, deadlines } = flagsFromReminders(YOUNG_PERSON_RULES.flatMap((rule) => rule.remind(facts, day, directory)));
    const need = housing.get(id);
    if (need) {
      const reached = need.standing === 'at_or_past_application_age';
      flags.unshift({ flag: 'housing', text: reached ? 'Can apply for housing now' : 'Housing application age soon', urgent: need.urgent });
      // Reaching the application age is a deadline while it is ahead; once reached it is an opening (the flag), not a deadline missed.
      if (!reached) deadlines.push({ date: need.applicationAgeReachedOn, what: `Can apply for housing in ${need.district.name} from` });
    }
    if (record.pathwayPlanReviewDate) deadlines.push({ date: record.pathwayPlanReviewDate, what: 'Pathway plan review' });
    const unreadHere = unreadCount.get(id) ?? 0;
    if (unreadHere) flags.push({ flag: 'unread_reminders', text: `${unreadHere} unread reminder${unreadHere === 1 ? '' : 's'}`, urgent: false });
    deadlines.sort((a, b) => compareDates(a.date, b.date));
    const next = deadlines[0];
    return {
      id, name: displayName(record), dateOfBirth: record.dateOfBirth, ageYears: ageOn(record.dateOfBirth, today).years, careStatus: record.careStatus, personalAdviserId: String(record.personalAdviserId),
      nextDeadline: next ? { date: next.date, what: next.what, overdue: compareDates(next.date, today) < 0 } : null,
      flags,
    };
  });

  const flagCounts = Object.fromEntries(CASELOAD_FLAGS.map((flag) => [flag, rows.filter((row) => row.flags.some((f) => f.flag === flag)).length])) as Record<CaseloadFlag, number>;
  if (query.flag) rows = rows.filter((row) => row.flags.some((f) => f.flag === query.flag));
  const search = query.search?.trim().toLowerCase();
  if (search) rows = rows.filter((row) => row.name.toLowerCase().includes(search));
  rows.sort((a, b) => (a.nextDeadline && b.nextDeadline ? compareDates(a.nextDeadline.date, b.nextDeadline.date) : a.nextDeadline ? -1 : b.nextDeadline ? 1 : 0) || a.name.localeCompare(b.name));
  const pageCount = Math.max(1, Math.ceil(rows.length / CASELOAD_PAGE_SIZE));
  const page = Math.min(Math.max(1, query.page), pageCount);
  const shown = rows.slice((page - 1) * CASELOAD_PAGE_SIZE, page * CASELOAD_PAGE_SIZE);
  if (shown.length) await recordAudit(context, { action: 'list', resource: 'young_person', youngPersonIds: shown.map((row) => row.id), via: 'GET /caseload' });
  return { rows: shown, total: rows.length, page, pageCount, flagCounts };
}
