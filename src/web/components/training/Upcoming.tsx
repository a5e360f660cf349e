/**
 * « Prochaines séances »: the next sessions of the workshops one sees (or trains: « Seulement les miennes »),
 * in time order from today, each linked to its workshop — and to its check-in page on the day itself.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { trainingApi } from '../../trainingApi.ts';
import { todayDay } from '../inventory.tsx';
import { ErrorAlert, Loading, useLoad } from '../ui.tsx';
import { localDay, sessionTimeText } from './common.tsx';

const SHOWN = 8;

export function UpcomingSessions({ runs }: { runs: boolean }) {
  const { t, i18n } = useTranslation();
  const [mine, setMine] = useState(false);
  const today = todayDay();
  const loaded = useLoad(
    (signal) => trainingApi.calendar({ from: today, mine, limit: SHOWN }, signal),
    [today, mine],
  );
  const items = loaded.data?.items ?? [];
  return (
    <section className="card" aria-labelledby="upcoming-title" aria-busy={loaded.loading}>
      <h2 id="upcoming-title">{t('upcoming.title')}</h2>
      {runs && (
        <div className="field field-checkbox">
          <label className="checkbox-line">
            <input type="checkbox" checked={mine} onChange={(event) => setMine(event.target.checked)} />{' '}
            {t('upcoming.mine')}
          </label>
        </div>
      )}
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      {loaded.loading && !loaded.data && <Loading />}
      {loaded.data && items.length === 0 && <p className="empty">{t('upcoming.empty')}</p>}
      {items.length > 0 && (
        <ul className="plain-list">
          {items.map((session) => {
            const when = sessionTimeText(session, i18n.language);
            return (
              <li key={session.id}>
                <strong>{session.cancelledAt ? <s>{when}</s> : when}</strong> —{' '}
                <Link to={`/ateliers/${session.workshopId}`}>{session.workshopTitle}</Link>
                {(session.place ?? session.workshopPlace) && (
                  <span className="muted"> · {session.place ?? session.workshopPlace}</span>
                )}
                {session.cancelledAt && <span className="muted"> · {t('upcoming.cancelled')}</span>}
                {!session.cancelledAt && localDay(session.startsAt) === today && runs && (
                  <>
                    {' · '}
                    <Link to={`/ateliers/seances/${session.id}/presences`}>{t('upcoming.checkIn')}</Link>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
