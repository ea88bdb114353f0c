import type { AppDeps } from '../app-deps.js';
import { queueEmail } from '../notifications/queue-email.js';
import { UserModel } from '../users/users.model.js';
import type { OrganisationRecord } from './organisations.model.js';

/** What the council did to an organisation, as its people are told. */
export type OrganisationStatusChange = 'approved' | 'reinstated' | 'suspended';

function emailFor(change: OrganisationStatusChange, organisation: OrganisationRecord, baseUrl: string): { subject: string; text: string } {
  const offers = new URL('/offers', baseUrl).toString();
  switch (change) {
    case 'approved':
      return {
        subject: 'Your organisation is approved on Care Leaver Offers',
        text: [
          `The council has approved ${organisation.name} on Care Leaver Offers. Thank you for signing the Care Leaver Covenant.`,
          '',
          'What to do next: post your first offer. Sign in and go to Your offers:',
          offers,
          '',
          'The council checks each offer before young people and their personal advisers see it, usually within 3 working days.',
        ].join('\n'),
      };
    case 'reinstated':
      return {
        subject: 'Your organisation can use Care Leaver Offers again',
        text: [
          `The council has reinstated ${organisation.name} on Care Leaver Offers: you can sign in again.`,
          '',
          'Offers withdrawn while it was suspended stay withdrawn. To offer one again, sign in and go to Your offers:',
          offers,
        ].join('\n'),
      };
    case 'suspended':
      return {
        subject: 'Your organisation is suspended on Care Leaver Offers',
        text: [
          `The council has suspended ${organisation.name} on Care Leaver Offers.`,
          '',
          'While it is suspended nobody from your organisation can sign in, and your offers are withdrawn from young people\'s matches. Referrals already made stay as they are.',
          '',
          `The council's reason: ${organisation.suspendedReason ?? 'not given'}`,
          '',
          'To ask about it, contact the council\'s leaving care team.',
        ].join('\n'),
      };
  }
}

/**
 * Tells every active user of an organisation that the council approved, reinstated or suspended it, through the
 * outbox (queued with the change; the sender retries). Keyed by the change's time, so it is queued once per change.
 */
export async function queueOrganisationStatusEmails(deps: Pick<AppDeps, 'config'>, organisation: OrganisationRecord, change: OrganisationStatusChange, now: Date): Promise<number> {
  const users = await UserModel.find({ organisationId: organisation._id, role: 'employer', active: true }, { _id: 1, email: 1 }).lean();
  const { subject, text } = emailFor(change, organisation, deps.config.PUBLIC_BASE_URL);
  const changedAt = (organisation.statusChangedAt ?? now).getTime();
  let queued = 0;
  for (const user of users) {
    const fresh = await queueEmail({ dedupeKey: `organisation-${change}:${String(organisation._id)}:${changedAt}:${String(user._id)}`, kind: 'organisation_status', to: user.email, recipientUserId: String(user._id), subject, text }, now);
    if (fresh) queued += 1;
  }
  return queued;
}
