/**
 * Workshops (`/ateliers`): the workshops one runs or whose programme one owns, newest first — a search by
 * title or place, programme and state filters kept in the address, "show more" pages, « Nouvel atelier »
 * for those who run workshops, the next sessions, and links to the sessions' calendar (`.ics`) and the
 * competence grid.
 */
import { type FormEvent, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { chequeOrganisations } from '../components/cheques/api.ts';
import { EmptyState } from '../components/help.tsx';
import { ShowMore, useAddressSearch, usePagedList } from '../components/lists.tsx';
import { dayText, WorkshopState, workshopStatus } from '../components/training/common.tsx';
import { UpcomingSessions } from '../components/training/Upcoming.tsx';
import { ErrorAlert, Loading, Page, SearchBox, TableScroll, useLoad } from '../components/ui.tsx';
import { peopleApi } from '../peopleApi.ts';
import { canRunTraining, useMe } from '../session.tsx';
import { trainingApi, trainingDocuments, type WorkshopQuery } from '../trainingApi.ts';

const PAGE_SIZE = 30;
const STATES = { 'en-cours': 'open', termines: 'closed', annules: 'cancelled' } as const;
type StateParam = keyof typeof STATES;

function isStateParam(value: string | null): value is StateParam {
  return value !== null && value in STATES;
}

export default function Workshops() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { params, q, text, setText, update, search, reset } = useAddressSearch();
  const stateParam = params.get('etat');
  const state = isStateParam(stateParam) ? STATES[stateParam] : undefined;
  const programmeId = params.get('programme') ?? '';

  const query: WorkshopQuery = useMemo(
    () => ({
      ...(q ? { q } : {}),
      ...(programmeId ? { programmeId } : {}),
      ...(state === 'cancelled' ? { includeCancelled: true } : {}),
    }),
    [q, programmeId, state],
  );
  const first = useLoad((signal) => trainingApi.workshops({ ...query, limit: PAGE_SIZE }, signal), [query]);
  const list = usePagedList(first.data, (cursor) =>
    trainingApi.workshops({ ...query, limit: PAGE_SIZE, cursor }),
  );
  const programmes = useLoad((signal) => peopleApi.programmes({ limit: 100 }, signal), []);
  // The API filters out cancelled workshops unless asked; the other states are told apart here.
  const items = state ? list.items.filter((w) => workshopStatus(w) === state) : list.items;
  const filtered = Boolean(q || programmeId || state);
  const runs = canRunTraining(me);

  return (
    <Page help="animer-un-atelier" title={t('workshops.title')}>
      <div className="page-intro">
        <p>{t('workshops.intro')}</p>
        {runs && (
          <Link to="/ateliers/nouveau" className="button button-primary">
            {t('workshops.new')}
          </Link>
        )}
      </div>
      <ul className="link-list">
        <li>
          <a href={trainingDocuments.calendarIcs({ mine: true })} type="text/calendar">
            {t('workshops.icsMine')}
          </a>
        </li>
        <li>
          <a href={trainingDocuments.calendarIcs({})} type="text/calendar">
            {t('workshops.icsAll')}
          </a>
        </li>
        <li>
          <Link to="/ateliers/grille">{t('workshops.gridLink')}</Link>
        </li>
        {(me.user.isPlatformAdmin || chequeOrganisations(me).length > 0) && (
          <li>
            <Link to="/ateliers/cheques">{t('cheques.navLink')}</Link>
          </li>
        )}
      </ul>

      {/* biome-ignore lint/a11y/useSemanticElements: older browsers know role=search, not <search>. */}
      <form
        className="card filters"
        role="search"
        aria-label={t('workshops.filters')}
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          search(text.trim());
        }}
      >
        <SearchBox
          id="workshop-search"
          label={t('workshops.search')}
          help={t('workshops.searchHelp')}
          buttonLabel={t('workshops.searchButton')}
          value={text}
          onChange={setText}
        />
        <div className="field">
          <label htmlFor="workshop-programme">{t('workshops.programmeFilter')}</label>
          <select
            id="workshop-programme"
            value={programmeId}
            onChange={(event) => update({ programme: event.target.value || undefined })}
          >
            <option value="">{t('workshops.allProgrammes')}</option>
            {(programmes.data?.items ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="workshop-state">{t('workshops.stateFilter')}</label>
          <select
            id="workshop-state"
            value={isStateParam(stateParam) ? stateParam : ''}
            onChange={(event) => update({ etat: event.target.value || undefined })}
          >
            <option value="">{t('workshops.allStates')}</option>
            {(Object.keys(STATES) as StateParam[]).map((key) => (
              <option key={key} value={key}>
                {t(`workshops.states.${STATES[key]}`)}
              </option>
            ))}
          </select>
        </div>
      </form>

      <section className="results" aria-busy={first.loading} aria-labelledby="workshop-results-count">
        <ErrorAlert error={first.error} onRetry={first.reload} />
        {first.loading && list.items.length === 0 && <Loading />}
        <p id="workshop-results-count" className="results-count" role="status">
          {first.data ? t('workshops.results', { count: items.length }) : ''}
        </p>
        {first.data && items.length === 0 && !first.loading && (
          <EmptyState
            filtered={filtered}
            onClear={() => reset(() => new URLSearchParams())}
            message={filtered ? t('workshops.empty') : t('workshops.emptyAll')}
            next={
              <>
                {t('workshops.emptyAllHolds')}
                {runs && ` ${t('workshops.emptyAllCreate')}`}
              </>
            }
            actions={
              runs && (
                <Link to="/ateliers/nouveau" className="button button-primary">
                  {t('workshops.emptyAllAction')}
                </Link>
              )
            }
          />
        )}
        {items.length > 0 && (
          <TableScroll label={t('workshops.caption')}>
            <table>
              <caption className="visually-hidden">{t('workshops.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('workshops.colTitle')}</th>
                  <th scope="col">{t('workshops.colProgramme')}</th>
                  <th scope="col">{t('workshops.colFormat')}</th>
                  <th scope="col">{t('workshops.colNext')}</th>
                  <th scope="col" className="numeric">
                    {t('workshops.colSessions')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('workshops.colPeople')}
                  </th>
                  <th scope="col">{t('workshops.colState')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((workshop) => (
                  <tr key={workshop.id}>
                    <th scope="row">
                      <Link to={`/ateliers/${workshop.id}`}>{workshop.title}</Link>
                      {workshop.place && (
                        <>
                          <br />
                          <span className="small muted">{workshop.place}</span>
                        </>
                      )}
                    </th>
                    <td>{workshop.programmeName ?? t('workshops.noProgramme')}</td>
                    <td>{t(`workshops.formats.${workshop.format}`)}</td>
                    <td>
                      {workshop.nextSessionAt
                        ? dayText(workshop.nextSessionAt, i18n.language)
                        : t('common.none')}
                    </td>
                    <td className="numeric">{workshop.sessionCount}</td>
                    <td className="numeric">
                      {workshop.capacity === null
                        ? t('workshops.enrolledOpen', { count: workshop.enrolledCount })
                        : t('workshops.enrolledOf', {
                            count: workshop.enrolledCount,
                            capacity: workshop.capacity,
                          })}
                      {workshop.waitingCount > 0 && (
                        <>
                          <br />
                          <span className="small">
                            {t('workshops.waitingCount', { count: workshop.waitingCount })}
                          </span>
                        </>
                      )}
                    </td>
                    <td>
                      <WorkshopState workshop={workshop} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        <ShowMore list={list} />
      </section>
      <UpcomingSessions runs={runs} />
    </Page>
  );
}
