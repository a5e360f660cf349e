/**
 * Recycling (WEEE) of a refurbisher: the devices waiting to go (marked "to recycle") with the button that
 * sends them to a recycler, the batches already sent (newest first, filtered by shipping date) and the
 * waste register as CSV.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, documents, type RecyclingBatch, type RecyclingQuery } from '../api.ts';
import { EmptyState } from '../components/help.tsx';
import { formatDay, formatNumber, useOrganisationNames } from '../components/inventory.tsx';
import { SendToRecyclingButton } from '../components/RecyclingForm.tsx';
import { ErrorAlert, Loading, Page, SuccessNotice, TableScroll, useLoad } from '../components/ui.tsx';
import { canWriteStock, useMe, useStockOrganisationId } from '../session.tsx';

/** The most devices offered at once (the API's page size). */
const PENDING_LIMIT = 500;

function day(text: string | null): string {
  return text && /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : '';
}

function BatchTable({ batches }: { batches: RecyclingBatch[] }) {
  const { t, i18n } = useTranslation();
  const none = t('common.none');
  return (
    <TableScroll label={t('recycling.caption')}>
      <table>
        <caption className="visually-hidden">{t('recycling.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('recycling.colShippedOn')}</th>
            <th scope="col">{t('recycling.colRecycler')}</th>
            <th scope="col">{t('recycling.colEcoOrganisme')}</th>
            <th scope="col">{t('recycling.colTracking')}</th>
            <th scope="col">{t('recycling.colWasteCode')}</th>
            <th scope="col" className="numeric">
              {t('recycling.colDevices')}
            </th>
            <th scope="col" className="numeric">
              {t('recycling.colWeight')}
            </th>
            <th scope="col">{t('recycling.colNote')}</th>
          </tr>
        </thead>
        <tbody>
          {batches.map((batch) => (
            <tr key={batch.id}>
              <th scope="row">
                <time dateTime={batch.shippedOn}>{formatDay(batch.shippedOn, i18n.language)}</time>
              </th>
              <td>
                {batch.recyclerName}
                {batch.recyclerSiret && (
                  <>
                    <br />
                    <span className="muted">{t('recycling.siret', { siret: batch.recyclerSiret })}</span>
                  </>
                )}
              </td>
              <td>
                {batch.ecoOrganisme ?? none}
                {batch.ecoOrganismeSiren && (
                  <>
                    <br />
                    <span className="muted">{t('recycling.siren', { siren: batch.ecoOrganismeSiren })}</span>
                  </>
                )}
              </td>
              <td>{batch.trackingNumber ?? none}</td>
              <td className="nowrap">{batch.wasteCode}</td>
              <td className="numeric">{formatNumber(batch.deviceCount, i18n.language)}</td>
              <td className="numeric">{formatNumber(batch.weightKg, i18n.language)}</td>
              <td>{batch.note ?? none}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export default function Recycling() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const stockOrganisationId = useStockOrganisationId();
  const [params, setParams] = useSearchParams();
  const organisationId = stockOrganisationId ?? params.get('organisation') ?? '';
  const names = useOrganisationNames(organisationId ? [organisationId] : []);
  const from = day(params.get('from'));
  const to = day(params.get('to'));
  const [draft, setDraft] = useState({ from, to });
  const [notice, setNotice] = useState('');
  const canSend = canWriteStock(me, organisationId);

  // The address changed by other means (Back, a link): show its dates in the fields.
  useEffect(() => setDraft({ from, to }), [from, to]);

  const query: RecyclingQuery = {
    organisationId,
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
  const batches = useLoad(
    (signal) =>
      organisationId ? api.recyclingBatches(query, signal) : Promise.resolve({ items: [], nextCursor: null }),
    [organisationId, from, to],
  );
  const pending = useLoad(
    (signal) =>
      organisationId
        ? api.devices({ organisationId, status: ['to_recycle'], limit: PENDING_LIMIT }, signal)
        : Promise.resolve({ items: [], nextCursor: null }),
    [organisationId],
  );

  /** Clears the period: the fields and the address (the form's « reset » and the empty list's offer). */
  const clearDates = () => {
    setDraft({ from: '', to: '' });
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        next.delete('from');
        next.delete('to');
        return next;
      },
      { replace: true },
    );
  };

  function applyDates(event: FormEvent) {
    event.preventDefault();
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(draft)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  }

  const organisationParam = stockOrganisationId ? '' : `organisation=${organisationId}&`;
  const pendingItems = pending.data?.items ?? [];
  const batchItems = batches.data?.items ?? [];
  const filtered = Boolean(from || to);

  return (
    <Page
      title={
        organisationId && names[organisationId]
          ? t('recycling.titleOf', { name: names[organisationId] })
          : t('recycling.title')
      }
    >
      <p>
        <Link to={stockOrganisationId ? '/stock' : `/stock?organisation=${organisationId}`}>
          {t('recycling.backToStock')}
        </Link>
      </p>
      <p>{t('recycling.intro')}</p>
      {!organisationId && <p className="alert alert-info">{t('recycling.chooseOrganisation')}</p>}
      <SuccessNotice>{notice}</SuccessNotice>

      {organisationId && (
        <>
          <section className="card" aria-labelledby="recycling-pending-title" aria-busy={pending.loading}>
            <h2 id="recycling-pending-title">{t('recycling.pendingTitle')}</h2>
            <ErrorAlert error={pending.error} onRetry={pending.reload} />
            {pending.loading && !pending.data && <Loading />}
            {pending.data &&
              (pendingItems.length === 0 ? (
                <p className="empty">{t('recycling.pendingNone')}</p>
              ) : (
                <>
                  <p>{t('recycling.pending', { count: pendingItems.length })}</p>
                  {pending.data.nextCursor && (
                    <p className="alert alert-info">{t('recycling.pendingMore', { count: PENDING_LIMIT })}</p>
                  )}
                  <div className="actions">
                    {canSend && (
                      <SendToRecyclingButton
                        organisationId={organisationId}
                        devices={pendingItems}
                        onSent={(batch) => {
                          setNotice(
                            t('recycling.sent', {
                              count: batch.deviceCount,
                              recycler: batch.recyclerName,
                              weight: formatNumber(batch.weightKg, i18n.language),
                            }),
                          );
                          pending.reload();
                          batches.reload();
                        }}
                      />
                    )}
                    <Link
                      to={`/stock?${organisationParam}status=to_recycle`}
                      className="button button-secondary"
                    >
                      {t('recycling.seePending')}
                    </Link>
                  </div>
                </>
              ))}
          </section>

          <section aria-labelledby="recycling-batches-title" aria-busy={batches.loading}>
            <h2 id="recycling-batches-title">{t('recycling.batchesTitle')}</h2>
            <form className="card filters" aria-label={t('recycling.filters')} onSubmit={applyDates}>
              <div className="field">
                <label htmlFor="recycling-from">{t('recycling.from')}</label>
                <input
                  id="recycling-from"
                  type="date"
                  value={draft.from}
                  max={draft.to || undefined}
                  onChange={(event) => setDraft((d) => ({ ...d, from: event.target.value }))}
                />
              </div>
              <div className="field">
                <label htmlFor="recycling-to">{t('recycling.to')}</label>
                <input
                  id="recycling-to"
                  type="date"
                  value={draft.to}
                  min={draft.from || undefined}
                  onChange={(event) => setDraft((d) => ({ ...d, to: event.target.value }))}
                />
              </div>
              <div className="filters-actions">
                <button type="submit" className="button button-primary">
                  {t('recycling.apply')}
                </button>
                {filtered && (
                  <button type="button" className="button button-secondary" onClick={clearDates}>
                    {t('recycling.reset')}
                  </button>
                )}
              </div>
            </form>

            <div className="register-download">
              <p id="recycling-register-help">{t('recycling.registerHelp')}</p>
              <a
                className="button button-secondary"
                href={documents.wasteRegisterCsv(query)}
                type="text/csv"
                download
                aria-describedby="recycling-register-help"
              >
                {t('recycling.register')}
              </a>
            </div>

            <ErrorAlert error={batches.error} onRetry={batches.reload} />
            {batches.loading && !batches.data && <Loading />}
            <p className="results-count" role="status">
              {batches.data ? t('recycling.results', { count: batchItems.length }) : ''}
            </p>
            {batches.data &&
              (batchItems.length === 0 ? (
                <EmptyState
                  filtered={filtered}
                  onClear={clearDates}
                  message={filtered ? t('recycling.emptyFiltered') : t('recycling.empty')}
                  next={t('recycling.emptyNext')}
                />
              ) : (
                <BatchTable batches={batchItems} />
              ))}
          </section>
        </>
      )}
    </Page>
  );
}
