/**
 * Training cheques in a report (programme report's training section, funder report): by issuer, those
 * received in the period at the programmes' workshops, sent to the issuer, paid back, refused and still to
 * send. Counts and values only, in euros as the rest of the report writes them.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatEuros } from '../reports/format.tsx';
import { TableScroll } from '../ui.tsx';
import type { ChequeFigures, Tally } from './api.ts';

export function ReportCheques({ figures, section = false }: { figures: ChequeFigures[]; section?: boolean }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const tally = (x: Tally) =>
    t('cheques.tally', { count: x.count, amount: formatEuros(x.cents, i18n.language) });
  const body = (
    <>
      {section ? <h2 id={id}>{t('cheques.reportTitle')}</h2> : <h3 id={id}>{t('cheques.reportTitle')}</h3>}
      {figures.length === 0 ? (
        <p className="empty">{t('cheques.reportEmpty')}</p>
      ) : (
        <TableScroll label={t('cheques.reportCaption')}>
          <table aria-labelledby={id}>
            <thead>
              <tr>
                <th scope="col">{t('cheques.colIssuer')}</th>
                <th scope="col" className="numeric">
                  {t('cheques.colReceived')}
                </th>
                <th scope="col" className="numeric">
                  {t('cheques.colSent')}
                </th>
                <th scope="col" className="numeric">
                  {t('cheques.colReimbursed')}
                </th>
                <th scope="col" className="numeric">
                  {t('cheques.colRejected')}
                </th>
                <th scope="col" className="numeric">
                  {t('cheques.colPending')}
                </th>
              </tr>
            </thead>
            <tbody>
              {figures.map((row) => (
                <tr key={row.issuer}>
                  <th scope="row">{t(`cheques.issuers.${row.issuer}`)}</th>
                  <td className="numeric">{tally(row.received)}</td>
                  <td className="numeric">{tally(row.sent)}</td>
                  <td className="numeric">{formatEuros(row.reimbursedCents, i18n.language)}</td>
                  <td className="numeric">{tally(row.rejected)}</td>
                  <td className="numeric">{tally(row.pending)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
  return section ? (
    <section className="card" aria-labelledby={id}>
      {body}
    </section>
  ) : (
    body
  );
}
