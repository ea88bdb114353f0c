import { listDistricts } from '../../districts/districts.service.js';
import { addDays, londonDateOf } from '../../lib/dates.js';
import { dateExample } from '../../lib/pages/date-input.js';
import { formFields, textOf } from '../../lib/pages/form-body.js';
import { PageNotFound, type FieldError, type PageContext, type Pages } from '../../lib/pages/pages.js';
import { COVENANT_AREAS } from '../covenant-areas.js';
import { closingDateLeadProblems } from '../opportunities.rules.js';
import { createOpportunityBody, updateOpportunityBody, type OpportunityView } from '../opportunities.schemas.js';
import { readOpportunity, updateOpportunity } from '../opportunities.service.js';
import { startDraftOffer } from '../opportunity-drafts.js';
import { submitOpportunity } from '../opportunities.transitions.js';
import { APPRENTICESHIP_LEVELS, SECTORS } from '../sectors.js';
import { approvedEmployer, idFrom, offerErrorView, problemsOf, zodProblems } from './offer-page-support.js';
import { EMPLOYER_KINDS, questionNamed, questionsFor, type FormValues } from './offer-questions.js';
import { AREA_WORDS, offerSummaryRows, sectorName, SHARING_WORDS, WAGE_WORDS, words } from './offer-summary.js';

const EMPLOYER = ['employer'] as const;
const KIND_HINTS: Record<string, string> = {
  job: 'A paid job.', work_experience: 'A placement to try out work, usually unpaid and for a few weeks.', apprenticeship: 'A paid job with training towards an apprenticeship standard.',
  training: 'A course or programme.', mentoring: 'Someone from your organisation supports a young person.', benefit: 'Something that helps them live independently, such as a travel card or a laptop.',
};
const QUALIFICATION_LEVELS = [0, 1, 2, 3, 4, 5, 6, 7, 8];
/** Each radio and checkbox its own data-qa, "<field>-<value>", for tests and the integrator's journeys. */
const qa = (field: string, value: string) => ({ 'data-qa': `${field}-${value}` });

/** A draft of the employer's own organisation, for its question pages; anything else: its own page (or not found). */
async function draftInScope(context: PageContext, id: string): Promise<OpportunityView | null> {
  const offer = await readOpportunity(context, id);
  if (offer.status === 'draft') return offer;
  context.redirect(`/opportunities/${id}`);
  return null;
}

/** What each question's template needs besides the values: the choices, as GOV.UK macro items. */
async function choicesFor(question: string) {
  if (question === 'kind') return { kindItems: EMPLOYER_KINDS.map((kind) => ({ value: kind, text: words(kind), hint: { text: KIND_HINTS[kind] }, attributes: qa('kind', kind) })) };
  if (question === 'sector') return { sectorItems: SECTORS.map((sector) => ({ value: sector, text: sectorName(sector), attributes: qa('sector', sector) })) };
  if (question === 'areas') return { areaItems: COVENANT_AREAS.map((area) => ({ value: area, text: AREA_WORDS[area] ?? words(area), attributes: qa('areas', area) })) };
  if (question === 'location') return { districtItems: [{ value: '', text: 'Choose a district' }, ...(await listDistricts()).map((district) => ({ value: String(district._id), text: district.name }))] };
  if (question === 'apprenticeship') return { levelItems: APPRENTICESHIP_LEVELS.map((level) => ({ value: String(level), text: `Level ${level}`, attributes: qa('level', String(level)) })) };
  if (question === 'wage') return { wageItems: Object.entries(WAGE_WORDS).map(([value, text]) => ({ value, text, attributes: qa('wageType', value) })) };
  if (question === 'sharing') return { sharingItems: Object.entries(SHARING_WORDS).map(([value, text]) => ({ value, text, attributes: qa('sharingNeeded', value) })) };
  if (question === 'qualifications') return { qualificationLevelItems: [{ value: '', text: 'Choose a level' }, ...QUALIFICATION_LEVELS.map((level) => ({ value: String(level), text: level === 0 ? 'Entry level' : `Level ${level}` }))] };
  return {};
}

/** After a question: the next one a new offer of this kind asks, or check your answers (always, when changing an answer). */
function nextPath(offer: OpportunityView, question: string, fromCheck: boolean): string {
  const base = `/opportunities/${offer.id}`;
  if (fromCheck) return `${base}/check-answers`;
  const sequence = questionsFor(offer.kind);
  const index = sequence.findIndex((candidate) => candidate.name === question);
  const next = sequence[index + 1];
  return next ? `${base}/edit/${next.name}` : `${base}/check-answers`;
}

