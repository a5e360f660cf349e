/** The donations one may see (as donor or refurbisher), newest first, with "show more" pages. */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type Donation } from '../api.ts';
import { EmptyState } from '../components/help.tsx';
import {
  formatDay,
  formatNumber,
  rememberOrganisationName,
  useOrganisationNames,
} from '../components/inventory.tsx';
import { ShowMore, usePagedList } from '../components/lists.tsx';
import { ErrorAlert, Loading, Page, TableScroll, useLoad } from '../components/ui.tsx';
import { canRecordDonations, useMe } from '../session.tsx';

const PAGE_SIZE = 30;

/** How many devices each donation holds (one call per donation, until the list carries the count). */
function useRecordedCounts(donations: readonly Donation[]): Record<string, number> {
  const [counts, setCounts] = useState<Record<string, number>>({});
  const asked = useRef(new Set<string>());
  useEffect(() => {
    for (const donation of donations) {
      if (donation.deviceCount !== undefined || asked.current.has(donation.id)) continue;
      asked.current.add(donation.id);
      api
        .donation(donation.id)
        .then((detail) => {
          const total = Object.values(detail.deviceCounts).reduce((sum, n) => sum + (n ?? 0), 0);
          setCounts((previous) => ({ ...previous, [donation.id]: total }));
        })
        .catch(() => asked.current.delete(donation.id));
    }
  }, [donations]);
  const out = { ...counts };
  for (const donation of donations)
    if (donation.deviceCount !== undefined) out[donation.id] = donation.deviceCount;
  return out;
}

export default function Donations() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const first = useLoad((signal) => api.donations({ limit: PAGE_SIZE }, signal), []);
  const list = usePagedList(first.data, (cursor) => api.donations({ limit: PAGE_SIZE, cursor }));
  useEffect(() => {
    for (const d of list.items) {
      if (d.donorName) rememberOrganisationName(d.donorOrganisationId, d.donorName);
      if (d.refurbisherName) rememberOrganisationName(d.refurbisherOrganisationId, d.refurbisherName);
    }
  }, [list.items]);
  const names = useOrganisationNames(
    list.items.flatMap((d) => [d.donorOrganisationId, d.refurbisherOrganisationId]),
  );
  const recorded = useRecordedCounts(list.items);
  const language = i18n.language;

  return (
    <Page help="recevoir-un-lot" title={t('donations.title')}>
      <div className="page-intro">
        <p>{t('donations.intro')}</p>
        {canRecordDonations(me) && (
          <Link to="/dons/nouveau" className="button button-primary">
            {t('donations.new')}
          </Link>
        )}
      </div>
      <ErrorAlert error={first.error} onRetry={first.reload} />
      {first.loading && list.items.length === 0 && <Loading />}
      {first.data && list.items.length === 0 && (
        <EmptyState
          message={t('donations.empty')}
          next={t('donations.emptyNext')}
          actions={
            canRecordDonations(me) && (
              <Link to="/dons/nouveau" className="button button-primary">
                {t('donations.emptyAction')}
              </Link>
            )
          }
        />
      )}
      {list.items.length > 0 && (
        <TableScroll label={t('donations.caption')}>
          <table>
            <caption className="visually-hidden">{t('donations.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('donations.colReceivedOn')}</th>
                <th scope="col">{t('donations.colDonor')}</th>
                <th scope="col">{t('donations.colRefurbisher')}</th>
                <th scope="col" className="numeric">
                  {t('donations.colDeclared')}
                </th>
                <th scope="col" className="numeric">
                  {t('donations.colRecorded')}
                </th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((donation) => {
                const donor = names[donation.donorOrganisationId] ?? t('common.loading');
                return (
                  <tr key={donation.id}>
                    <th scope="row" className="nowrap">
                      <Link
                        to={`/dons/${donation.id}`}
                        aria-label={t('donations.openLabel', {
                          date: formatDay(donation.receivedOn, language),
                          donor,
                        })}
                      >
                        {formatDay(donation.receivedOn, language)}
                      </Link>
                    </th>
                    <td>{donor}</td>
                    <td>{names[donation.refurbisherOrganisationId] ?? t('common.loading')}</td>
                    <td className="numeric">
                      {donation.declaredCount === null
                        ? t('common.none')
                        : formatNumber(donation.declaredCount, language)}
                    </td>
                    <td className="numeric">
                      {recorded[donation.id] === undefined
                        ? t('common.none')
                        : formatNumber(recorded[donation.id] as number, language)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
      <ShowMore list={list} />
    </Page>
  );
}
