/** The texts of the training cheques pages, in French. They load with its pages; `en-cheques.ts` has exactly the same keys. */
export const frCheques = {
  cheques: {},
};

export type ChequesTranslation = typeof frCheques;
