import type { App, Deps } from '../../server/http.ts';

/** The routes of this module (under /api/v1). */
export function workforceRoutes(_app: App, _deps: Deps): void {}
