/** The texts of the follow-up questionnaires in English. Same keys as `fr-followup.ts`. */
import type { FollowUpTranslation } from './fr-followup.ts';

export const enFollowUp: FollowUpTranslation = {
  followup: {
    placeholder: '…',
  },
};
