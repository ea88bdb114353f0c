import type { Response } from 'express';
import { DistrictModel } from '../districts/districts.model.js';
import { londonDateOf } from '../lib/dates.js';
import type { RequestContext } from '../lib/http/api.js';
import { effectiveStatusFilter } from '../opportunities/opportunities.lifecycle.js';
import { OpportunityModel, type OpportunityRecord, type OpportunityStatus } from '../opportunities/opportunities.model.js';
import { toOpportunityView } from '../opportunities/opportunities.view.js';
import { sendCsv } from './csv-output.js';

type Context = Pick<RequestContext, 'actor' | 'now' | 'requestId'>;

/** The import's columns first (so a council's own list can be edited and imported back), then what the service adds. */
export const OPPORTUNITY_EXPORT_COLUMNS = [
  'source_reference', 'kind', 'title', 'closing_date', 'places', 'district_code', 'provider_name', 'description', 'sector', 'level', 'remote', 'location_description', 'start_date',
  'wage_type', 'weekly_hours', 'yearly_wage_pounds', 'duration_months', 'min_age_at_start', 'max_age_at_start', 'eligible_care_status', 'sharing_needed', 'benefit_type', 'required_qualifications',
  'what_you_will_do', 'skills', 'areas', 'national',
  'id', 'organisation_id', 'status', 'places_filled',
] as const;

/** Streams offers (all, or those with an effective status) as CSV, soonest closing first. Offers hold no personal data. */
export async function exportOpportunities(context: Context, status: OpportunityStatus | undefined, res: Response): Promise<void> {
  const today = londonDateOf(context.now);
  const districts = new Map((await DistrictModel.find({}, { code: 1 }).lean()).map((district) => [String(district._id), district.code]));
  const filter = status ? effectiveStatusFilter(status, today) : {};

  async function* batches(): AsyncGenerator<unknown[][]> {
    const cursor = OpportunityModel.find(filter).sort({ closingDate: 1, _id: 1 }).lean<OpportunityRecord[]>().cursor({ batchSize: 500 });
    let rows: unknown[][] = [];
    for await (const record of cursor) {
      const offer = toOpportunityView(record as unknown as OpportunityRecord, today);
      const byColumn: Record<(typeof OPPORTUNITY_EXPORT_COLUMNS)[number], unknown> = {
        source_reference: (record as unknown as OpportunityRecord).sourceReference ?? null,
        kind: offer.kind,
        title: offer.title,
        closing_date: offer.closingDate,
        places: offer.places,
        district_code: offer.districtId ? (districts.get(offer.districtId) ?? '') : '',
        provider_name: offer.providerName,
        description: offer.description,
        sector: offer.sector,
        level: offer.level,
        remote: offer.remote,
        location_description: offer.locationDescription,
        start_date: offer.startDate,
        wage_type: offer.wageType,
        weekly_hours: offer.weeklyHours,
        yearly_wage_pounds: offer.yearlyWagePence === null ? null : (offer.yearlyWagePence / 100).toFixed(2),
        duration_months: offer.durationMonths,
        min_age_at_start: offer.minAgeAtStart,
        max_age_at_start: offer.maxAgeAtStart,
        eligible_care_status: offer.eligibleCareStatus,
        sharing_needed: offer.sharingNeeded,
        benefit_type: offer.benefitType,
        required_qualifications: offer.requiredQualifications.map((q) => [q.subject, q.level, ...(q.importance === 'desirable' ? [q.grade ?? '', 'desirable'] : q.grade ? [q.grade] : [])].join(':')).join(';'),
        what_you_will_do: offer.whatYouWillDo,
        skills: offer.skills.join('; '),
        areas: offer.areas.join('; '),
        national: offer.national,
        id: offer.id,
        organisation_id: offer.organisationId,
        status: offer.status,
        places_filled: offer.placesFilled,
      };
      rows.push(OPPORTUNITY_EXPORT_COLUMNS.map((column) => byColumn[column]));
      if (rows.length >= 500) {
        yield rows;
        rows = [];
      }
    }
    if (rows.length) yield rows;
  }

  await sendCsv(res, `opportunities-${today}.csv`, OPPORTUNITY_EXPORT_COLUMNS, batches());
}
