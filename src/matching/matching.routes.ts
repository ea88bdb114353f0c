import type { Api } from '../lib/http/api.js';

export function registerMatchingRoutes(_api: Api): void {}
