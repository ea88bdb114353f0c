import type { Api } from '../lib/http/api.js';

export function registerNotificationRoutes(_api: Api): void {}