export function registerOfferQuestionPages(pages: Pages): void {
  pages.get('/offers/new', { access: EMPLOYER, form: true }, async (context) => {
    if (!(await approvedEmployer(context))) return;
    const kept = await context.takeFlash<FormValues>('new-offer');
    context.render('opportunities/new-offer.njk', { pageTitle: 'Create an offer', values: kept?.values ?? {}, ...offerErrorView(kept?.errors, '', '*'), ...(await choicesFor('kind')) });
  });

  pages.post('/offers/new', { access: EMPLOYER, form: true }, async (context) => {
    if (!(await approvedEmployer(context))) return;
    const fields = formFields(context.req);
    const values = { kind: textOf(fields.kind), title: textOf(fields.title) };
    const errors: FieldError[] = [];
    if (!values.kind) errors.push({ field: 'kind', message: 'Select what kind of offer it is' });
    if (!values.title) errors.push({ field: 'title', message: 'Enter a title for the offer' });
    // The API's own schema for these two answers; the rest is asked by the question pages.
    const parsed = createOpportunityBody.pick({ kind: true, title: true }).safeParse(values);
    if (!errors.length && !parsed.success) errors.push(...zodProblems(parsed.error));
    if (errors.length || !parsed.success) return context.redirectWithErrors('/offers/new', 'new-offer', values, errors);
    try {
      const created = await startDraftOffer(context, parsed.data);
      context.redirect(`/opportunities/${created.id}/edit/${questionsFor(created.kind)[0]!.name}`);
    } catch (error) {
      await context.redirectWithErrors('/offers/new', 'new-offer', values, problemsOf(error));
    }
  });

  pages.get('/opportunities/:id/edit/:question', { access: EMPLOYER, form: true }, async (context) => {
    const id = idFrom(context.req.params.id);
    if (!(await approvedEmployer(context))) return;
    const question = questionNamed(String(context.req.params.question));
    const offer = await draftInScope(context, id);
    if (!offer) return;
    if (!question || !question.appliesTo(offer.kind)) throw new PageNotFound();
    const kept = await context.takeFlash<FormValues>(`question-${question.name}`);
    const fromCheck = context.req.query.check === '1';
    context.render(`opportunities/questions/${question.name}.njk`, {
      pageTitle: question.heading,
      offer,
      values: kept?.values ?? question.valuesOf(offer),
      action: `/opportunities/${id}/edit/${question.name}${fromCheck ? '?check=1' : ''}`,
      back: fromCheck ? `/opportunities/${id}/check-answers` : `/opportunities/${id}`,
      minLeadDays: context.deps.config.CLOSING_DATE_MIN_LEAD_DAYS,
      // Examples a few weeks ahead of today, in the order the rules want (start after closing).
      closingExample: dateExample(addDays(londonDateOf(context.now), 28)),
      startExample: dateExample(addDays(londonDateOf(context.now), 56)),
      ...offerErrorView(kept?.errors, id, question.name),
      ...(await choicesFor(question.name)),
    });
  });

  pages.post('/opportunities/:id/edit/:question', { access: EMPLOYER, form: true }, async (context) => {
    const id = idFrom(context.req.params.id);
    if (!(await approvedEmployer(context))) return;
    const question = questionNamed(String(context.req.params.question));
    const offer = await draftInScope(context, id);
    if (!offer) return;
    if (!question || !question.appliesTo(offer.kind)) throw new PageNotFound();
    const fromCheck = context.req.query.check === '1';
    const self = `/opportunities/${id}/edit/${question.name}${fromCheck ? '?check=1' : ''}`;
    const form = question.read(formFields(context.req), offer);
    const again = (errors: FieldError[]) => context.redirectWithErrors(self, `question-${question.name}`, form.values, errors);
    if (form.errors.length) return again(form.errors);
    if (Object.keys(form.changes).length) {
      const parsed = updateOpportunityBody.safeParse(form.changes);
      if (!parsed.success) return again(zodProblems(parsed.error));
      // Asked here so the employer hears it on this page; submitting checks the same rule again.
      if (question.name === 'dates') {
        const lead = closingDateLeadProblems(parsed.data.closingDate ?? null, londonDateOf(context.now), context.deps.config.CLOSING_DATE_MIN_LEAD_DAYS);
        if (lead.length) return again(lead.map((problem) => ({ field: problem.path, message: `Closing date ${problem.message}` })));
      }
      try {
        await updateOpportunity(context, id, parsed.data);
      } catch (error) {
        return again(problemsOf(error));
      }
    }
    if (form.stay) return context.redirect(`${self}#qualifications`);
    context.redirect(nextPath(offer, question.name, fromCheck));
  });

  pages.get('/opportunities/:id/check-answers', { access: EMPLOYER, form: true }, async (context) => {
    const id = idFrom(context.req.params.id);
    if (!(await approvedEmployer(context))) return;
    const offer = await draftInScope(context, id);
    if (!offer) return;
    const kept = await context.takeFlash('submit');
    context.render('opportunities/check-answers.njk', {
      pageTitle: 'Check your answers before submitting your offer',
      offer,
      rows: await offerSummaryRows(offer, { changeBase: `/opportunities/${id}` }),
      ...offerErrorView(kept?.errors, id, null),
    });
  });

  pages.post('/opportunities/:id/submit', { access: EMPLOYER, form: true }, async (context) => {
    const id = idFrom(context.req.params.id);
    if (!(await approvedEmployer(context))) return;
    const offer = await draftInScope(context, id);
    if (!offer) return;
    try {
      await submitOpportunity(context, id);
    } catch (error) {
      return context.redirectWithErrors(`/opportunities/${id}/check-answers`, 'submit', {}, problemsOf(error));
    }
    await context.confirm('Your offer has been sent to the council for approval. We will email you when they have looked at it.');
    context.redirect(`/opportunities/${id}`);
  });
}
