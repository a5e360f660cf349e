// Every module's tables, for drizzle's relational queries and drizzle-kit's migrations.
export * from '../modules/audit/schema.ts';
export * from '../modules/budgets/schema.ts';
export * from '../modules/census/schema.ts';
export * from '../modules/cheques/schema.ts';
export * from '../modules/distribution/schema.ts';
export * from '../modules/followup/schema.ts';
export * from '../modules/inventory/schema.ts';
export * from '../modules/notifications/schema.ts';
export * from '../modules/organisations/schema.ts';
export * from '../modules/portal/schema.ts';
export * from '../modules/programmes/schema.ts';
export * from '../modules/reports/schema.ts';
export * from '../modules/training/schema.ts';
export * from '../modules/workforce/schema.ts';
export { counters } from './counters.ts';
export { jobRuns } from './job-runs.ts';
