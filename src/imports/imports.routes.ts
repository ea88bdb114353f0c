import type { Api } from '../lib/http/api.js';

export function registerImportRoutes(_api: Api): void {}
