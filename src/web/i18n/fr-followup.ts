/**
 * The texts of the follow-up questionnaires in French. They load with its pages; `en-followup.ts` has exactly
 * the same keys.
 */
export const frFollowUp = {
  followup: {
    placeholder: '…',
  },
};

export type FollowUpTranslation = typeof frFollowUp;
