import { listDistricts } from '../../districts/districts.service.js';
import { londonDateOf } from '../../lib/dates.js';
import { AppError } from '../../lib/errors.js';
import { formFields } from '../../lib/pages/form-body.js';
import { errorView, type FieldError, type PageContext, type Pages } from '../../lib/pages/pages.js';
import { SECTORS } from '../../opportunities/sectors.js';
import { ONE_TIME_LINK_HOURS } from '../one-time-links.js';
import { COVENANT_OUTCOME_AREAS, ORGANISATION_SIZES } from '../organisations.model.js';
import { registerOrganisationBody } from '../organisations.schemas.js';
import { registerOrganisation } from '../organisations.service.js';
import { answersOf, firstUnanswered, nextPathAfter, openPassword, ORGANISATION_KINDS, saveAnswers, sealPassword, SIGN_UP_QUESTIONS, type SignUpAnswers, type SignUpQuestion } from './sign-up-answers.js';
import { KIND_LABELS, PLEDGE_LABELS, readSignUpForm, sectorWords, SIGN_UP_FORMS, signUpErrors, SIZE_LABELS } from './sign-up-forms.js';
import { checkAnswersRows } from './sign-up-summary.js';

const TITLES: Record<SignUpQuestion, string> = {
  organisation: 'Tell us about your organisation',
  address: 'Where is your organisation?',
  contact: 'Who should the council contact about your organisation?',
  pledges: 'What does your organisation pledge to support?',
  account: 'Create your account',
};

/** The page before this one: the previous question, or check your answers once everything is answered. */
function backLinkFor(question: SignUpQuestion, answers: SignUpAnswers): string {
  if (!firstUnanswered(answers)) return '/sign-up/check-answers';
  const index = SIGN_UP_QUESTIONS.indexOf(question);
  return index === 0 ? '/sign-up' : `/sign-up/${SIGN_UP_QUESTIONS[index - 1]}`;
}

/** What a question page shows in its fields: what was just typed (after an error), else the answer kept, else nothing. */
function valuesFor(question: SignUpQuestion, answers: SignUpAnswers, kept: Record<string, unknown> | undefined): Record<string, unknown> {
  if (kept) return kept;
  if (question === 'account') {
    // The password is never shown again; the name and email start as the contact's, which is usually the same person.
    const account = answers.account ?? answers.contact;
    return account ? { name: account.name, email: account.email } : {};
  }
  return (answers[question] as Record<string, unknown> | undefined) ?? {};
}

async function optionsFor(question: SignUpQuestion, values: Record<string, unknown>) {
  switch (question) {
    case 'organisation':
      return {
        kindLabels: KIND_LABELS, kinds: ORGANISATION_KINDS,
        sizeItems: ORGANISATION_SIZES.map((size) => ({ value: size, text: SIZE_LABELS[size], attributes: { 'data-qa': `size-${size}` } })),
        sectorItems: [{ value: '', text: 'Choose an area of work' }, ...SECTORS.map((sector) => ({ value: sector, text: sectorWords(sector), selected: values.sector === sector }))],
      };
    case 'address':
      return { districtItems: [{ value: '', text: 'Choose a district' }, ...(await listDistricts()).map((district) => ({ value: String(district._id), text: district.name, selected: values.districtId === String(district._id) }))] };
    case 'pledges': {
      const chosen = (values.pledgedOutcomeAreas as string[] | undefined) ?? [];
      return { pledgeItems: COVENANT_OUTCOME_AREAS.map((area) => ({ value: area, text: PLEDGE_LABELS[area].text, hint: { text: PLEDGE_LABELS[area].hint }, checked: chosen.includes(area), attributes: { 'data-qa': `pledge-${area}` } })) };
    }
    default:
      return {};
  }
}

async function showQuestion(context: PageContext, question: SignUpQuestion) {
  const answers = answersOf(context.session);
  const kept = await context.takeFlash<Record<string, unknown>>(`sign-up-${question}`);
  const values = valuesFor(question, answers, kept?.values);
  context.render(`employers/sign-up/${question}.njk`, {
    pageTitle: TITLES[question], values, backLink: backLinkFor(question, answers), ...errorView(kept?.errors), ...(await optionsFor(question, values)),
  });
}

async function answerQuestion(context: PageContext, question: SignUpQuestion) {
  const raw = readSignUpForm(question, formFields(context.req));
  const { password: _never, ...shown } = raw; // a password is never kept for showing again
  const parsed = SIGN_UP_FORMS[question].safeParse(raw);
  if (!parsed.success) return context.redirectWithErrors(`/sign-up/${question}`, `sign-up-${question}`, shown, signUpErrors(question, parsed.error, raw));
  if (!context.session) return context.redirect(`/sign-up/${question}`);
  const answers = answersOf(context.session);
  if (question === 'account') {
    const { password, ...account } = parsed.data as { name: string; email: string; password: string };
    answers.account = { ...account, sealedPassword: sealPassword(context.session, password) };
  } else {
    (answers as Record<string, unknown>)[question] = parsed.data;
  }
  delete answers.sentTo;
  await saveAnswers(context.session, answers);
  context.redirect(nextPathAfter(answers));
}

