import { addDays, londonDateOf } from '../lib/dates.js';
import { forbidden } from '../lib/errors.js';
import type { RequestContext } from '../lib/http/api.js';
import { ReferralModel } from '../referrals/referrals.model.js';
import { effectiveStatus } from './opportunities.lifecycle.js';
import { OpportunityModel, type OpportunityRecord, type OpportunityStatus } from './opportunities.model.js';

/** "Closing soon" on the employer's dashboard: open offers closing today or in the next this-many days. */
export const CLOSING_SOON_DAYS = 14;

/**
 * The statuses an employer's dashboard counts, in the order GOV.UK Recruit an apprentice shows them, then the two
 * ends it lacks (filled, and withdrawn when the organisation was suspended), so the counts add up to every offer.
 */
export const DASHBOARD_STATUSES = ['draft', 'sent_back', 'pending_approval', 'open', 'closed', 'filled', 'withdrawn'] as const;
export type DashboardStatus = (typeof DASHBOARD_STATUSES)[number];

export interface DashboardOffer {
  id: string;
  title: string;
  kind: string;
  status: DashboardStatus | OpportunityStatus;
  closingDate: string | null;
  referrals: number;
  sentBackReason: string | null;
}

export interface OfferDashboard {
  counts: Record<DashboardStatus, number>;
  closingSoon: DashboardOffer[];
  closingSoonWithoutReferrals: DashboardOffer[];
  sentBack: DashboardOffer[];
  /** Every offer, newest change first, for the full list. */
  offers: DashboardOffer[];
}

/** Sent back is a draft that carries the council's reason (GOV.UK "Rejected": needs changes). */
export function dashboardStatusOf(record: Pick<OpportunityRecord, 'status' | 'closingDate' | 'sentBackReason'>, today: string): DashboardStatus | OpportunityStatus {
  const status = effectiveStatus(record, today);
  return status === 'draft' && record.sentBackReason ? 'sent_back' : status;
}

/**
 * The employer's organisation's offers by status, and the lists that ask for action: closing within
 * CLOSING_SOON_DAYS, the same with no referrals yet (a referral counts once a PA has put the young person forward,
 * as in the reminder rules), and sent back by the council. An organisation has tens of offers: one read each.
 */
export async function offerDashboard(context: Pick<RequestContext, 'actor' | 'now'>): Promise<OfferDashboard> {
  const { actor } = context;
  if (actor.role !== 'employer' || !actor.organisationId) throw forbidden();
  const today = londonDateOf(context.now);
  const records = await OpportunityModel.find({ organisationId: actor.organisationId }, { title: 1, kind: 1, status: 1, closingDate: 1, sentBackReason: 1, statusChangedAt: 1, updatedAt: 1 })
    .sort({ updatedAt: -1, _id: -1 })
    .lean<OpportunityRecord[]>();
  const ids = records.map((record) => record._id);
  const referrals = ids.length ? await ReferralModel.find({ opportunityId: { $in: ids }, stage: { $ne: 'suggested' } }, { opportunityId: 1 }).lean() : [];
  const referralCount = new Map<string, number>();
  for (const referral of referrals) referralCount.set(String(referral.opportunityId), (referralCount.get(String(referral.opportunityId)) ?? 0) + 1);

  const offers: DashboardOffer[] = records.map((record) => ({
    id: String(record._id),
    title: record.title,
    kind: record.kind,
    status: dashboardStatusOf(record, today),
    closingDate: record.closingDate ?? null,
    referrals: referralCount.get(String(record._id)) ?? 0,
    sentBackReason: record.sentBackReason ?? null,
  }));
  const counts = Object.fromEntries(DASHBOARD_STATUSES.map((status) => [status, offers.filter((offer) => offer.status === status).length])) as Record<DashboardStatus, number>;
  const lastDay = addDays(today, CLOSING_SOON_DAYS);
  const bySoonest = (a: DashboardOffer, b: DashboardOffer) => String(a.closingDate).localeCompare(String(b.closingDate));
  const closingSoon = offers.filter((offer) => offer.status === 'open' && offer.closingDate !== null && offer.closingDate >= today && offer.closingDate <= lastDay).sort(bySoonest);
  return {
    counts,
    closingSoon,
    closingSoonWithoutReferrals: closingSoon.filter((offer) => offer.referrals === 0),
    sentBack: offers.filter((offer) => offer.status === 'sent_back'),
    offers,
  };
}
