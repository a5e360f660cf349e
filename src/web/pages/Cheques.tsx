/**
 * Training cheques (`/ateliers/cheques`): the reconciliation per issuer (received = sent + to send, what was
 * paid back, those expiring), the cheques with filters and written expiry warnings, pending ones chosen
 * and sent as a batch (after a confirmation), and the batches with « Enregistrer le remboursement ».
 * Cheques are recorded on a session's check-in page.
 */
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  CHEQUE_FILTERS,
  CHEQUE_ISSUERS,
  type Cheque,
  type ChequeFilter,
  type ChequeIssuer,
  type ChequeSummary,
  canBatchCheques,
  chequeOrganisations,
  chequesApi,
  PASS_VALUE_CENTS,
  type Tally,
} from '../components/cheques/api.ts';
import { BatchForm, BatchList, chequeCheckboxId } from '../components/cheques/Batches.tsx';
import { EmptyState } from '../components/help.tsx';
import { formatDay } from '../components/inventory.tsx';
import { ShowMore, useAddressSearch, usePagedList } from '../components/lists.tsx';
import { formatMoney } from '../components/people.tsx';
import { ErrorAlert, Loading, Page, SuccessNotice, TableScroll, useLoad } from '../components/ui.tsx';
import { useMe, useSession } from '../session.tsx';

const PAGE_SIZE = 50;

const isFilter = (v: string | null): v is ChequeFilter =>
  (CHEQUE_FILTERS as readonly (string | null)[]).includes(v);
const isIssuer = (v: string | null): v is ChequeIssuer =>
  (CHEQUE_ISSUERS as readonly (string | null)[]).includes(v);