/** The answers as the API's registration body; the Covenant is signed on the day the answers are sent. */
function registrationInput(answers: Required<Pick<SignUpAnswers, SignUpQuestion>>, password: string, today: string) {
  const { kind: _kind, ...organisation } = answers.organisation;
  const { districtId, ...address } = answers.address;
  return {
    organisation: { ...organisation, address, districtId, contact: answers.contact, covenant: { signedOn: today, pledgedOutcomeAreas: answers.pledges.pledgedOutcomeAreas } },
    user: { name: answers.account.name, email: answers.account.email, password },
  };
}

async function sendAnswers(context: PageContext) {
  const answers = answersOf(context.session);
  const missing = firstUnanswered(answers);
  if (missing || !context.session) return context.redirect(`/sign-up/${missing ?? 'organisation'}`);
  const complete = answers as Required<Pick<SignUpAnswers, SignUpQuestion>>;
  const password = openPassword(context.session, complete.account.sealedPassword);
  if (password === null) {
    delete answers.account;
    await saveAnswers(context.session, answers);
    return context.redirectWithErrors('/sign-up/account', 'sign-up-account', {}, [{ field: 'password', message: 'Enter your password again' }]);
  }
  // The same schema and the same use case as POST /api/organisations/register.
  const parsed = registerOrganisationBody.safeParse(registrationInput(complete, password, londonDateOf(context.now)));
  const fail = (errors: FieldError[]) => context.redirectWithErrors('/sign-up/check-answers', 'sign-up-check-answers', {}, errors);
  if (!parsed.success) return fail(parsed.error.issues.slice(0, 5).map((issue) => ({ field: String(issue.path[0] === 'user' ? 'account' : 'organisation'), message: `${issue.path.at(-1) === undefined ? 'An answer' : sectorWords(String(issue.path.at(-1)))} ${issue.message}` })));
  try {
    await registerOrganisation({ now: context.now, deps: context.deps }, parsed.data);
  } catch (error) {
    if (!(error instanceof AppError) || error.status >= 500) throw error;
    return fail([{ field: 'organisation', message: error.message }]);
  }
  // Nothing of the answers is kept once sent, the sealed password least of all: only where the link went.
  await saveAnswers(context.session, { sentTo: parsed.data.user.email });
  context.redirect('/sign-up/confirmation');
}

/**
 * An organisation signs the Care Leaver Covenant: one question per page, answers kept in the browser's
 * server-side session, check your answers, then the same registration as POST /api/organisations/register
 * (pending council approval, with an emailed link to confirm the email address).
 */
export function registerSignUpPages(pages: Pages): void {
  pages.get('/sign-up', { access: 'public' }, async ({ render }) => render('employers/sign-up/start.njk', { pageTitle: 'Sign the Care Leaver Covenant' }));

  for (const question of SIGN_UP_QUESTIONS) {
    pages.get(`/sign-up/${question}`, { access: 'public', form: true }, (context) => showQuestion(context, question));
    pages.post(`/sign-up/${question}`, { access: 'public', form: true }, (context) => answerQuestion(context, question));
  }

  pages.get('/sign-up/check-answers', { access: 'public', form: true }, async (context) => {
    const answers = answersOf(context.session);
    const missing = firstUnanswered(answers);
    if (missing) return context.redirect(`/sign-up/${missing}`);
    const kept = await context.takeFlash('sign-up-check-answers');
    const districts = await listDistricts();
    const districtName = districts.find((district) => String(district._id) === answers.address?.districtId)?.name ?? 'Unknown district';
    context.render('employers/sign-up/check-answers.njk', { pageTitle: 'Check your answers before signing the Covenant', sections: checkAnswersRows(answers, districtName), backLink: '/sign-up/account', ...errorView(kept?.errors) });
  });
  pages.post('/sign-up/check-answers', { access: 'public', form: true }, sendAnswers);

  pages.get('/sign-up/confirmation', { access: 'public', form: true }, async ({ session, render, redirect }) => {
    const { sentTo } = answersOf(session);
    if (!sentTo) return redirect('/sign-up');
    render('employers/sign-up/confirmation.njk', { pageTitle: 'Check your email', sentTo, linkHours: ONE_TIME_LINK_HOURS });
  });
}
