import { OrganisationModel, type OrganisationRecord } from '../employers/organisations.model.js';
import { OpportunityModel, type OpportunityRecord } from '../opportunities/opportunities.model.js';
import { approvalWait, type ApprovalWait } from './approval-wait.js';

/** Enough for any council's queue; a longer one means something else is wrong. */
const QUEUE_LIMIT = 500;

export interface WaitingOrganisation extends ApprovalWait {
  id: string;
  name: string;
  sector: string;
  districtId: string;
}

export interface WaitingOffer extends ApprovalWait {
  id: string;
  title: string;
  kind: string;
  providerName: string;
  organisationId: string | null;
  /** Sent back before and submitted again: the review page shows what changed since. */
  resubmitted: boolean;
}

const byWait = <T extends { waitingSince: string; name?: string; title?: string }>(a: T, b: T) => a.waitingSince.localeCompare(b.waitingSince);

/**
 * What council staff have to decide: organisations waiting for approval (since they registered or last changed
 * status) and offers waiting (since they were submitted), each oldest first with the working days waited
 * against the 3-working-day target.
 */
export async function approvalQueue(now: Date): Promise<{ organisations: WaitingOrganisation[]; offers: WaitingOffer[] }> {
  const [organisations, offers] = await Promise.all([
    OrganisationModel.find({ status: 'pending_approval' }).limit(QUEUE_LIMIT).lean<OrganisationRecord[]>(),
    OpportunityModel.find({ status: 'pending_approval' }).limit(QUEUE_LIMIT).lean<OpportunityRecord[]>(),
  ]);
  return {
    organisations: organisations
      .map((organisation) => ({
        id: String(organisation._id),
        name: organisation.name,
        sector: organisation.sector,
        districtId: String(organisation.districtId),
        ...approvalWait(organisation.statusChangedAt ?? organisation.createdAt, now),
      }))
      .sort(byWait),
    offers: offers
      .map((offer) => ({
        id: String(offer._id),
        title: offer.title,
        kind: offer.kind,
        providerName: offer.providerName,
        organisationId: offer.organisationId ? String(offer.organisationId) : null,
        resubmitted: Boolean(offer.sendBackSnapshot),
        // Submission (or a material change to a live offer) sets submittedAt; older imported offers may lack it.
        ...approvalWait(offer.submittedAt ?? offer.statusChangedAt ?? offer.updatedAt, now),
      }))
      .sort(byWait),
  };
}
