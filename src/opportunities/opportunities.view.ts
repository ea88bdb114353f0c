import type { LocalDate } from '../lib/dates.js';
import { effectiveStatus } from './opportunities.lifecycle.js';
import type { OpportunityRecord } from './opportunities.model.js';
import type { OpportunityView } from './opportunities.schemas.js';
import { changedSinceSendBack } from './send-back-snapshot.js';

const isoOrNull = (value: Date | null | undefined) => (value ? value.toISOString() : null);

/** The offer as callers see it, with its effective status: past its closing date, an open offer reads as closed. */
export function toOpportunityView(record: OpportunityRecord, today: LocalDate, options: { reviewer?: boolean } = {}): OpportunityView {
  const status = effectiveStatus(record, today);
  const expired = status === 'closed' && record.status === 'open';
  return {
    id: String(record._id),
    kind: record.kind as OpportunityView['kind'],
    title: record.title,
    description: record.description ?? '',
    organisationId: record.organisationId ? String(record.organisationId) : null,
    providerName: record.providerName,
    sector: (record.sector ?? null) as OpportunityView['sector'],
    level: record.level ?? null,
    ringFenced: record.ringFenced,
    status,
    closedReason: expired ? 'closing_date' : (record.closedReason ?? null),
    sentBackReason: record.sentBackReason ?? null,
    sentBackFields: record.sentBackFields ?? [],
    districtId: record.districtId ? String(record.districtId) : null,
    remote: record.remote,
    national: record.national ?? false,
    areas: (record.areas ?? []) as OpportunityView['areas'],
    whatYouWillDo: record.whatYouWillDo ?? null,
    skills: record.skills ?? [],
    locationDescription: record.locationDescription ?? null,
    places: record.places,
    placesFilled: record.placesFilled,
    placesLeft: Math.max(0, record.places - record.placesFilled),
    closingDate: record.closingDate ?? null,
    startDate: record.startDate ?? null,
    wageType: record.wageType ?? null,
    weeklyHours: record.weeklyHours ?? null,
    yearlyWagePence: record.yearlyWagePence ?? null,
    durationMonths: record.durationMonths ?? null,
    minAgeAtStart: record.minAgeAtStart ?? null,
    maxAgeAtStart: record.maxAgeAtStart ?? null,
    eligibleCareStatus: record.eligibleCareStatus as OpportunityView['eligibleCareStatus'],
    requiredQualifications: (record.requiredQualifications ?? []).map((q) => ({ subject: q.subject, level: q.level, grade: q.grade ?? null, importance: (q.importance ?? 'essential') as 'essential' | 'desirable' })),
    sharingNeeded: record.sharingNeeded as OpportunityView['sharingNeeded'],
    benefitType: record.benefitType ?? null,
    submittedAt: isoOrNull(record.submittedAt),
    approvedAt: isoOrNull(record.approvedAt),
    statusChangedAt: isoOrNull(record.statusChangedAt),
    ...(options.reviewer ? { changedSinceSendBack: changedSinceSendBack(record) } : {}),
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}
