import type { Api } from '../lib/http/api.js';

export function registerHousingRoutes(_api: Api): void {}
