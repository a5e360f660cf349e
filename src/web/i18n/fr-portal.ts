/**
 * The texts of the association portal in French. They load with its pages; `en-portal.ts` has exactly
 * the same keys.
 */
export const frPortal = {
  portal: {
    placeholder: '…',
  },
};

export type PortalTranslation = typeof frPortal;
