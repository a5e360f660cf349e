/**
 * The organisation directory: search, filter by kind, "only mine", and "show more" pages. The filters
 * live in the address (?q=&kind=&mine=1) so that a search can be bookmarked and Back works.
 */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, ORGANISATION_KINDS, type OrganisationKind, type OrganisationProfile } from '../api.ts';
import { KindTags } from '../components/KindTags.tsx';
import { ErrorAlert, Loading, Page, SearchBox, useAnnounce, useLoad } from '../components/ui.tsx';
import { useMe } from '../session.tsx';

const PAGE_SIZE = 30;

function isKind(value: string | null): value is OrganisationKind {
  return (ORGANISATION_KINDS as readonly string[]).includes(value ?? '');
}

export default function Organisations() {
  const { t } = useTranslation();
  const me = useMe();
  const announce = useAnnounce();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const kindParam = params.get('kind');
  const kind = isKind(kindParam) ? kindParam : undefined;
  const mine = params.get('mine') === '1';
  const [text, setText] = useState(q);
  const [items, setItems] = useState<OrganisationProfile[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [moreBusy, setMoreBusy] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  const listRef = useRef<HTMLUListElement>(null);

  const roles = new Map(me.memberships.map((m) => [m.organisation.id, m.role]));

  function update(changes: { q?: string; kind?: string; mine?: boolean }) {
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (changes.q !== undefined) {
          if (changes.q) next.set('q', changes.q);
          else next.delete('q');
        }
        if (changes.kind !== undefined) {
          if (changes.kind) next.set('kind', changes.kind);
          else next.delete('kind');
        }
        if (changes.mine !== undefined) {
          if (changes.mine) next.set('mine', '1');
          else next.delete('mine');
        }
        return next;
      },
      { replace: true },
    );
  }

  // The address changed by other means than typing (Back, a link): show its search in the box.
  const typedQuery = useRef(q);
  useEffect(() => {
    if (q === typedQuery.current) return;
    typedQuery.current = q;
    setText(q);
  }, [q]);

  function search(value: string) {
    typedQuery.current = value;
    update({ q: value });
  }

  // Typing searches after a short pause; Enter searches at once.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the typed text starts the timer.
  useEffect(() => {
    const trimmed = text.trim();
    if (trimmed === q) return;
    const timer = window.setTimeout(() => search(trimmed), 400);
    return () => window.clearTimeout(timer);
  }, [text]);

  const first = useLoad(
    (signal) => api.organisations({ q, kind, mine, limit: PAGE_SIZE }, signal),
    [q, kind, mine],
  );
  useEffect(() => {
    if (!first.data) return;
    setItems(first.data.items);
    setNextCursor(first.data.nextCursor);
    setMoreError(null);
  }, [first.data]);

  async function showMore() {
    if (!nextCursor || moreBusy) return;
    setMoreBusy(true);
    setMoreError(null);
    try {
      const page = await api.organisations({ q, kind, mine, limit: PAGE_SIZE, cursor: nextCursor });
      setItems((previous) => [...previous, ...page.items]);
      setNextCursor(page.nextCursor);
      announce(t('common.moreLoaded', { count: page.items.length }));
    } catch (err) {
      setMoreError(err);
    } finally {
      setMoreBusy(false);
    }
  }

  const filtered = Boolean(q || kind || mine);
  return (
    <Page title={t('organisations.title')}>
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
            onChange={(event) => update({ mine: event.target.checked })}
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
          <p className="empty">{filtered ? t('organisations.empty') : t('organisations.emptyAll')}</p>
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
        <ErrorAlert error={moreError} />
        {nextCursor && (
          <button
            type="button"
            className="button button-secondary"
            onClick={showMore}
            aria-disabled={moreBusy}
          >
            {moreBusy ? t('common.loading') : t('common.showMore')}
          </button>
        )}
      </section>
    </Page>
  );
}
