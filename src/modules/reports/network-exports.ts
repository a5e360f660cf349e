import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { renderDonorSummaryCsv, renderDonorSummaryPdf } from './documents/donor-summary-document.ts';
import {
  renderFunderReportCsv,
  renderFunderReportPdf,
  renderFunderReportXlsx,
} from './documents/funder-report-document.ts';
import {
  renderNetworkDashboardCsv,
  renderNetworkDashboardPdf,
} from './documents/network-dashboard-document.ts';
import { donorSummary } from './donor-summary.ts';
import { funderReport } from './funder-report.ts';
import { networkDashboard } from './network-dashboard.ts';

/** The network, funder and donor reports as files: the same figures as the JSON, with the same access rules. */

type Period = { from: string; to: string };
export type ExportFormat = 'pdf' | 'csv' | 'xlsx';

/** The network dashboard as PDF or CSV. */
export async function exportNetworkDashboard(
  db: Executor,
  actor: Actor,
  coordinatorId: string,
  period: Period,
  format: 'pdf' | 'csv',
): Promise<Buffer | string> {
  const report = await networkDashboard(db, actor, coordinatorId, period);
  return format === 'pdf'
    ? renderNetworkDashboardPdf(report, actor.locale)
    : renderNetworkDashboardCsv(report, actor.locale);
}

/** The funder report as PDF, CSV or XLSX. */
export async function exportFunderReport(
  db: Executor,
  actor: Actor,
  funderId: string,
  period: Period,
  format: ExportFormat,
): Promise<Buffer | string> {
  const report = await funderReport(db, actor, funderId, period);
  if (format === 'pdf') return renderFunderReportPdf(report, actor.locale);
  if (format === 'xlsx') return renderFunderReportXlsx(report, actor.locale);
  return renderFunderReportCsv(report, actor.locale);
}

/** The donor's yearly summary as PDF (a thank-you page) or CSV. */
export async function exportDonorSummary(
  db: Executor,
  actor: Actor,
  donorId: string,
  year: number,
  format: 'pdf' | 'csv',
): Promise<Buffer | string> {
  const summary = await donorSummary(db, actor, donorId, year);
  return format === 'pdf'
    ? renderDonorSummaryPdf(summary, actor.locale)
    : renderDonorSummaryCsv(summary, actor.locale);
}