function Summary({ summary }: { summary: ChequeSummary }) {
  const { t, i18n } = useTranslation();
  const tally = (x: Tally) =>
    t('cheques.tally', { count: x.count, amount: formatMoney(x.cents, i18n.language) });
  const rows = [
    ...summary.byIssuer.map((r) => ({ key: r.issuer, label: t(`cheques.issuers.${r.issuer}`), ...r })),
    ...(summary.byIssuer.length > 1 ? [{ key: 'total', label: t('cheques.total'), ...summary.total }] : []),
  ];
  return (
    <section className="card" aria-labelledby="cheques-summary-title">
      <h2 id="cheques-summary-title">{t('cheques.summaryTitle')}</h2>
      {rows.length === 0 ? (
        <p className="empty">{t('cheques.summaryEmpty')}</p>
      ) : (
        <TableScroll label={t('cheques.summaryCaption')}>
          <table>
            <caption className="visually-hidden">{t('cheques.summaryCaption')}</caption>
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
                  {t('cheques.colPending')}
                </th>
                <th scope="col" className="numeric">
                  {t('cheques.colReimbursed')}
                </th>
                <th scope="col" className="numeric">
                  {t('cheques.colRejected')}
                </th>
                <th scope="col" className="numeric">
                  {t('cheques.colExpiring')}
                </th>
                <th scope="col" className="numeric">
                  {t('cheques.colExpired')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{r.label}</th>
                  <td className="numeric">{tally(r.received)}</td>
                  <td className="numeric">{tally(r.sent)}</td>
                  <td className="numeric">{tally(r.pending)}</td>
                  <td className="numeric">{formatMoney(r.reimbursedCents, i18n.language)}</td>
                  <td className="numeric">{tally(r.rejected)}</td>
                  <td className="numeric">{tally(r.expiring)}</td>
                  <td className="numeric">{tally(r.expired)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

/** The state of a cheque in words, with its expiry warning (never colour alone). */
function StateText({ cheque }: { cheque: Cheque }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      {t(`cheques.statuses.${cheque.status}`)}
      {cheque.expiry === 'expired' && (
        <>
          <br />
          <strong className="status status-pending">
            ⚠ {t('cheques.expiredWarning', { count: -cheque.daysLeft })}
          </strong>
        </>
      )}
      {cheque.expiry === 'expiring' && (
        <>
          <br />
          <strong className="status status-pending">
            ⚠{' '}
            {cheque.daysLeft === 0
              ? t('cheques.expiredToday')
              : t('cheques.expiringWarning', { count: cheque.daysLeft })}
          </strong>
        </>
      )}
      {cheque.batchSentOn && cheque.status !== 'pending' && (
        <>
          <br />
          <span className="small muted">
            {t('cheques.inBatch', { date: formatDay(cheque.batchSentOn, i18n.language) })}
          </span>
        </>
      )}
      {cheque.rejectedReason && (
        <>
          <br />
          <span>{t('cheques.rejectedBecause', { reason: cheque.rejectedReason })}</span>
        </>
      )}
    </>
  );
}

function EditCheque({ cheque, onDone }: { cheque: Cheque; onDone: (message: string | null) => void }) {
  const { t } = useTranslation();
  const [number, setNumber] = useState(cheque.number);
  const [expiresOn, setExpiresOn] = useState(cheque.expiresOn);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const updated = await chequesApi.update(cheque.id, { number, expiresOn });
      onDone(t('cheques.updated', { number: updated.number }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="card" onSubmit={(event) => void submit(event)} aria-labelledby={`edit-${cheque.id}`}>
      <h3 id={`edit-${cheque.id}`}>{t('cheques.editTitle', { number: cheque.number })}</h3>
      <div className="field">
        <label htmlFor={`edit-number-${cheque.id}`}>{t('cheques.colNumber')}</label>
        <input id={`edit-number-${cheque.id}`} value={number} onChange={(e) => setNumber(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`edit-expires-${cheque.id}`}>{t('cheques.colExpiresOn')}</label>
        <input
          id={`edit-expires-${cheque.id}`}
          type="date"
          value={expiresOn}
          onChange={(e) => setExpiresOn(e.target.value)}
        />
      </div>
      <ErrorAlert error={error} />
      <div className="actions">
        <button type="submit" className="button button-primary" aria-disabled={busy}>
          {busy ? t('common.saving') : t('cheques.save')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => onDone(null)}>
          {t('cheques.cancel')}
        </button>
      </div>
    </form>
  );
}

export default function Cheques() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const me = useMe();
  const { currentOrganisationId } = useSession();
  const organisations = chequeOrganisations(me);
  const { params, q, update, text, setText, search: searchFor, reset } = useAddressSearch();
  const statusParam = params.get('etat');
  const issuerParam = params.get('emetteur');
  const status = isFilter(statusParam) ? statusParam : undefined;
  const issuer = isIssuer(issuerParam) ? issuerParam : undefined;
  const orgParam = params.get('organisation');
  const organisationId =
    organisations.find((o) => o.id === orgParam)?.id ??
    organisations.find((o) => o.id === currentOrganisationId)?.id ??
    organisations[0]?.id ??
    '';
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState('');
  const [selected, setSelected] = useState<Map<string, Cheque>>(() => new Map());
  const [editing, setEditing] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const query = { status, issuer, q: q || undefined, limit: PAGE_SIZE };
  const summary = useLoad(
    (signal) => (organisationId ? chequesApi.summary(organisationId, signal) : Promise.resolve(undefined)),
    [organisationId, version],
  );
  const first = useLoad(
    (signal) =>
      organisationId ? chequesApi.list(organisationId, query, signal) : Promise.resolve(undefined),
    [organisationId, status, issuer, q, version],
  );
  const list = usePagedList(first.data, (cursor) => chequesApi.list(organisationId, { ...query, cursor }));
  const batching = canBatchCheques(me, organisationId);
  const filtered = Boolean(status || issuer || q);

  function done(message: string) {
    setNotice(message);
    setSelected(new Map());
    setVersion((v) => v + 1);
    window.setTimeout(() => noticeRef.current?.focus(), 0);
  }

  async function remove(cheque: Cheque) {
    const amount = formatMoney(cheque.valueCents, language);
    if (!window.confirm(t('cheques.deleteConfirm', { number: cheque.number, amount }))) return;
    setActionError(null);
    try {
      await chequesApi.remove(cheque.id);
      done(t('cheques.deleted', { number: cheque.number }));
    } catch (err) {
      setActionError(err);
    }
  }

  function toggle(cheque: Cheque, on: boolean) {
    setSelected((previous) => {
      const next = new Map(previous);
      if (on) next.set(cheque.id, cheque);
      else next.delete(cheque.id);
      return next;
    });
  }

  function search(event: FormEvent) {
    event.preventDefault();
    searchFor(text.trim());
  }

  if (organisations.length === 0 && !me.user.isPlatformAdmin) {
    return (
      <Page help="animer-un-atelier" title={t('cheques.title')}>
        <p>{t('cheques.noOrganisation')}</p>
      </Page>
    );
  }

  return (
    <Page help="animer-un-atelier" title={t('cheques.title')}>
      <p className="breadcrumbs">
        <Link to="/ateliers">{t('nav.workshops')}</Link>
      </p>
      <p className="help">{t('cheques.intro', { amount: formatMoney(PASS_VALUE_CENTS, language) })}</p>
      <div ref={noticeRef} tabIndex={-1} className="notice-anchor">
        <SuccessNotice>{notice}</SuccessNotice>
      </div>
      {organisations.length > 1 && (
        <div className="field">
          <label htmlFor="cheques-organisation">{t('cheques.organisation')}</label>
          <select
            id="cheques-organisation"
            value={organisationId}
            onChange={(event) => {
              setSelected(new Map());
              update({ organisation: event.target.value });
            }}
          >
            {organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <ErrorAlert error={summary.error} onRetry={summary.reload} />
      {summary.data && <Summary summary={summary.data} />}
      <div className="card filters">
        <div className="field">
          <label htmlFor="cheques-status">{t('cheques.statusFilter')}</label>
          <select
            id="cheques-status"
            value={status ?? ''}
            onChange={(event) => update({ etat: event.target.value || undefined })}
          >
            <option value="">{t('cheques.filters.all')}</option>
            {CHEQUE_FILTERS.map((x) => (
              <option key={x} value={x}>
                {t(`cheques.filters.${x}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="cheques-issuer">{t('cheques.issuerFilter')}</label>
          <select
            id="cheques-issuer"
            value={issuer ?? ''}
            onChange={(event) => update({ emetteur: event.target.value || undefined })}
          >
            <option value="">{t('cheques.allIssuers')}</option>
            {CHEQUE_ISSUERS.map((x) => (
              <option key={x} value={x}>
                {t(`cheques.issuers.${x}`)}
              </option>
            ))}
          </select>
        </div>
        <form className="field" onSubmit={search}>
          <label htmlFor="cheques-q">{t('cheques.search')}</label>
          <input id="cheques-q" type="search" value={text} onChange={(e) => setText(e.target.value)} />
          <button type="submit" className="button button-secondary">
            {t('cheques.searchButton')}
          </button>
        </form>
      </div>
      {batching && organisationId && (
        <BatchForm organisationId={organisationId} selected={[...selected.values()]} onCreated={done} />
      )}
      <section className="card" aria-labelledby="cheques-list-title">
        <h2 id="cheques-list-title">{t('cheques.listTitle')}</h2>
        <ErrorAlert error={first.error} onRetry={first.reload} />
        <ErrorAlert error={actionError} />
        {first.loading && list.items.length === 0 && <Loading />}
        <p className="results-count" role="status">
          {first.data ? t('cheques.results', { count: list.items.length }) : ''}
        </p>
        {first.data && !first.loading && list.items.length === 0 && (
          <EmptyState
            filtered={filtered}
            onClear={() =>
              reset((previous) => {
                const next = new URLSearchParams(previous);
                for (const key of ['etat', 'emetteur', 'q']) next.delete(key);
                return next;
              })
            }
            message={filtered ? t('cheques.emptyFiltered') : t('cheques.empty')}
          />
        )}
        {list.items.length > 0 && (
          <TableScroll label={t('cheques.listCaption')}>
            <table>
              <caption className="visually-hidden">{t('cheques.listCaption')}</caption>
              <thead>
                <tr>
                  {batching && <th scope="col">{t('cheques.colSelect')}</th>}
                  <th scope="col">{t('cheques.colNumber')}</th>
                  <th scope="col">{t('cheques.colIssuer')}</th>
                  <th scope="col" className="numeric">
                    {t('cheques.colValue')}
                  </th>
                  <th scope="col">{t('cheques.colPerson')}</th>
                  <th scope="col">{t('cheques.colSession')}</th>
                  <th scope="col">{t('cheques.colExpiresOn')}</th>
                  <th scope="col">{t('cheques.colStatus')}</th>
                  <th scope="col">{t('cheques.colActions')}</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((cheque) => (
                  <tr key={cheque.id}>
                    {batching && (
                      <td>
                        {cheque.status === 'pending' && (
                          <input
                            id={chequeCheckboxId(cheque.id)}
                            type="checkbox"
                            aria-label={t('cheques.selectCheque', { number: cheque.number })}
                            checked={selected.has(cheque.id)}
                            onChange={(e) => toggle(cheque, e.target.checked)}
                          />
                        )}
                      </td>
                    )}
                    <th scope="row">{cheque.number}</th>
                    <td>
                      {t(`cheques.issuers.${cheque.issuer}`)}
                      {cheque.issuerName && <span className="small muted"> · {cheque.issuerName}</span>}
                    </td>
                    <td className="numeric">{formatMoney(cheque.valueCents, language)}</td>
                    <td>{cheque.personName ?? t('cheques.erasedPerson')}</td>
                    <td>
                      {cheque.workshopId ? (
                        <Link to={`/ateliers/${cheque.workshopId}`}>{cheque.workshopTitle}</Link>
                      ) : (
                        '—'
                      )}
                      <br />
                      <span className="small muted">
                        {t('cheques.colReceivedOn')} {formatDay(cheque.receivedOn, language)}
                      </span>
                    </td>
                    <td className="nowrap">{formatDay(cheque.expiresOn, language)}</td>
                    <td>
                      <StateText cheque={cheque} />
                    </td>
                    <td>
                      {cheque.can.edit && (
                        <button
                          type="button"
                          className="button button-secondary"
                          aria-label={t('cheques.editLabel', { number: cheque.number })}
                          aria-expanded={editing === cheque.id}
                          onClick={() => setEditing(editing === cheque.id ? null : cheque.id)}
                        >
                          {t('cheques.edit')}
                        </button>
                      )}{' '}
                      {cheque.can.delete && (
                        <button
                          type="button"
                          className="button button-secondary"
                          aria-label={t('cheques.deleteLabel', { number: cheque.number })}
                          onClick={() => void remove(cheque)}
                        >
                          {t('cheques.delete')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {editing && list.items.some((c) => c.id === editing) && (
          <EditCheque
            key={editing}
            cheque={list.items.find((c) => c.id === editing) as Cheque}
            onDone={(message) => {
              setEditing(null);
              if (message) done(message);
            }}
          />
        )}
        <ShowMore list={list} />
      </section>
      {organisationId && <BatchList organisationId={organisationId} version={version} onSaved={done} />}
    </Page>
  );
}
