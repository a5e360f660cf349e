/**
 * The people and associations one may see (referred by one's organisation, or referred to one of its
 * programmes): a search by name (the server ignores accents and case), filters by programme and by the
 * status of their referrals, a sort, "show more" pages — all kept in the address — and "Nouvelle personne".
 */
import { type FormEvent, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../components/help.tsx';
import { ShowMore, useAddressSearch, usePagedList } from '../components/lists.tsx';
import { beneficiaryName, ReferralStatusBadge } from '../components/people.tsx';
import { ErrorAlert, formatDate, Loading, Page, SearchBox, TableScroll, useLoad } from '../components/ui.tsx';
import { type BeneficiaryQuery, peopleApi, REFERRAL_STATUSES } from '../peopleApi.ts';
import { canRecordPeople, useMe } from '../session.tsx';

const PAGE_SIZE = 50;

export default function Beneficiaries() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { params, q, text, setText, update, search, reset } = useAddressSearch();
  const programmeId = params.get('programme') ?? '';
  const status = REFERRAL_STATUSES.find((s) => s === params.get('statut'));
  const sort = params.get('tri') === 'recent' ? 'recent' : 'name';

  const query: BeneficiaryQuery = useMemo(
    () => ({
      ...(q ? { q } : {}),
      ...(programmeId ? { programmeId } : {}),
      ...(status ? { status } : {}),
      sort,
    }),
    [q, programmeId, status, sort],
  );
  const first = useLoad((signal) => peopleApi.beneficiaries({ ...query, limit: PAGE_SIZE }, signal), [query]);
  const list = usePagedList(first.data, (cursor) =>
    peopleApi.beneficiaries({ ...query, limit: PAGE_SIZE, cursor }),
  );
  const programmes = useLoad((signal) => peopleApi.programmes({ limit: 200 }, signal), []);
  const filtered = Boolean(q || programmeId || status);
  /** Keeps the order, drops the search and the filters. */
  const clearFilters = () =>
    reset((previous) => {
      const next = new URLSearchParams();
      const order = previous.get('tri');
      if (order) next.set('tri', order);
      return next;
    });

  return (
    <Page help="orienter-une-personne" title={t('beneficiaries.title')}>
      <div className="page-intro">
        <p>{t('beneficiaries.intro')}</p>
        {canRecordPeople(me) && (
          <Link to="/beneficiaires/nouveau" className="button button-primary">
            {t('beneficiaries.new')}
          </Link>
        )}
      </div>

      {/* biome-ignore lint/a11y/useSemanticElements: older browsers know role=search, not <search>. */}
      <form
        className="card filters"
        role="search"
        aria-label={t('beneficiaries.filters')}
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          search(text.trim());
        }}
      >
        <SearchBox
          id="beneficiary-search"
          label={t('beneficiaries.search')}
          help={t('beneficiaries.searchHelp')}
          buttonLabel={t('beneficiaries.searchButton')}
          value={text}
          onChange={setText}
        />
        <div className="field">
          <label htmlFor="beneficiary-programme">{t('beneficiaries.programme')}</label>
          <select
            id="beneficiary-programme"
            value={programmeId}
            onChange={(event) => update({ programme: event.target.value })}
          >
            <option value="">{t('beneficiaries.allProgrammes')}</option>
            {programmeId && !(programmes.data?.items ?? []).some((p) => p.id === programmeId) && (
              <option value={programmeId}>{t('beneficiaries.chosenProgramme')}</option>
            )}
            {(programmes.data?.items ?? []).map((programme) => (
              <option key={programme.id} value={programme.id}>
                {programme.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="beneficiary-status">{t('beneficiaries.status')}</label>
          <select
            id="beneficiary-status"
            value={status ?? ''}
            onChange={(event) => update({ statut: event.target.value })}
          >
            <option value="">{t('programme.allStatuses')}</option>
            {REFERRAL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`referralStatuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="beneficiary-sort">{t('beneficiaries.sort')}</label>
          <select
            id="beneficiary-sort"
            value={sort}
            onChange={(event) => update({ tri: event.target.value === 'recent' ? 'recent' : undefined })}
          >
            <option value="name">{t('beneficiaries.sortName')}</option>
            <option value="recent">{t('beneficiaries.sortRecent')}</option>
          </select>
        </div>
        {filtered && (
          <button type="button" className="button button-secondary" onClick={clearFilters}>
            {t('beneficiaries.reset')}
          </button>
        )}
      </form>

      <section className="results" aria-busy={first.loading} aria-labelledby="beneficiary-results-count">
        <ErrorAlert error={first.error} onRetry={first.reload} />
        {first.loading && list.items.length === 0 && <Loading />}
        <p id="beneficiary-results-count" className="results-count" role="status">
          {first.data ? t('beneficiaries.results', { count: list.items.length }) : ''}
        </p>
        {first.data && list.items.length === 0 && !first.loading && (
          <EmptyState
            filtered={filtered}
            onClear={clearFilters}
            message={filtered ? t('beneficiaries.empty') : t('beneficiaries.emptyAll')}
            next={
              <>
                {t('beneficiaries.emptyAllHolds')}
                {canRecordPeople(me) && ` ${t('beneficiaries.emptyAllCreate')}`}
              </>
            }
            actions={
              canRecordPeople(me) && (
                <Link to="/beneficiaires/nouveau" className="button button-primary">
                  {t('beneficiaries.emptyAllAction')}
                </Link>
              )
            }
          />
        )}
        {list.items.length > 0 && (
          <TableScroll label={t('beneficiaries.caption')}>
            <table>
              <caption className="visually-hidden">{t('beneficiaries.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('beneficiaries.colName')}</th>
                  <th scope="col">{t('beneficiaries.colKind')}</th>
                  <th scope="col">{t('beneficiaries.colTown')}</th>
                  <th scope="col">{t('beneficiaries.colReferrals')}</th>
                  <th scope="col">{t('beneficiaries.colReferrer')}</th>
                  <th scope="col">{t('beneficiaries.colCreatedAt')}</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((beneficiary) => (
                  <tr key={beneficiary.id}>
                    <th scope="row">
                      <Link to={`/beneficiaires/${beneficiary.id}`}>{beneficiaryName(beneficiary)}</Link>
                      {beneficiary.anonymisedAt && (
                        <span className="muted"> ({t('beneficiary.erasedTag')})</span>
                      )}
                    </th>
                    <td>{t(`beneficiaryKinds.${beneficiary.kind}`)}</td>
                    <td>
                      {[beneficiary.postcode, beneficiary.city].filter(Boolean).join(' ') || t('common.none')}
                    </td>
                    <td>
                      {beneficiary.referrals.length === 0 ? (
                        <span className="muted">{t('beneficiaries.noReferral')}</span>
                      ) : (
                        <ul className="plain-list">
                          {beneficiary.referrals.map((referral) => (
                            <li key={referral.id}>
                              {referral.programmeName} : <ReferralStatusBadge status={referral.status} />
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td>{beneficiary.referringOrganisationName}</td>
                    <td className="nowrap">{formatDate(beneficiary.createdAt, i18n.language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        <ShowMore list={list} />
      </section>
    </Page>
  );
}
