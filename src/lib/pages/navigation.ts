import type { Actor } from '../../users/roles.js';

interface NavigationItem {
  href: string;
  text: string;
  active: boolean;
  attributes: Record<string, string>;
}

const ITEMS: Record<Actor['role'], { href: string; text: string; qa: string }[]> = {
  personal_adviser: [
    { href: '/caseload', text: 'My caseload', qa: 'nav-caseload' },
    { href: '/young-people/new', text: 'Add a young person', qa: 'nav-add-young-person' },
    { href: '/reminders', text: 'My reminders', qa: 'nav-reminders' },
  ],
  // Managers run the service with admins (approvals, organisations, their team's accounts and emails, districts).
  // Short names, so council staff's nine sections fit on one line at 1280 px.
  manager: [
    { href: '/team', text: 'Team', qa: 'nav-team' },
    { href: '/approvals', text: 'Approvals', qa: 'nav-approvals' },
    { href: '/organisations', text: 'Organisations', qa: 'nav-organisations' },
    { href: '/caseload', text: 'Young people', qa: 'nav-caseload' },
    { href: '/users', text: 'Users', qa: 'nav-users' },
    { href: '/districts', text: 'Districts', qa: 'nav-districts' },
    { href: '/failed-emails', text: 'Failed emails', qa: 'nav-failed-emails' },
    { href: '/reminders', text: 'Reminders', qa: 'nav-reminders' },
    { href: '/figures', text: 'Figures', qa: 'nav-figures' },
  ],
  admin: [
    { href: '/approvals', text: 'Approvals', qa: 'nav-approvals' },
    { href: '/organisations', text: 'Organisations', qa: 'nav-organisations' },
    { href: '/users', text: 'Users', qa: 'nav-users' },
    { href: '/districts', text: 'Districts', qa: 'nav-districts' },
    { href: '/failed-emails', text: 'Failed emails', qa: 'nav-failed-emails' },
    { href: '/caseload', text: 'Young people', qa: 'nav-caseload' },
    { href: '/reminders', text: 'Reminders', qa: 'nav-reminders' },
    { href: '/figures', text: 'Figures', qa: 'nav-figures' },
  ],
  housing_officer: [
    { href: '/housing', text: 'Early applications', qa: 'nav-housing' },
    { href: '/reminders', text: 'My reminders', qa: 'nav-reminders' },
  ],
  employer: [
    { href: '/offers', text: 'Your offers', qa: 'nav-offers' },
    { href: '/received-referrals', text: 'Referrals', qa: 'nav-received-referrals' },
    { href: '/incentives', text: 'Incentives', qa: 'nav-incentives' },
    { href: '/organisation/people', text: 'People', qa: 'nav-people' },
    { href: '/reminders', text: 'My reminders', qa: 'nav-reminders' },
  ],
  young_person: [
    { href: '/me', text: 'Home', qa: 'nav-me' },
    { href: '/me/about', text: 'About me', qa: 'nav-me-about' },
    { href: '/me/sharing', text: 'What I share', qa: 'nav-me-sharing' },
    { href: '/me/housing', text: 'My housing', qa: 'nav-me-housing' },
    { href: '/me/alerts', text: 'Emails', qa: 'nav-me-alerts' },
  ],
};

/** The service navigation for a role; the item for the current section is marked active. */
export function navigationFor(actor: Actor, path: string): NavigationItem[] {
  return ITEMS[actor.role].map((item) => ({
    href: item.href,
    text: item.text,
    active: path === item.href || (item.href !== '/young-people/new' && item.href !== '/me' && path.startsWith(`${item.href}/`)),
    attributes: { 'data-qa': item.qa },
  }));
}
