import { idParams, type Api } from '../lib/http/api.js';
import { COUNCIL_STAFF, type Role } from '../users/roles.js';
import {
  createOpportunityBody,
  extendBody,
  listOpportunitiesQuery,
  opportunityList,
  opportunityView,
  sendBackBody,
  updateOpportunityBody,
} from './opportunities.schemas.js';
import { createOpportunity, listOpportunities, readOpportunity, updateOpportunity } from './opportunities.service.js';
import { approveOpportunity, closeOpportunity, extendClosingDate, sendBackOpportunity, submitOpportunity, takeBackOpportunity, withdrawOpportunity } from './opportunities.transitions.js';
import { cloneOpportunity, deleteDraftOpportunity } from './opportunity-drafts.js';

/** Those who read offers: caseworkers see published ones, an employer their organisation's. */
const READERS: readonly Role[] = ['admin', 'manager', 'personal_adviser', 'employer'];
/** Those who write offers: council staff any, an employer their organisation's. */
const WRITERS: readonly Role[] = ['admin', 'manager', 'employer'];
const TAG = 'Opportunities';

export function registerOpportunityRoutes(api: Api): void {
  api.get('/opportunities', { summary: 'Open offers, filtered; council staff may ask for any status, an employer sees only their own', tag: TAG, access: READERS, query: listOpportunitiesQuery, response: opportunityList }, async ({ query }, context) =>
    listOpportunities(context, query),
  );
  api.post('/opportunities', { summary: 'Create an offer (employer: a draft for their organisation; council staff: may publish their own at once)', tag: TAG, access: WRITERS, body: createOpportunityBody, response: opportunityView, successStatus: 201 }, async ({ body }, context) =>
    createOpportunity(context, body),
  );
  api.get('/opportunities/:id', { summary: 'One offer', tag: TAG, access: READERS, params: idParams, response: opportunityView }, async ({ params }, context) =>
    readOpportunity(context, params.id),
  );
  api.patch('/opportunities/:id', { summary: 'Change a draft, pending or open offer (a material change to a live employer offer needs approval again)', tag: TAG, access: WRITERS, params: idParams, body: updateOpportunityBody, response: opportunityView }, async ({ params, body }, context) =>
    updateOpportunity(context, params.id, body),
  );
  api.post('/opportunities/:id/submit', { summary: 'Send a draft for council approval', tag: TAG, access: WRITERS, params: idParams, response: opportunityView }, async ({ params }, context) =>
    submitOpportunity(context, params.id),
  );
  api.post('/opportunities/:id/take-back', { summary: 'Take an offer waiting for approval back to draft to change it (it leaves the approval queue)', tag: TAG, access: WRITERS, params: idParams, response: opportunityView }, async ({ params }, context) =>
    takeBackOpportunity(context, params.id),
  );
  api.post('/opportunities/:id/clone', { summary: 'Copy an offer into a new draft', tag: TAG, access: WRITERS, params: idParams, response: opportunityView, successStatus: 201 }, async ({ params }, context) =>
    cloneOpportunity(context, params.id),
  );
  api.delete('/opportunities/:id', { summary: 'Delete a draft (only drafts: 409 otherwise)', tag: TAG, access: WRITERS, params: idParams }, async ({ params }, context) =>
    deleteDraftOpportunity(context, params.id),
  );
  api.post('/opportunities/:id/approve', { summary: 'Approve an offer: it opens and PAs see it', tag: TAG, access: COUNCIL_STAFF, params: idParams, response: opportunityView }, async ({ params }, context) =>
    approveOpportunity(context, params.id),
  );
  api.post('/opportunities/:id/send-back', { summary: 'Send an offer back to the employer with a reason and, optionally, the fields to change', tag: TAG, access: COUNCIL_STAFF, params: idParams, body: sendBackBody, response: opportunityView }, async ({ params, body }, context) =>
    sendBackOpportunity(context, params.id, body.reason, body.fields),
  );
  api.post('/opportunities/:id/close', { summary: 'Close an open offer early', tag: TAG, access: WRITERS, params: idParams, response: opportunityView }, async ({ params }, context) =>
    closeOpportunity(context, params.id),
  );
  api.post('/opportunities/:id/withdraw', { summary: 'Withdraw an offer that is not yet closed', tag: TAG, access: WRITERS, params: idParams, response: opportunityView }, async ({ params }, context) =>
    withdrawOpportunity(context, params.id),
  );
  api.post('/opportunities/:id/extend', { summary: 'Move the closing date of an open offer later', tag: TAG, access: WRITERS, params: idParams, body: extendBody, response: opportunityView }, async ({ params, body }, context) =>
    extendClosingDate(context, params.id, body.closingDate),
  );
}
