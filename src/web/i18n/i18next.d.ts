import type { Translation } from './fr.ts';
import type { BudgetsTranslation } from './fr-budgets.ts';
import type { CensusTranslation } from './fr-census.ts';
import type { ChequesTranslation } from './fr-cheques.ts';
import type { DistributionTranslation } from './fr-distribution.ts';
import type { FollowUpTranslation } from './fr-followup.ts';
import type { InventoryTranslation } from './fr-inventory.ts';
import type { PeopleTranslation } from './fr-people.ts';
import type { PortalTranslation } from './fr-portal.ts';
import type { ReportsTranslation } from './fr-reports.ts';
import type { TrainingTranslation } from './fr-training.ts';
import type { WorkforceTranslation } from './fr-workforce.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: {
      translation: Translation &
        InventoryTranslation &
        PeopleTranslation &
        DistributionTranslation &
        ReportsTranslation &
        TrainingTranslation &
        WorkforceTranslation &
        PortalTranslation &
        FollowUpTranslation &
        CensusTranslation &
        BudgetsTranslation &
        ChequesTranslation;
    };
    returnNull: false;
  }
}
