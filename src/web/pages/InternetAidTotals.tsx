/**
 * « Aides internet » (`/aides-internet`): the internet aids granted over a period (this year by default,
 * kept in the address as ?du=&au=), in all, by programme and by funder — recomputed by the server from the
 * aids themselves.
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { yearPeriod } from '../components/InternetAids.tsx';
import { formatDay } from '../components/inventory.tsx';
import { useAddressSearch } from '../components/lists.tsx';
import { formatMoney } from '../components/people.tsx';
import { ErrorAlert, Loading, Page, TableScroll, useLoad } from '../components/ui.tsx';
import { distributionApi } from '../distributionApi.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export default function InternetAidTotals() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { params, update } = useAddressSearch();
  const year = yearPeriod();
  const fromParam = params.get('du') ?? '';
  const toParam = params.get('au') ?? '';
  const from = DAY.test(fromParam) ? fromParam : year.from;
  const to = DAY.test(toParam) ? toParam : year.to;
  const [fromText, setFromText] = useState(from);
  const [toText, setToText] = useState(to);
  const [periodError, setPeriodError] = useState('');
  const totals = useLoad((signal) => distributionApi.internetAidTotals({ from, to }, signal), [from, to]);
  const money = (cents: number) => formatMoney(cents, language);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!DAY.test(fromText) || !DAY.test(toText) || toText < fromText) {
      setPeriodError(t('internetAids.periodError'));
      document.getElementById('aids-to')?.focus();
      return;
    }
    setPeriodError('');
    update({ du: fromText, au: toText });
  }

  const data = totals.data;
  return (
    <Page help="remettre-les-ordinateurs" title={t('internetAids.pageTitle')}>
      <p className="help">{t('internetAids.pageIntro')}</p>
      <form className="filters" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="aids-from">{t('internetAids.from')}</label>
          <input
            id="aids-from"
            type="date"
            className="input-short"
            value={fromText}
            onChange={(event) => setFromText(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="aids-to">{t('internetAids.to')}</label>
          <input
            id="aids-to"
            type="date"
            className="input-short"
            value={toText}
            aria-invalid={periodError ? true : undefined}
            {...(periodError ? { 'aria-describedby': 'aids-period-error' } : {})}
            onChange={(event) => setToText(event.target.value)}
          />
          {periodError && (
            <p className="field-error" id="aids-period-error">
              {periodError}
            </p>
          )}
        </div>
        <button type="submit" className="button button-secondary">
          {t('internetAids.show')}
        </button>
      </form>
      <ErrorAlert error={totals.error} onRetry={totals.reload} />
      {totals.loading && !data && <Loading />}
      <p className="results-count" role="status">
        {data && !totals.loading
          ? t('internetAids.periodTotals', {
              from: formatDay(from, language),
              to: formatDay(to, language),
              count: data.count,
              amount: money(data.totalCents),
            })
          : ''}
      </p>
      {data && data.count === 0 && <p className="empty">{t('internetAids.totalsEmpty')}</p>}
      {data && data.count > 0 && (
        <div className="detail-grid">
          <section className="card" aria-labelledby="aids-programmes">
            <h2 id="aids-programmes">{t('internetAids.byProgramme')}</h2>
            <TableScroll label={t('internetAids.byProgramme')}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('internetAids.colProgramme')}</th>
                    <th scope="col">{t('internetAids.colCount')}</th>
                    <th scope="col">{t('internetAids.colTotal')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.byProgramme.map((row) => (
                    <tr key={row.programmeId}>
                      <th scope="row">
                        <Link to={`/programmes/${row.programmeId}`}>{row.programmeName}</Link>
                      </th>
                      <td>{row.count}</td>
                      <td className="nowrap">{money(row.totalCents)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </section>
          <section className="card" aria-labelledby="aids-funders">
            <h2 id="aids-funders">{t('internetAids.byFunder')}</h2>
            <TableScroll label={t('internetAids.byFunder')}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('internetAids.colFunder')}</th>
                    <th scope="col">{t('internetAids.colCount')}</th>
                    <th scope="col">{t('internetAids.colTotal')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.byFunder.map((row) => (
                    <tr key={row.funderId ?? 'none'}>
                      <th scope="row">{row.funderName ?? t('internetAids.noFunder')}</th>
                      <td>{row.count}</td>
                      <td className="nowrap">{money(row.totalCents)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </section>
        </div>
      )}
    </Page>
  );
}
