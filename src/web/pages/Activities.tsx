/**
 * Anonymous activities (`/activites`): digital cafés, outreach and drop-in help counted without naming
 * anyone — record one (day, duration, number of people, counts by age band, themes, kind of place), and
 * list them, latest first, with their totals (by theme and by age band). There is no person field at all
 * (the form: `components/training/ActivityForm.tsx`).
 */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../components/help.tsx';
import { formatDay } from '../components/inventory.tsx';
import { ShowMore, useAddressSearch, usePagedList } from '../components/lists.tsx';
import { ActivityForm, isPlaceType } from '../components/training/ActivityForm.tsx';
import { ErrorAlert, Loading, Page, SuccessNotice, TableScroll, useLoad } from '../components/ui.tsx';
import { canRunTraining, useMe } from '../session.tsx';
import {
  ACTIVITY_PLACE_TYPES,
  ACTIVITY_THEMES,
  type ActivityQuery,
  type ActivityTheme,
  type ActivityTotals,
  trainingApi,
} from '../trainingApi.ts';

const PAGE_SIZE = 30;

function isTheme(value: string | null): value is ActivityTheme {
  return (ACTIVITY_THEMES as readonly (string | null)[]).includes(value);
}

function hoursText(minutes: number, language: string): string {
  const hours = minutes / 60;
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: 1 }).format(
    hours,
  );
}

function Totals({ totals }: { totals: ActivityTotals }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <section className="card" aria-labelledby="activity-totals-title">
      <h2 id="activity-totals-title">{t('activities.totalsTitle')}</h2>
      <dl className="properties properties-columns">
        <div className="property">
          <dt>{t('activities.totalActivities')}</dt>
          <dd>{totals.activities}</dd>
        </div>
        <div className="property">
          <dt>{t('activities.totalParticipants')}</dt>
          <dd>{totals.participants}</dd>
        </div>
        <div className="property">
          <dt>{t('activities.totalHours')}</dt>
          <dd>{t('activities.hours', { hours: hoursText(totals.durationMinutes, language) })}</dd>
        </div>
      </dl>
      {totals.byTheme.length > 0 && (
        <TableScroll label={t('activities.byTheme')}>
          <table>
            <caption>{t('activities.byTheme')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('activities.colTheme')}</th>
                <th scope="col" className="numeric">
                  {t('activities.colActivities')}
                </th>
                <th scope="col" className="numeric">
                  {t('activities.colParticipants')}
                </th>
              </tr>
            </thead>
            <tbody>
              {totals.byTheme.map((row) => (
                <tr key={row.theme}>
                  <th scope="row">{t(`activities.themeNames.${row.theme}`)}</th>
                  <td className="numeric">{row.activities}</td>
                  <td className="numeric">{row.participants}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {totals.byAgeBand.some((row) => row.count > 0) && (
        <TableScroll label={t('activities.byAgeBand')}>
          <table>
            <caption>{t('activities.byAgeBand')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('activities.colBand')}</th>
                <th scope="col" className="numeric">
                  {t('activities.colParticipants')}
                </th>
              </tr>
            </thead>
            <tbody>
              {totals.byAgeBand.map((row) => (
                <tr key={row.band}>
                  <th scope="row">{t(`activities.bands.${row.band}`)}</th>
                  <td className="numeric">{row.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

export default function Activities() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const me = useMe();
  const { params, update } = useAddressSearch();
  const themeParam = params.get('theme');
  const placeParam = params.get('lieu');
  const theme = isTheme(themeParam) ? themeParam : undefined;
  const placeType = isPlaceType(placeParam) ? placeParam : undefined;
  const [notice, setNotice] = useState('');
  const noticeRef = useRef<HTMLDivElement>(null);
  const query: ActivityQuery = {
    ...(theme ? { theme } : {}),
    ...(placeType ? { placeType } : {}),
    limit: PAGE_SIZE,
  };
  const first = useLoad((signal) => trainingApi.activities(query, signal), [theme, placeType]);
  const list = usePagedList(first.data, (cursor) => trainingApi.activities({ ...query, cursor }));
  const filtered = Boolean(theme || placeType);

  return (
    <Page help="animer-un-atelier" title={t('activities.title')}>
      <p className="help">{t('activities.intro')}</p>
      <div ref={noticeRef} tabIndex={-1} className="notice-anchor">
        <SuccessNotice>{notice}</SuccessNotice>
      </div>
      {canRunTraining(me) && (
        <ActivityForm
          onSaved={(message) => {
            setNotice(message);
            first.reload();
            window.setTimeout(() => noticeRef.current?.focus(), 0);
          }}
        />
      )}
      <div className="card filters">
        <div className="field">
          <label htmlFor="activities-theme">{t('activities.themeFilter')}</label>
          <select
            id="activities-theme"
            value={theme ?? ''}
            onChange={(event) => update({ theme: event.target.value || undefined })}
          >
            <option value="">{t('activities.allThemes')}</option>
            {ACTIVITY_THEMES.map((x) => (
              <option key={x} value={x}>
                {t(`activities.themeNames.${x}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="activities-place">{t('activities.placeFilter')}</label>
          <select
            id="activities-place"
            value={placeType ?? ''}
            onChange={(event) => update({ lieu: event.target.value || undefined })}
          >
            <option value="">{t('activities.allPlaces')}</option>
            {ACTIVITY_PLACE_TYPES.map((x) => (
              <option key={x} value={x}>
                {t(`activities.placeTypes.${x}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ErrorAlert error={first.error} onRetry={first.reload} />
      {first.loading && list.items.length === 0 && <Loading />}
      {first.data && <Totals totals={first.data.totals} />}
      <section className="card" aria-labelledby="activity-list-title">
        <h2 id="activity-list-title">{t('activities.listTitle')}</h2>
        <p className="results-count" role="status">
          {first.data ? t('activities.results', { count: list.items.length }) : ''}
        </p>
        {first.data && !first.loading && list.items.length === 0 && (
          <EmptyState
            filtered={filtered}
            onClear={() => update({ theme: undefined, lieu: undefined })}
            message={filtered ? t('activities.emptyFiltered') : t('activities.empty')}
          />
        )}
        {list.items.length > 0 && (
          <TableScroll label={t('activities.caption')}>
            <table>
              <caption className="visually-hidden">{t('activities.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('activities.colDay')}</th>
                  <th scope="col">{t('activities.colWhat')}</th>
                  <th scope="col" className="numeric">
                    {t('activities.colParticipants')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('activities.colDuration')}
                  </th>
                  <th scope="col">{t('activities.colThemes')}</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((activity) => (
                  <tr key={activity.id}>
                    <th scope="row" className="nowrap">
                      {formatDay(activity.heldOn, language)}
                    </th>
                    <td>
                      {activity.title ?? t(`activities.placeTypes.${activity.placeType}`)}
                      {activity.title && (
                        <>
                          <br />
                          <span className="small muted">
                            {t(`activities.placeTypes.${activity.placeType}`)}
                          </span>
                        </>
                      )}
                    </td>
                    <td className="numeric">{activity.participants}</td>
                    <td className="numeric">
                      {t('activities.minutes', { count: activity.durationMinutes })}
                    </td>
                    <td>
                      {activity.themes.length === 0
                        ? t('common.none')
                        : activity.themes.map((x) => t(`activities.themeNames.${x}`)).join(', ')}
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
