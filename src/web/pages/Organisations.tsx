/**
 * The organisation directory: search, filter by kind, "only mine", and "show more" pages. The filters
 * live in the address (?q=&kind=&mine=1) so that a search can be bookmarked and Back works.
 */
import { type FormEvent, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ORGANISATION_KINDS, type OrganisationKind } from '../api.ts';
import { EmptyState } from '../components/help.tsx';
import { KindTags } from '../components/KindTags.tsx';
import { ShowMore, useAddressSearch, usePagedList } from '../components/lists.tsx';
import { ErrorAlert, Loading, Page, SearchBox, useLoad } from '../components/ui.tsx';
import { useMe } from '../session.tsx';

const PAGE_SIZE = 30;

function isKind(value: string | null): value is OrganisationKind {
  return (ORGANISATION_KINDS as readonly string[]).includes(value ?? '');
}

export default function Organisations() {
  const { t } = useTranslation();
  const me = useMe();
  const { params, q, text, setText, update, search, reset } = useAddressSearch();
  const kindParam = params.get('kind');
  const kind = isKind(kindParam) ? kindParam : undefined;
  const mine = params.get('mine') === '1';
  const listRef = useRef<HTMLUListElement>(null);

  const roles = new Map(me.memberships.map((m) => [m.organisation.id, m.role]));

  const first = useLoad(
    (signal) => api.organisations({ q, kind, mine, limit: PAGE_SIZE }, signal),
    [q, kind, mine],
  );
  const list = usePagedList(first.data, (cursor) =>
    api.organisations({ q, kind, mine, limit: PAGE_SIZE, cursor }),
  );
  const { items } = list;

  const filtered = Boolean(q || kind || mine);
  return (
    <Page help="premiers-pas" title={t('organisations.title')}>
      <div className="page-intro">
        <p>{t('organisations.intro')}</p>
        {me.user.isPlatformAdmin && (
          <Link to="/organisations/nouvelle" className="button button-primary">
            {t('organisations.new')}
          </Link>
        )}
      </div>

      {/* biome-ignore lint/a11y/useSemanticElements: older browsers know role=search, not <search>. */}
      <form
        className="card filters"
        role="search"
        aria-label={t('organisations.filters')}
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          search(text.trim());
        }}
      >
        <SearchBox
          id="org-search"
          label={t('organisations.search')}
          help={t('organisations.searchHelp')}
          buttonLabel={t('organisations.search')}
          value={text}
          onChange={setText}
        />
        <div className="field">
          <label htmlFor="org-kind">{t('organisations.kind')}</label>
          <select id="org-kind" value={kind ?? ''} onChange={(event) => update({ kind: event.target.value })}>
            <option value="">{t('organisations.allKinds')}</option>
            {ORGANISATION_KINDS.map((value) => (
              <option key={value} value={value}>
                {t(`kinds.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="checkbox-line filters-mine">
          <input
            id="org-mine"
            type="checkbox"
            checked={mine}
            onChange={(event) => update({ mine: event.target.checked ? '1' : undefined })}
          />
          <label htmlFor="org-mine">{t('organisations.mine')}</label>
        </div>
      </form>

      <section className="results" aria-busy={first.loading} aria-labelledby="org-results-count">
        <ErrorAlert error={first.error} onRetry={first.reload} />
        {first.loading && items.length === 0 && <Loading />}
        <p id="org-results-count" className="results-count" role="status">
          {first.data ? t('organisations.results', { count: items.length }) : ''}
        </p>
        {first.data && items.length === 0 && !first.loading && (
          <EmptyState
            filtered={filtered}
            onClear={() => reset(() => new URLSearchParams())}
            message={filtered ? t('organisations.empty') : t('organisations.emptyAll')}
            actions={
              me.user.isPlatformAdmin && (
                <Link to="/organisations/nouvelle" className="button button-primary">
                  {t('organisations.emptyAllAction')}
                </Link>
              )
            }
          />
        )}
        {items.length > 0 && (
          <ul className="card-list" ref={listRef}>
            {items.map((organisation) => {
              const role = roles.get(organisation.id);
              return (
                <li key={organisation.id} className="card organisation-card">
                  <h2 className="card-title">
                    <Link to={`/organisations/${organisation.id}`}>{organisation.name}</Link>
                  </h2>
                  <KindTags kinds={organisation.kinds} />
                  <p className="muted">
                    {[
                      [organisation.postcode, organisation.city].filter(Boolean).join(' '),
                      organisation.siret ? t('organisations.siret', { siret: organisation.siret }) : '',
                      organisation.rna ? t('organisations.rna', { rna: organisation.rna }) : '',
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </p>
                  {role && (
                    <p className="member-role">{t('organisations.member', { role: t(`roles.${role}`) })}</p>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        <ShowMore list={list} />
      </section>
    </Page>
  );
}
