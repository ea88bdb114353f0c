import type { Api } from '../lib/http/api.js';

export function registerOperationsRoutes(_api: Api): void {}
