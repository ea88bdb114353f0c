import { z } from 'zod';
import { idParams, type Api } from '../lib/http/api.js';
import { COUNCIL_STAFF, type Role } from '../users/roles.js';
import { userView } from '../users/users.schemas.js';
import { listPeopleWithAccess } from './colleagues.service.js';
import { listCovenantActivity } from './covenant-activity.service.js';
import { acceptInvitation, inviteColleague } from './invitations.service.js';
import {
  acceptInvitationBody,
  invitationView,
  inviteBody,
  listOrganisationsQuery,
  organisationActivity,
  organisationView,
  peopleWithAccessView,
  registerOrganisationBody,
  registrationView,
  resendVerificationBody,
  suspendBody,
  tokenBody,
  updateOrganisationBody,
} from './organisations.schemas.js';
import { approveOrganisation, getOrganisationInScope, registerOrganisation, resendVerification, suspendOrganisation, toOrganisationView, updateOrganisation, verifyEmail } from './organisations.service.js';

const TAG = 'Organisations';
const COUNCIL_STAFF_AND_EMPLOYERS: readonly Role[] = [...COUNCIL_STAFF, 'employer'];

export function registerOrganisationRoutes(api: Api): void {
  api.post('/organisations/register', { summary: 'Register an organisation that signed the Care Leaver Covenant, and its first user (sends a verification link)', tag: TAG, access: 'public', body: registerOrganisationBody, response: registrationView, successStatus: 201 }, async ({ body }, context) =>
    registerOrganisation(context, body),
  );
  api.post('/organisations/verify-email', { summary: 'Confirm an employer user\'s email with the one-time link', tag: TAG, access: 'public', body: tokenBody, response: z.object({ email: z.string(), emailVerified: z.literal(true) }) }, async ({ body }, { now }) =>
    verifyEmail(now, body.token),
  );
  api.post('/organisations/resend-verification', { summary: 'Send a new verification link (same answer whether or not the account exists)', tag: TAG, access: 'public', body: resendVerificationBody, response: z.object({ message: z.string() }), successStatus: 202 }, async ({ body }, context) => {
    await resendVerification(context, body.email);
    return { message: 'If an unverified account uses this address, a new link is on its way.' };
  });
  api.post('/organisations/invitations/accept', { summary: 'Accept an invitation to join an organisation: creates your account', tag: TAG, access: 'public', body: acceptInvitationBody, response: userView, successStatus: 201 }, async ({ body }, { now }) =>
    acceptInvitation(now, body),
  );
  api.get('/organisations', { summary: 'The Covenant locally: organisations with status, open offers, referrals and starts', tag: TAG, access: COUNCIL_STAFF, query: listOrganisationsQuery, response: z.array(organisationActivity) }, async ({ query }, { now }) =>
    listCovenantActivity(now, query),
  );
  api.get('/organisations/:id', { summary: 'One organisation (an employer user: their own only)', tag: TAG, access: COUNCIL_STAFF_AND_EMPLOYERS, params: idParams, response: organisationView }, async ({ params }, { actor }) =>
    toOrganisationView(await getOrganisationInScope(actor, params.id)),
  );
  api.patch('/organisations/:id', { summary: 'Update an organisation\'s details or covenant pledge (an employer user: their own only)', tag: TAG, access: COUNCIL_STAFF_AND_EMPLOYERS, params: idParams, body: updateOrganisationBody, response: organisationView }, async ({ params, body }, context) =>
    updateOrganisation(context, params.id, body),
  );
  api.post('/organisations/:id/approve', { summary: 'Approve (or reinstate) an organisation so its offers can go live', tag: TAG, access: COUNCIL_STAFF, params: idParams, response: organisationView }, async ({ params }, context) =>
    approveOrganisation(context, params.id),
  );
  api.post('/organisations/:id/suspend', { summary: 'Suspend an organisation: its offers leave matching at once', tag: TAG, access: COUNCIL_STAFF, params: idParams, body: suspendBody, response: organisationView }, async ({ params, body }, context) =>
    suspendOrganisation(context, params.id, body.reason),
  );
  api.post('/organisations/:id/invitations', { summary: 'Invite a colleague to your organisation (emails a one-time link)', tag: TAG, access: ['employer'], params: idParams, body: inviteBody, response: invitationView, successStatus: 201 }, async ({ params, body }, context) =>
    inviteColleague(context, params.id, body.email),
  );
  api.get('/organisations/:id/people', { summary: 'Who has access to an organisation: its accounts and open invitations (an employer user: their own only)', tag: TAG, access: COUNCIL_STAFF_AND_EMPLOYERS, params: idParams, response: peopleWithAccessView }, async ({ params }, context) =>
    listPeopleWithAccess(context, params.id),
  );
}
