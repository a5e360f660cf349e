/**
 * In the funder report, per programme: the funder's own co-financing agreements (reference, dates, status,
 * amounts), its share of the programme's funding and the programme's costs per person and per device.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { FunderProgrammeBudget } from '../../../modules/reports/funder-report-budget.ts';
import { deName } from '../french.ts';
import { formatEuros, formatReportDay, formatShare } from '../reports/format.tsx';
import { TableScroll } from '../ui.tsx';
import { useBudgetsTexts } from './ReportBudgetSection.tsx';

export function FunderBudgetPart({
  budget,
  funderName,
  programmeName,
}: {
  budget: FunderProgrammeBudget;
  funderName: string;
  programmeName: string;
}) {
  const ready = useBudgetsTexts();
  const { t, i18n } = useTranslation();
  const id = useId();
  const language = i18n.language;
  if (!ready) return null;
  const eur = (cents: number) => formatEuros(cents, language);
  const cost = (cents: number | null) => (cents === null ? t('budgets.funder.costNone') : eur(cents));
  const caption = t('budgets.funder.caption', {
    funder: funderName,
    deFunder: deName(funderName),
    programme: programmeName,
  });
  return (
    <div className="funder-budget">
      <h4 id={`${id}-title`} className="subheading">
        {t('budgets.funder.heading')}
      </h4>
      {budget.fundings.length === 0 ? (
        <p className="muted">{t('budgets.funder.none')}</p>
      ) : (
        <TableScroll label={caption}>
          <table>
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('budgets.funder.reference')}</th>
                <th scope="col">{t('budgets.funder.dates')}</th>
                <th scope="col">{t('budgets.funder.status')}</th>
                <th scope="col" className="numeric">
                  {t('budgets.funder.requested')}
                </th>
                <th scope="col" className="numeric">
                  {t('budgets.funder.granted')}
                </th>
                <th scope="col" className="numeric">
                  {t('budgets.funder.received')}
                </th>
              </tr>
            </thead>
            <tbody>
              {budget.fundings.map((f) => (
                <tr key={f.id}>
                  <th scope="row">
                    {f.derived ? t('budgets.fundings.handoverSubsidies') : (f.agreementReference ?? '—')}
                  </th>
                  <td>
                    {f.agreementStartsOn && f.agreementEndsOn
                      ? t('budgets.funder.datesText', {
                          from: formatReportDay(f.agreementStartsOn, language),
                          to: formatReportDay(f.agreementEndsOn, language),
                        })
                      : '—'}
                  </td>
                  <td>{t(`budgets.statuses.${f.status}`)}</td>
                  <td className="numeric nowrap">{eur(f.requestedCents)}</td>
                  <td className="numeric nowrap">{eur(f.grantedCents)}</td>
                  <td className="numeric nowrap">{eur(f.receivedCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <dl className="properties properties-columns" aria-labelledby={`${id}-title`}>
        <div className="property">
          <dt>{t('budgets.funder.share')}</dt>
          <dd>{formatShare(budget.shareOfGranted, language)}</dd>
        </div>
        <div className="property">
          <dt>{t('budgets.funder.sharePlanned')}</dt>
          <dd>{budget.shareOfPlanned === null ? '—' : formatShare(budget.shareOfPlanned, language)}</dd>
        </div>
        <div className="property">
          <dt>{t('budgets.funder.costPerPerson')}</dt>
          <dd>{cost(budget.costPerPersonCents)}</dd>
        </div>
        <div className="property">
          <dt>{t('budgets.funder.costPerDevice')}</dt>
          <dd>{cost(budget.costPerDeviceCents)}</dd>
        </div>
      </dl>
    </div>
  );
}
