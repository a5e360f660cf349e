/** The texts of the training cheques pages, in English. Same keys as `fr-cheques.ts`. */
import type { ChequesTranslation } from './fr-cheques.ts';

export const enCheques: ChequesTranslation = {
  cheques: {},
};
