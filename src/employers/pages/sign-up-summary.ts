import type { SignUpAnswers, SignUpQuestion } from './sign-up-answers.js';
import { KIND_LABELS, PLEDGE_LABELS, sectorWords, SIZE_LABELS } from './sign-up-forms.js';

interface Row {
  key: { text: string };
  value: { text?: string; html?: string };
  actions: { items: { href: string; text: string; visuallyHiddenText: string; attributes: Record<string, string> }[] };
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function row(question: SignUpQuestion, key: string, value: string | string[], qa: string): Row {
  const shown = Array.isArray(value) ? { html: value.map(escapeHtml).join('<br>') } : { text: value };
  return {
    key: { text: key },
    value: shown,
    actions: { items: [{ href: `/sign-up/${question}`, text: 'Change', visuallyHiddenText: key.toLowerCase(), attributes: { 'data-qa': `change-${qa}` } }] },
  };
}

/** The check-your-answers page's summary lists, one per question page, each row with a Change link back to its page. */
export function checkAnswersRows(answers: SignUpAnswers, districtName: string): { id: string; title: string; rows: Row[] }[] {
  const { organisation, address, contact, pledges, account } = answers;
  if (!organisation || !address || !contact || !pledges || !account) return [];
  const registerNumbers = [
    row('organisation', 'Companies House number', organisation.companiesHouseNumber ?? 'Not given', 'companies-house-number'),
    row('organisation', 'Registered charity number', organisation.charityNumber ?? 'Not given', 'charity-number'),
  ];
  return [
    {
      id: 'organisation',
      title: 'Your organisation',
      rows: [
        row('organisation', 'Organisation name', organisation.name, 'organisation-name'),
        row('organisation', 'Kind of organisation', KIND_LABELS[organisation.kind], 'organisation-kind'),
        ...registerNumbers,
        row('organisation', 'Size', SIZE_LABELS[organisation.size as keyof typeof SIZE_LABELS] ?? organisation.size, 'organisation-size'),
        row('organisation', 'Main area of work', sectorWords(organisation.sector), 'organisation-sector'),
        row('address', 'Address', [address.line1, address.line2 ?? '', address.town, address.postcode].filter(Boolean), 'address'),
        row('address', 'District where you offer opportunities', districtName, 'district'),
      ],
    },
    {
      id: 'contact',
      title: 'Contact for the council',
      rows: [
        row('contact', 'Contact name', contact.name, 'contact-name'),
        row('contact', 'Contact email address', contact.email, 'contact-email'),
        row('contact', 'Contact phone number', contact.phone ?? 'Not given', 'contact-phone'),
      ],
    },
    {
      id: 'pledges',
      title: 'Your Covenant pledges',
      rows: [row('pledges', 'Areas you pledge to support', pledges.pledgedOutcomeAreas.map((area) => PLEDGE_LABELS[area as keyof typeof PLEDGE_LABELS]?.text ?? area), 'pledges')],
    },
    {
      id: 'account',
      title: 'Your account',
      rows: [
        row('account', 'Your name', account.name, 'account-name'),
        row('account', 'Your email address', account.email, 'account-email'),
        row('account', 'Password', 'Chosen (not shown)', 'password'),
      ],
    },
  ];
}
