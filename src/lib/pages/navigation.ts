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
  manager: [
    { href: '/team', text: 'Team caseloads', qa: 'nav-team' },
    { href: '/caseload', text: 'Young people', qa: 'nav-caseload' },
    { href: '/reminders', text: 'My reminders', qa: 'nav-reminders' },
    { href: '/figures', text: 'Figures', qa: 'nav-figures' },
  ],
  admin: [
    { href: '/caseload', text: 'Young people', qa: 'nav-caseload' },
    { href: '/reminders', text: 'My reminders', qa: 'nav-reminders' },
    { href: '/figures', text: 'Figures', qa: 'nav-figures' },
  ],
  housing_officer: [{ href: '/reminders', text: 'My reminders', qa: 'nav-reminders' }],
  employer: [{ href: '/reminders', text: 'My reminders', qa: 'nav-reminders' }],
};

/** The service navigation for a role; the item for the current section is marked active. */
export function navigationFor(actor: Actor, path: string): NavigationItem[] {
  return ITEMS[actor.role].map((item) => ({
    href: item.href,
    text: item.text,
    active: path === item.href || (item.href !== '/young-people/new' && path.startsWith(`${item.href}/`)),
    attributes: { 'data-qa': item.qa },
  }));
}
