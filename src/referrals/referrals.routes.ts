import type { Api } from '../lib/http/api.js';

export function registerReferralRoutes(_api: Api): void {}
