/** /me/about, /me/sharing, /me/housing and /me/alerts: what a young person may see and change about themselves. */
import { z } from 'zod';
import { formFields, listOf, textOf } from '../../../lib/pages/form-body.js';
import { errorView, type Pages } from '../../../lib/pages/pages.js';
import { SECTOR_LABELS, levelLabel } from '../../../matching/matching.explanations.js';
import { SECTORS } from '../../../opportunities/sectors.js';
import { QUALIFICATION_TYPES, QUALIFICATION_TYPE_LABELS } from '../../../qualifications/qualification-types.js';
import { YOUNG_PEOPLE } from '../../../users/roles.js';
import { ALERT_FREQUENCIES, alertFrequencyOf, setAlertFrequency } from '../alert-settings.model.js';
import { aboutMeInput, addOwnQualification, updateAboutMe, addQualificationInput, changeSharing, sharingInput } from '../own-changes.js';
import { housingForYou } from '../own-housing.js';
import { meContext } from './me-context.js';

const TRAVEL_CHOICES = [2, 5, 10, 15, 20, 30, 50];

/** "Up to 2 km (about 1 mile)": kilometres, with miles for those who think in them. */
export function travelWords(km: number): string {
  const miles = Math.max(1, Math.round(km / 1.6));
  return `Up to ${km} km (about ${miles} ${miles === 1 ? 'mile' : 'miles'})`;
}

