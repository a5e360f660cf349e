/** The texts of the budget and co-financing pages, in French. They load with its pages; `en-budgets.ts` has exactly the same keys. */
export const frBudgets = {
  budgets: {},
};

export type BudgetsTranslation = typeof frBudgets;
