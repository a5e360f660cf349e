import type { App, Deps } from '../../server/http.ts';

/** Follow-up questionnaires: settings, the person's follow-ups, the public questionnaire, the call list. */
export function followUpRoutes(_app: App, _deps: Deps): void {}
