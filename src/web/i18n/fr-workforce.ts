/** The texts of the insertion workforce pages, in French. They load with its pages; `en-workforce.ts` has exactly the same keys. */
export const frWorkforce = {
  workforce: {},
};

export type WorkforceTranslation = typeof frWorkforce;