export function registerMeSettingsPages(pages: Pages): void {
  pages.get('/me/about', { access: YOUNG_PEOPLE, form: true }, async (context) => {
    const me = await meContext(context, 'GET /me/about');
    const aboutFlash = await context.takeFlash('about');
    const qualificationFlash = await context.takeFlash<Record<string, string>>('qualification');
    context.render('me/about.njk', {
      pageTitle: 'About me', ...me,
      sectorItems: SECTORS.map((sector) => ({ value: sector, text: SECTOR_LABELS[sector].charAt(0).toUpperCase() + SECTOR_LABELS[sector].slice(1), checked: (me.record.interests ?? []).includes(sector) })),
      travelItems: [...new Set([...TRAVEL_CHOICES, me.record.maxTravelKm])].sort((a, b) => a - b).map((km) => ({ value: String(km), text: travelWords(km), checked: km === me.record.maxTravelKm })),
      qualifications: (me.record.qualifications ?? []).map((q) => ({ text: `${levelLabel(q.level)} ${q.subject}${q.grade ? `, grade ${q.grade}` : ''}`, checked: q.confirmed !== false })),
      typeItems: [{ value: '', text: 'Choose a type' }, ...QUALIFICATION_TYPES.map((type) => ({ value: type, text: QUALIFICATION_TYPE_LABELS[type], selected: qualificationFlash?.values.type === type }))],
      qualificationValues: qualificationFlash?.values ?? {},
      about: errorView(aboutFlash?.errors),
      qualification: errorView(qualificationFlash?.errors),
      errorList: [...errorView(aboutFlash?.errors).errorList, ...errorView(qualificationFlash?.errors).errorList],
    });
  });

  pages.post('/me/about', { access: YOUNG_PEOPLE, form: true }, async (context) => {
    const fields = formFields(context.req);
    const input = aboutMeInput.safeParse({ interests: listOf(fields.interests), maxTravelKm: Number(textOf(fields.maxTravelKm)) });
    if (!input.success) {
      const errors = [...new Set(input.error.issues.map((issue) => String(issue.path[0])))].map((field) => (field === 'interests' ? { field: 'interests', message: 'Choose the kinds of work you like from the list' } : { field: 'maxTravelKm', message: 'Choose how far you can travel' }));
      return context.redirectWithErrors('/me/about', 'about', {}, errors);
    }
    const me = await meContext(context, 'POST /me/about');
    await updateAboutMe(context, me.record, input.data);
    await context.confirm('Saved. Your personal adviser can see this.');
    context.redirect('/me/about');
  });

  pages.post('/me/about/qualifications', { access: YOUNG_PEOPLE, form: true }, async (context) => {
    const fields = formFields(context.req);
    const values = { type: textOf(fields.type), subject: textOf(fields.subject), grade: textOf(fields.grade), level: textOf(fields.level) };
    const input = addQualificationInput.safeParse({ type: values.type || undefined, subject: values.subject, grade: values.grade || null, level: values.level === '' ? null : Number(values.level) });
    if (!input.success) {
      const errors = input.error.issues.map((issue) => ({ field: `qualification-${String(issue.path[0] ?? 'subject')}`, message: QUALIFICATION_MESSAGES[String(issue.path[0])] ?? 'Check this qualification' }));
      return context.redirectWithErrors('/me/about#add-qualification', 'qualification', values, errors);
    }
    const me = await meContext(context, 'POST /me/about/qualifications');
    await addOwnQualification(context, me.record, input.data);
    await context.confirm('Added. Your personal adviser will check it.');
    context.redirect('/me/about#qualifications');
  });

  pages.get('/me/sharing', { access: YOUNG_PEOPLE, form: true }, async (context) => {
    const me = await meContext(context, 'GET /me/sharing');
    const kept = await context.takeFlash('sharing');
    const record = me.record;
    context.render('me/sharing.njk', {
      pageTitle: 'What I share', ...me,
      employerSharing: record.employerSharing,
      shareWithHousing: record.shareWithHousing,
      changedAt: record.sharingChangedAt ?? null,
      example: {
        // One of each, as an employer of that kind of work would see them: only its area, only what it asked for.
        interest: (record.interests ?? []).map((sector) => SECTOR_LABELS[sector as keyof typeof SECTOR_LABELS] ?? sector)[0] ?? null,
        qualification: (record.qualifications ?? []).map((q) => `${levelLabel(q.level)} ${q.subject}`)[0] ?? null,
        name: `${record.firstName} ${record.lastName}`,
        email: record.email ?? 'your email',
        phone: record.phone ?? 'your phone number',
      },
      ...errorView(kept?.errors),
    });
  });

  pages.post('/me/sharing', { access: YOUNG_PEOPLE, form: true }, async (context) => {
    const fields = formFields(context.req);
    const input = sharingInput.safeParse({ employerSharing: textOf(fields.employerSharing), shareWithHousing: textOf(fields.shareWithHousing) === 'yes' ? true : textOf(fields.shareWithHousing) === 'no' ? false : undefined });
    if (!input.success) {
      const errors = input.error.issues.map((issue) => issue.path[0] === 'shareWithHousing' ? { field: 'shareWithHousing', message: 'Choose yes or no for housing' } : { field: 'employerSharing', message: 'Choose what employers can see' });
      return context.redirectWithErrors('/me/sharing', 'sharing', {}, errors);
    }
    const me = await meContext(context, 'POST /me/sharing');
    const changed = await changeSharing(context, me.record, input.data);
    await context.confirm(changed ? 'Saved. This works straight away. Your personal adviser has been told.' : 'Nothing changed.');
    context.redirect('/me/sharing');
  });

  pages.get('/me/housing', { access: YOUNG_PEOPLE }, async (context) => {
    const me = await meContext(context, 'GET /me/housing');
    context.render('me/housing.njk', { pageTitle: 'My housing', ...me, sharesWithHousing: me.record.shareWithHousing, districts: await housingForYou(me.record, context.now) });
  });

  pages.get('/me/alerts', { access: YOUNG_PEOPLE, form: true }, async (context) => {
    const me = await meContext(context, 'GET /me/alerts');
    const kept = await context.takeFlash('alerts');
    context.render('me/alerts.njk', { pageTitle: 'Emails about openings', ...me, frequency: await alertFrequencyOf(context.actor.userId), ...errorView(kept?.errors) });
  });

  pages.post('/me/alerts', { access: YOUNG_PEOPLE, form: true }, async (context) => {
    const frequency = z.enum(ALERT_FREQUENCIES).safeParse(textOf(formFields(context.req).frequency));
    if (!frequency.success) return context.redirectWithErrors('/me/alerts', 'alerts', {}, [{ field: 'frequency', message: 'Choose how often we email you' }]);
    await meContext(context, 'POST /me/alerts');
    await setAlertFrequency(context.actor.userId, frequency.data);
    await context.confirm('Saved.');
    context.redirect('/me/alerts');
  });
}

const QUALIFICATION_MESSAGES: Record<string, string> = {
  type: 'Choose the type of qualification',
  subject: 'Enter the subject, like Maths',
  grade: 'Enter the grade on your certificate, like 5 or C',
  level: 'Enter the level, like 1 or 2 (0 for Entry Level)',
};
