/**
 * The stock: counts by status, type and grade, filters (kept in the address), a search box that opens
 * the device when a scanned asset tag matches exactly one, sorting by asset tag, "show more" pages, and
 * bulk actions on the ticked devices (change status, print labels).
 */
import { type FormEvent, lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import {
  api,
  DEVICE_STATUSES,
  DEVICE_TYPES,
  type Device,
  type DeviceQuery,
  type DeviceStatus,
  GRADES,
  type StockSummary,
} from '../api.ts';
import { type DeviceSort, DeviceTable } from '../components/DeviceTable.tsx';
import { EmptyState } from '../components/help.tsx';
import { formatDay, formatNumber, StatusBadge, useOrganisationNames } from '../components/inventory.tsx';
import { ShowMore, useAddressSearch, usePagedList } from '../components/lists.tsx';
import { ErrorAlert, Loading, Page, SearchBox, SuccessNotice, useLoad } from '../components/ui.tsx';
import { scanTarget } from '../scan.ts';
import {
  canManageLocations,
  canRecordDonations,
  canWriteStock,
  useMe,
  useStockOrganisationId,
} from '../session.tsx';

const PAGE_SIZE = 50;

// The bulk actions' dialogs (react-aria's Dialog and forms, ~45 KB gzip) load when a first device is
// ticked, not with the page: the stock's first load stays within the front-end budget (bench/frontend.ts).
const BulkStatusButton = lazy(() =>
  import('../components/BulkActions.tsx').then((module) => ({ default: module.BulkStatusButton })),
);
const PrintLabelsButton = lazy(() =>
  import('../components/BulkActions.tsx').then((module) => ({ default: module.PrintLabelsButton })),
);
const SendToRecyclingButton = lazy(() =>
  import('../components/RecyclingForm.tsx').then((module) => ({ default: module.SendToRecyclingButton })),
);

function pick<T extends string>(values: readonly T[], text: string | null): T | undefined {
  return values.find((value) => value === text);
}

function pickList<T extends string>(values: readonly T[], text: string | null): T[] {
  const wanted = new Set((text ?? '').split(','));
  return values.filter((value) => wanted.has(value));
}

function Summary({ summary }: { summary: StockSummary }) {
  const { t, i18n } = useTranslation();
  const n = (value: number | undefined) => formatNumber(value ?? 0, i18n.language);
  return (
    <section className="card stock-summary" aria-labelledby="summary-title">
      <h2 id="summary-title">{t('stock.summary', { count: summary.total, total: n(summary.total) })}</h2>
      <div className="summary-groups">
        <div>
          <h3>{t('stock.byStatus')}</h3>
          <ul className="count-list">
            {DEVICE_STATUSES.filter((s) => summary.byStatus[s]).map((status) => (
              <li key={status}>
                <StatusBadge status={status} />
                <span className="count-value">{n(summary.byStatus[status])}</span>
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h3>{t('stock.byType')}</h3>
          <ul className="count-list">
            {DEVICE_TYPES.filter((type) => summary.byType[type]).map((type) => (
              <li key={type}>
                <span>{t(`deviceTypes.${type}`)}</span>
                <span className="count-value">{n(summary.byType[type])}</span>
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h3>{t('stock.byGrade')}</h3>
          <ul className="count-list">
            {[...GRADES, 'none' as const]
              .filter((grade) => summary.byGrade[grade])
              .map((grade) => (
                <li key={grade}>
                  <span>{t(`grades.${grade}`)}</span>
                  <span className="count-value">{n(summary.byGrade[grade])}</span>
                </li>
              ))}
          </ul>
        </div>
      </div>
    </section>
  );
}

function StatusFilter({
  value,
  onChange,
}: {
  value: DeviceStatus[];
  onChange: (statuses: DeviceStatus[]) => void;
}) {
  const { t } = useTranslation();
  return (
    <details className="field status-filter">
      <summary>
        {t('deviceFields.status')}
        {value.length > 0 ? ` (${value.length})` : ` (${t('common.all').toLowerCase()})`}
      </summary>
      <fieldset className="fieldset status-choices">
        <legend className="visually-hidden">{t('stock.statusFilter')}</legend>
        {DEVICE_STATUSES.map((status) => (
          <div key={status} className="checkbox-line">
            <input
              type="checkbox"
              id={`filter-status-${status}`}
              checked={value.includes(status)}
              onChange={(event) =>
                onChange(
                  event.target.checked
                    ? DEVICE_STATUSES.filter((s) => s === status || value.includes(s))
                    : value.filter((s) => s !== status),
                )
              }
            />
            <label htmlFor={`filter-status-${status}`}>{t(`statuses.${status}`)}</label>
          </div>
        ))}
      </fieldset>
    </details>
  );
}

export default function Stock() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const stockOrganisationId = useStockOrganisationId();
  const { params, q, text, setText, update, setTyped, reset } = useAddressSearch();
  const statusParam = params.get('status') ?? '';
  const statuses = useMemo(() => pickList(DEVICE_STATUSES, statusParam), [statusParam]);
  const type = pick(DEVICE_TYPES, params.get('type'));
  const grade = pick(GRADES, params.get('grade'));
  const locationId = params.get('location') ?? '';
  const donationId = params.get('donation') ?? '';
  const sort: DeviceSort = params.get('sort') === '-assetTag' ? '-assetTag' : 'assetTag';
  // Platform administrators outside any refurbisher choose whose stock to see (all by default).
  const organisationId = stockOrganisationId ?? params.get('organisation') ?? '';
  const [searchBusy, setSearchBusy] = useState(false);
  const [selected, setSelected] = useState<Map<string, Device>>(new Map());
  const [notice, setNotice] = useState('');

  const query: DeviceQuery = useMemo(
    () => ({
      ...(organisationId ? { organisationId } : {}),
      ...(statuses.length > 0 ? { status: statuses } : {}),
      ...(type ? { type: [type] } : {}),
      ...(grade ? { grade: [grade] } : {}),
      ...(locationId ? { locationId } : {}),
      ...(donationId ? { donationId } : {}),
      ...(q ? { q } : {}),
      sort,
    }),
    [organisationId, statuses, type, grade, locationId, donationId, q, sort],
  );
  const queryKey = JSON.stringify(query);

  // A new search or filter: start from the first page, nothing ticked.
  // biome-ignore lint/correctness/useExhaustiveDependencies: on each new query.
  useEffect(() => setSelected(new Map()), [queryKey]);

  const first = useLoad((signal) => api.devices({ ...query, limit: PAGE_SIZE }, signal), [queryKey]);
  const list = usePagedList(first.data, (cursor) => api.devices({ ...query, limit: PAGE_SIZE, cursor }));
  const summary = useLoad((signal) => api.stockSummary(query, signal), [queryKey]);
  const locations = useLoad(
    (signal) =>
      organisationId
        ? api.locations({ organisationId }, signal)
        : Promise.resolve({ items: [], nextCursor: null }),
    [organisationId],
  );
  const locationNames = useMemo(
    () => Object.fromEntries((locations.data?.items ?? []).map((l) => [l.id, l.name])),
    [locations.data],
  );
  const donations = useLoad(
    (signal) => api.donations({ ...(organisationId ? { organisationId } : {}), limit: 100 }, signal),
    [organisationId],
  );
  const donorNames = useOrganisationNames(
    (donations.data?.items ?? []).filter((d) => !d.donorName).map((d) => d.donorOrganisationId),
  );
  const refurbishers = useLoad(
    (signal) =>
      me.user.isPlatformAdmin && !stockOrganisationId
        ? api.organisations({ kind: 'refurbisher', limit: 100 }, signal)
        : Promise.resolve(null),
    [me.user.isPlatformAdmin, stockOrganisationId],
  );

  async function search(event: FormEvent) {
    event.preventDefault();
    const trimmed = text.trim();
    setTyped(trimmed);
    if (!trimmed) {
      update({ q: undefined });
      return;
    }
    // A label's QR code read by a scanner holds the device's address: open it.
    const target = scanTarget(trimmed);
    if (target.kind === 'device') {
      navigate(`/appareils/${target.id}`);
      return;
    }
    // A scanned or typed asset tag that matches one device only: open it.
    setSearchBusy(true);
    try {
      const found = await api.devices({ ...query, q: trimmed, limit: 2 });
      if (found.items.length === 1 && found.items[0]) {
        navigate(`/appareils/${found.items[0].id}`);
        return;
      }
    } catch {
      // The list below shows the failure, if any.
    } finally {
      setSearchBusy(false);
    }
    update({ q: trimmed });
  }

  const selection = {
    selected: new Set(selected.keys()),
    toggle(id: string, on: boolean) {
      setSelected((previous) => {
        const next = new Map(previous);
        const device = list.items.find((d) => d.id === id);
        if (on && device) next.set(id, device);
        else next.delete(id);
        return next;
      });
    },
    toggleAll(on: boolean) {
      setSelected(on ? new Map(list.items.map((d) => [d.id, d])) : new Map());
    },
  };

  // Devices all marked "to recycle", of one refurbisher whose devices the account works on: they may go.
  const selectedDevices = [...selected.values()];
  const selectedOrganisations = new Set(selectedDevices.map((d) => d.organisationId));
  const recyclingOrganisationId =
    selectedDevices.length > 0 &&
    selectedDevices.every((d) => d.status === 'to_recycle') &&
    selectedOrganisations.size === 1
      ? ([...selectedOrganisations][0] ?? '')
      : '';
  const canRecycle = Boolean(recyclingOrganisationId) && canWriteStock(me, recyclingOrganisationId);

  const filtered = Boolean(q || statuses.length || type || grade || locationId || donationId);
  /** Keeps the organisation and the order, drops the search and the filters. */
  const clearFilters = () =>
    reset((previous) => {
      const next = new URLSearchParams();
      const organisation = previous.get('organisation');
      if (organisation) next.set('organisation', organisation);
      const order = previous.get('sort');
      if (order) next.set('sort', order);
      return next;
    });
  const donationOptions = donations.data?.items ?? [];
  return (
    <Page help="recevoir-un-lot" title={t('stock.title')}>
      <div className="page-intro">
        <p>{t('stock.intro')}</p>
        <div className="actions">
          {organisationId && (
            <Link
              to={`/stock/emplacements${stockOrganisationId ? '' : `?organisation=${organisationId}`}`}
              className="button button-secondary"
            >
              {canManageLocations(me, organisationId) ? t('stock.manageLocations') : t('stock.locations')}
            </Link>
          )}
          {organisationId && (
            <Link
              to={`/stock/recyclage${stockOrganisationId ? '' : `?organisation=${organisationId}`}`}
              className="button button-secondary"
            >
              {t('stock.recycling')}
            </Link>
          )}
          <Link to="/dons" className="button button-secondary">
            {t('nav.donations')}
          </Link>
        </div>
      </div>

      {refurbishers.data && (
        <div className="field">
          <label htmlFor="stock-organisation">{t('stock.organisation')}</label>
          <select
            id="stock-organisation"
            value={organisationId}
            onChange={(event) =>
              update({ organisation: event.target.value, location: undefined, donation: undefined })
            }
          >
            <option value="">{t('stock.allOrganisations')}</option>
            {refurbishers.data.items.map((organisation) => (
              <option key={organisation.id} value={organisation.id}>
                {organisation.name}
              </option>
            ))}
          </select>
        </div>
      )}

      <ErrorAlert error={summary.error} onRetry={summary.reload} />
      {summary.data && <Summary summary={summary.data} />}

      {/* biome-ignore lint/a11y/useSemanticElements: older browsers know role=search, not <search>. */}
      <form className="card filters" role="search" aria-label={t('stock.filters')} onSubmit={search}>
        <SearchBox
          id="stock-search"
          label={t('stock.search')}
          help={t('stock.searchHelp')}
          buttonLabel={t('stock.searchButton')}
          value={text}
          onChange={setText}
          busy={searchBusy}
        />
        <StatusFilter value={statuses} onChange={(value) => update({ status: value.join(',') })} />
        <div className="field">
          <label htmlFor="stock-type">{t('deviceFields.type')}</label>
          <select
            id="stock-type"
            value={type ?? ''}
            onChange={(event) => update({ type: event.target.value })}
          >
            <option value="">{t('stock.allTypes')}</option>
            {DEVICE_TYPES.map((value) => (
              <option key={value} value={value}>
                {t(`deviceTypes.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="stock-grade">{t('deviceFields.grade')}</label>
          <select
            id="stock-grade"
            value={grade ?? ''}
            onChange={(event) => update({ grade: event.target.value })}
          >
            <option value="">{t('stock.allGrades')}</option>
            {GRADES.map((value) => (
              <option key={value} value={value}>
                {t(`grades.${value}`)}
              </option>
            ))}
          </select>
        </div>
        {organisationId && (
          <div className="field">
            <label htmlFor="stock-location">{t('deviceFields.locationId')}</label>
            <select
              id="stock-location"
              value={locationId}
              onChange={(event) => update({ location: event.target.value })}
            >
              <option value="">{t('stock.allLocations')}</option>
              {(locations.data?.items ?? []).map((location) => (
                <option key={location.id} value={location.id}>
                  {location.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="stock-donation">{t('deviceFields.donationId')}</label>
          <select
            id="stock-donation"
            value={donationId}
            onChange={(event) => update({ donation: event.target.value })}
          >
            <option value="">{t('stock.allDonations')}</option>
            {donationId && !donationOptions.some((d) => d.id === donationId) && (
              <option value={donationId}>{t('stock.chosenDonation')}</option>
            )}
            {donationOptions.map((donation) => (
              <option key={donation.id} value={donation.id}>
                {[
                  formatDay(donation.receivedOn, i18n.language),
                  donation.donorName ?? donorNames[donation.donorOrganisationId],
                ]
                  .filter(Boolean)
                  .join(' – ')}
              </option>
            ))}
          </select>
        </div>
        {filtered && (
          <button type="button" className="button button-secondary" onClick={clearFilters}>
            {t('stock.reset')}
          </button>
        )}
      </form>

      <section className="results" aria-busy={first.loading} aria-labelledby="stock-results-count">
        <ErrorAlert error={first.error} onRetry={first.reload} />
        <SuccessNotice>{notice}</SuccessNotice>
        {first.loading && list.items.length === 0 && <Loading />}
        <p id="stock-results-count" className="results-count" role="status">
          {first.data ? t('stock.results', { count: list.items.length }) : ''}
        </p>
        {selected.size > 0 && (
          // biome-ignore lint/a11y/useSemanticElements: a toolbar of actions on the ticked rows.
          <div className="bulk-bar" role="region" aria-label={t('bulk.label')}>
            <p className="bulk-count">{t('bulk.selected', { count: selected.size })}</p>
            <Suspense fallback={null}>
              <BulkStatusButton
                devices={selected}
                onChanged={(moved, status) => {
                  const byId = new Map(moved.map((d) => [d.id, d]));
                  list.setItems((items) => items.map((d) => byId.get(d.id) ?? d));
                  setSelected(new Map());
                  setNotice(t('bulk.done', { count: moved.length, status: t(`statuses.${status}`) }));
                  summary.reload();
                }}
              />
              {canRecycle && (
                <SendToRecyclingButton
                  organisationId={recyclingOrganisationId}
                  devices={[...selected.values()]}
                  label={t('bulk.sendToRecycling')}
                  className="button button-primary button-small"
                  onSent={(batch, sent) => {
                    const ids = new Set(sent.map((d) => d.id));
                    list.setItems((items) =>
                      items.map((d) => (ids.has(d.id) ? { ...d, status: 'recycled' as const } : d)),
                    );
                    setSelected(new Map());
                    setNotice(
                      t('recycling.sent', {
                        count: batch.deviceCount,
                        recycler: batch.recyclerName,
                        weight: formatNumber(batch.weightKg, i18n.language),
                      }),
                    );
                    summary.reload();
                  }}
                />
              )}
              <PrintLabelsButton ids={[...selected.keys()]} />
            </Suspense>
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => setSelected(new Map())}
            >
              {t('bulk.clear')}
            </button>
          </div>
        )}
        {first.data && list.items.length === 0 && !first.loading && (
          <EmptyState
            filtered={filtered}
            onClear={clearFilters}
            message={filtered ? t('stock.empty') : t('stock.emptyAll')}
            next={t('stock.emptyNext')}
            actions={
              canRecordDonations(me) && (
                <>
                  <Link to="/dons/nouveau" className="button button-primary">
                    {t('stock.emptyRecordDonation')}
                  </Link>
                  <Link to="/dons" className="button button-secondary">
                    {t('stock.emptyDonations')}
                  </Link>
                </>
              )
            }
          />
        )}
        {list.items.length > 0 && (
          <DeviceTable
            devices={list.items}
            caption={t('stock.caption')}
            selection={selection}
            sort={sort}
            onSort={(value) => update({ sort: value === 'assetTag' ? undefined : value })}
            {...(organisationId ? { locationNames } : {})}
          />
        )}
        <ShowMore list={list} />
      </section>
    </Page>
  );
}
