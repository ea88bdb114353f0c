import type { Api } from '../lib/http/api.js';

export function registerEmployerRoutes(_api: Api): void {}
