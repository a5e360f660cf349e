/**
 * The programmes one may see (as owner, partner or funder), newest first: a search by name and an
 * open / closed filter kept in the address, "show more" pages, and "Nouveau programme" for the admins and
 * managers of an organisation.
 */
import { type FormEvent, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../components/help.tsx';
import { formatDay } from '../components/inventory.tsx';
import { ShowMore, useAddressSearch, usePagedList } from '../components/lists.tsx';
import { formatMoney, modeLabel, ProgrammeState } from '../components/people.tsx';
import { ErrorAlert, Loading, Page, SearchBox, TableScroll, useLoad } from '../components/ui.tsx';
import { type ProgrammeQuery, peopleApi } from '../peopleApi.ts';
import { canCreateProgramme, useMe } from '../session.tsx';

const PAGE_SIZE = 30;

export default function Programmes() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { params, q, text, setText, update, search, reset } = useAddressSearch();
  const statusParam = params.get('statut');
  const status = statusParam === 'ouverts' ? 'open' : statusParam === 'fermes' ? 'closed' : undefined;
  const language = i18n.language;

  const query: ProgrammeQuery = useMemo(
    () => ({ ...(q ? { q } : {}), ...(status ? { status } : {}) }),
    [q, status],
  );
  const first = useLoad((signal) => peopleApi.programmes({ ...query, limit: PAGE_SIZE }, signal), [query]);
  const list = usePagedList(first.data, (cursor) =>
    peopleApi.programmes({ ...query, limit: PAGE_SIZE, cursor }),
  );
  const filtered = Boolean(q || status);

  return (
    <Page help="premiers-pas" title={t('programmes.title')}>
      <div className="page-intro">
        <p>{t('programmes.intro')}</p>
        {canCreateProgramme(me) && (
          <Link to="/programmes/nouveau" className="button button-primary">
            {t('programmes.new')}
          </Link>
        )}
      </div>

      {/* biome-ignore lint/a11y/useSemanticElements: older browsers know role=search, not <search>. */}
      <form
        className="card filters"
        role="search"
        aria-label={t('programmes.filters')}
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          search(text.trim());
        }}
      >
        <SearchBox
          id="programme-search"
          label={t('programmes.search')}
          help={t('programmes.searchHelp')}
          buttonLabel={t('programmes.searchButton')}
          value={text}
          onChange={setText}
        />
        <div className="field">
          <label htmlFor="programme-status">{t('programmes.state')}</label>
          <select
            id="programme-status"
            value={statusParam === 'ouverts' || statusParam === 'fermes' ? statusParam : ''}
            onChange={(event) => update({ statut: event.target.value })}
          >
            <option value="">{t('programmes.allStates')}</option>
            <option value="ouverts">{t('programmes.openOnly')}</option>
            <option value="fermes">{t('programmes.closedOnly')}</option>
          </select>
        </div>
      </form>

      <section className="results" aria-busy={first.loading} aria-labelledby="programme-results-count">
        <ErrorAlert error={first.error} onRetry={first.reload} />
        {first.loading && list.items.length === 0 && <Loading />}
        <p id="programme-results-count" className="results-count" role="status">
          {first.data ? t('programmes.results', { count: list.items.length }) : ''}
        </p>
        {first.data && list.items.length === 0 && !first.loading && (
          <EmptyState
            filtered={filtered}
            onClear={() => reset(() => new URLSearchParams())}
            message={filtered ? t('programmes.empty') : t('programmes.emptyAll')}
            next={
              <>
                {t('programmes.emptyAllHolds')}
                {canCreateProgramme(me) && ` ${t('programmes.emptyAllCreate')}`}
              </>
            }
            actions={
              canCreateProgramme(me) && (
                <Link to="/programmes/nouveau" className="button button-primary">
                  {t('programmes.emptyAllAction')}
                </Link>
              )
            }
          />
        )}
        {list.items.length > 0 && (
          <TableScroll label={t('programmes.caption')}>
            <table>
              <caption className="visually-hidden">{t('programmes.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('programmes.colName')}</th>
                  <th scope="col">{t('programmes.colOwner')}</th>
                  <th scope="col">{t('programmes.colMode')}</th>
                  <th scope="col">{t('programmes.colPeriod')}</th>
                  <th scope="col" className="numeric">
                    {t('programmes.colContribution')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('programmes.colReferrals')}
                  </th>
                  <th scope="col">{t('programmes.colState')}</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((programme) => (
                  <tr key={programme.id}>
                    <th scope="row">
                      <Link to={`/programmes/${programme.id}`}>{programme.name}</Link>
                    </th>
                    <td>{programme.ownerOrganisationName}</td>
                    <td>{modeLabel(programme.mode)}</td>
                    <td className="nowrap">
                      {t('programmes.period', {
                        from: formatDay(programme.startsOn, language),
                        to: formatDay(programme.endsOn, language),
                      })}
                    </td>
                    <td className="numeric">
                      {programme.unitPriceCents === null
                        ? t('common.none')
                        : formatMoney(programme.contributionCents, language)}
                    </td>
                    <td className="numeric">{programme.referralCount}</td>
                    <td>
                      <ProgrammeState programme={programme} />
                    </td>
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
