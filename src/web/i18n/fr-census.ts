/** The texts of the needs census pages (staff and public), in French. They load with its pages; `en-census.ts` has exactly the same keys. */
export const frCensus = {
  census: {},
};

export type CensusTranslation = typeof frCensus;
