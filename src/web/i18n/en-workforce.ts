/** The texts of the insertion workforce pages, in English. Same keys as `fr-workforce.ts`. */
import type { WorkforceTranslation } from './fr-workforce.ts';

export const enWorkforce: WorkforceTranslation = {
  workforce: {},
};
