import { listDistricts } from '../../districts/districts.service.js';
import { listHousingApplicationsOfYoungPerson } from '../../housing/housing-applications.service.js';
import { objectId } from '../../lib/http/api.js';
import { errorView, PageNotFound, type FieldError, type Pages } from '../../lib/pages/pages.js';
import { SECTOR_LABELS } from '../../matching/matching.explanations.js';
import { matchesForYoungPerson } from '../../matching/matching.service.js';
import { myRemindersAbout } from '../../notifications/notifications.service.js';
import { opportunityTitles } from '../../opportunities/opportunity-titles.js';
import { ALLOWED_TRANSITIONS, isExit } from '../../referrals/referral-stages.js';
import { listReferrals } from '../../referrals/referrals.service.js';
import { CASEWORKERS, COUNCIL_STAFF } from '../../users/roles.js';
import { userNames } from '../../users/users.service.js';
import { ACCOMMODATION_TYPES, ACTIVITY_CODES } from '../ssda903.js';
import { reallocationChoices } from '../team-caseloads.service.js';
import { readYoungPerson } from '../young-people.service.js';
import { STAGE_NAMES, stageMoveForm } from './referral-words.js';
import { ownAccountSection } from '../own/pages/own-account-pages.js';

const MATCHES_SHOWN = 10;

/** The young person's page: who they are, what they could go for, what is in progress, and what is due. */
export function registerYoungPersonPages(pages: Pages): void {
  pages.get('/young-people/:id', { access: CASEWORKERS }, async (context) => {
    const id = objectId.safeParse(context.req.params.id);
    if (!id.success) throw new PageNotFound();
    const youngPerson = await readYoungPerson(context, id.data);
    const [matches, referrals, housing, reminders, districts] = await Promise.all([
      matchesForYoungPerson(context, id.data, MATCHES_SHOWN),
      listReferrals(context, { youngPersonId: id.data, limit: 100, offset: 0 }),
      listHousingApplicationsOfYoungPerson(context, id.data),
      myRemindersAbout(context, id.data),
      listDistricts(),
    ]);
    const titles = await opportunityTitles(referrals.items.map((referral) => referral.opportunityId));
    const names = await userNames([youngPerson.personalAdviserId, ...referrals.items.flatMap((referral) => referral.history.map((step) => step.byUserId))]);
    const districtName = new Map(districts.map((district) => [String(district._id), district.name]));
    const referFlash = await context.takeFlash<{ opportunityId: string }>('refer');
    const reallocateFlash = await context.takeFlash('reallocate');
    const advisers = await reallocationChoices(context.actor);
    const moveFlashes: Record<string, { values: Record<string, string>; errors: FieldError[] } | undefined> = {};
    for (const referral of referrals.items) moveFlashes[referral.id] = await context.takeFlash(`move-${referral.id}`);

    context.render('young-people/young-person.njk', {
      pageTitle: `${youngPerson.preferredName ?? youngPerson.firstName} ${youngPerson.lastName}`,
      youngPerson,
      personalAdviserName: names.get(youngPerson.personalAdviserId) ?? 'Unknown',
      homeDistrict: districtName.get(youngPerson.homeDistrictId) ?? 'Unknown',
      preferredDistricts: youngPerson.preferredDistrictIds.map((districtId) => districtName.get(districtId) ?? 'Unknown'),
      interests: youngPerson.interests.map((sector) => (sector.charAt(0).toUpperCase() + sector.slice(1)).replaceAll('_', ' ')),
      activity: youngPerson.activityCode ? ACTIVITY_CODES[youngPerson.activityCode as keyof typeof ACTIVITY_CODES] : null,
      accommodation: youngPerson.accommodationCode ? `${ACCOMMODATION_TYPES[youngPerson.accommodationCode[0] as keyof typeof ACCOMMODATION_TYPES]}${youngPerson.accommodationCode.endsWith('1') ? ' (suitable)' : ' (unsuitable)'}` : null,
      matches,
      sectorLabels: SECTOR_LABELS,
      referFlash: referFlash ? errorView(referFlash.errors) : null,
      referrals: referrals.items.map((referral) => ({
        ...referral,
        opportunity: titles.get(referral.opportunityId) ?? { title: 'An opening', providerName: '' },
        stageName: STAGE_NAMES[referral.stage],
        timeline: [...referral.history].reverse().map((step) => ({ ...step, stageName: STAGE_NAMES[step.stage], who: names.get(step.byUserId) ?? step.byRole.replaceAll('_', ' ') })),
        moveForm: stageMoveForm(referral.id, ALLOWED_TRANSITIONS[referral.stage], isExit, moveFlashes[referral.id]),
      })),
      housing: housing.map((application) => ({ ...application, districtName: districtName.get(application.districtId) ?? 'Unknown' })),
      reminders,
      reallocation: advisers.length
        ? { items: [{ value: '', text: 'Choose a personal adviser' }, ...advisers.filter((adviser) => adviser.id !== youngPerson.personalAdviserId).map((adviser) => ({ value: adviser.id, text: adviser.name }))], ...errorView(reallocateFlash?.errors) }
        : null,
      mayReadAudit: (COUNCIL_STAFF as readonly string[]).includes(context.actor.role),
      ownAccount: await ownAccountSection(context, id.data),
    });
  });
}
