/** The texts of the budget and co-financing pages, in English. Same keys as `fr-budgets.ts`. */
import type { BudgetsTranslation } from './fr-budgets.ts';

export const enBudgets: BudgetsTranslation = {
  budgets: {},
};
