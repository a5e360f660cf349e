import type { App, Deps } from '../../server/http.ts';

/** The association portal: public registration, confirmation, the owner's verification, catalogue, orders. */
export function portalRoutes(_app: App, _deps: Deps): void {}
