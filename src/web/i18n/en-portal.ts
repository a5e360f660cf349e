/** The texts of the association portal in English. Same keys as `fr-portal.ts`. */
import type { PortalTranslation } from './fr-portal.ts';

export const enPortal: PortalTranslation = {
  portal: {
    placeholder: '…',
  },
};
