/** The texts of the needs census pages (staff and public), in English. Same keys as `fr-census.ts`. */
import type { CensusTranslation } from './fr-census.ts';

export const enCensus: CensusTranslation = {
  census: {},
};
