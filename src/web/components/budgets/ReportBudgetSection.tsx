/**
 * The « Budget » card of the programme report: planned, committed and spent per item, what the programme
 * cost per person equipped and per device, and each funder's share of the co-financing.
 */

import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProgrammeReportBudget } from '../../../modules/reports/programme-report-budget.ts';
import { loadBudgetsTexts } from '../../i18n/index.ts';
import { formatEuros, formatShare } from '../reports/format.tsx';
import { Loading, TableScroll } from '../ui.tsx';

/** « Budget des années 2025–2026 » (or of one year); null when no year is covered. */
export function coveredYearsText(t: TFunction, from: number | null, to: number | null): string | null {
  if (from === null || to === null) return null;
  return from === to ? t('budgets.coveredYear', { year: from }) : t('budgets.coveredYears', { from, to });
}

/** True once the budget texts are loaded (they come with the budget pages, not with the report). */
export function useBudgetsTexts(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let live = true;
    loadBudgetsTexts().then(
      () => live && setReady(true),
      () => live && setReady(true),
    );
    return () => {
      live = false;
    };
  }, []);
  return ready;
}

export function ReportBudgetSection({ budget }: { budget: ProgrammeReportBudget }) {
  const ready = useBudgetsTexts();
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const eur = (cents: number) => formatEuros(cents, language);
  if (!ready)
    return (
      <section className="card" aria-busy="true">
        <Loading />
      </section>
    );
  const cost = (cents: number | null) => (cents === null ? t('budgets.report.costNone') : eur(cents));
  return (
    <section className="card" aria-labelledby="report-budget-title">
      <h2 id="report-budget-title">{t('budgets.report.heading')}</h2>
      <p className="muted">{coveredYearsText(t, budget.coveredFrom, budget.coveredTo)}</p>
      {!budget.recorded ? (
        <p className="muted">{t('budgets.report.none')}</p>
      ) : (
        <>
          <TableScroll label={t('budgets.report.caption')}>
            <table>
              <caption className="visually-hidden">{t('budgets.report.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('budgets.report.category')}</th>
                  <th scope="col" className="numeric">
                    {t('budgets.report.planned')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('budgets.report.committed')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('budgets.report.spent')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {budget.categories.map((c) => (
                  <tr key={c.category}>
                    <th scope="row">{t(`budgets.categories.${c.category}`)}</th>
                    <td className="numeric nowrap">{eur(c.plannedCents)}</td>
                    <td className="numeric nowrap">{eur(c.committedCents)}</td>
                    <td className="numeric nowrap">{eur(c.spentCents)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('budgets.report.total')}</th>
                  <td className="numeric nowrap">{eur(budget.totals.plannedCents)}</td>
                  <td className="numeric nowrap">{eur(budget.totals.committedCents)}</td>
                  <td className="numeric nowrap">{eur(budget.totals.spentCents)}</td>
                </tr>
              </tfoot>
            </table>
          </TableScroll>
          <dl className="properties">
            <dt>{t('budgets.report.costPerPerson')}</dt>
            <dd>{cost(budget.costPerPersonCents)}</dd>
            <dt>{t('budgets.report.costPerDevice')}</dt>
            <dd>{cost(budget.costPerDeviceCents)}</dd>
          </dl>
          <p className="help">{t('budgets.report.costsBase')}</p>
        </>
      )}
      <h3 className="subheading">{t('budgets.report.fundersHeading')}</h3>
      {budget.funders.length === 0 ? (
        <p className="muted">{t('budgets.report.noFunders')}</p>
      ) : (
        <TableScroll label={t('budgets.report.fundersCaption')}>
          <table>
            <caption className="visually-hidden">{t('budgets.report.fundersCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('budgets.report.funder')}</th>
                <th scope="col" className="numeric">
                  {t('budgets.report.granted')}
                </th>
                <th scope="col" className="numeric">
                  {t('budgets.report.received')}
                </th>
                <th scope="col" className="numeric">
                  {t('budgets.report.shareOfGranted')}
                </th>
                <th scope="col" className="numeric">
                  {t('budgets.report.shareOfPlanned')}
                </th>
              </tr>
            </thead>
            <tbody>
              {budget.funders.map((f) => (
                <tr key={f.funderOrganisationId ?? `name:${f.funderName}`}>
                  <th scope="row">{f.funderName}</th>
                  <td className="numeric nowrap">{eur(f.grantedCents)}</td>
                  <td className="numeric nowrap">{eur(f.receivedCents)}</td>
                  <td className="numeric">{formatShare(f.shareOfGranted, language)}</td>
                  <td className="numeric">
                    {f.shareOfPlanned === null ? '—' : formatShare(f.shareOfPlanned, language)}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('budgets.report.unfunded')}</th>
                <td className="numeric nowrap">{eur(budget.funding.unfundedCents)}</td>
                <td colSpan={3} />
              </tr>
              {budget.funding.overfundedCents > 0 && (
                <tr>
                  <th scope="row">{t('budgets.report.overfunded')}</th>
                  <td className="numeric nowrap">{eur(budget.funding.overfundedCents)}</td>
                  <td colSpan={3} />
                </tr>
              )}
            </tfoot>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
