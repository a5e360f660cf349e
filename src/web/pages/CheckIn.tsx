/**
 * The check-in page of a session (`/ateliers/seances/:id/presences`), made for a tablet: one large toggle
 * per enrolled person (pressed = present), « Tous présents », and « Enregistrer les présences »
 * (`PUT /sessions/{id}/attendance`: everyone not ticked is recorded absent). Leaving with unsaved ticks
 * asks first. Unsaved ticks are also kept on the device (localStorage) and taken up again when the page
 * opens; a save that fails for want of a connection is sent again as soon as the browser is back online.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../api.ts';
import { SessionCheques } from '../components/cheques/SessionCheques.tsx';
import { sessionTimeText } from '../components/training/common.tsx';
import { ErrorAlert, Loading, Page, SuccessNotice, useAnnounce, useLoad } from '../components/ui.tsx';
import { type SessionDetail, trainingApi } from '../trainingApi.ts';

const draftKey = (sessionId: string) => `seconde-vie.checkin.${sessionId}`;

/** The ticks not yet saved for a session on this device, if any. */
function readDraft(sessionId: string): string[] | null {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(draftKey(sessionId)) ?? 'null');
    return Array.isArray(value) && value.every((x) => typeof x === 'string') ? value : null;
  } catch {
    return null;
  }
}

function writeDraft(sessionId: string, ids: string[] | null): void {
  try {
    if (ids) localStorage.setItem(draftKey(sessionId), JSON.stringify(ids));
    else localStorage.removeItem(draftKey(sessionId));
  } catch {
    // Storage refused (private browsing): the ticks stay on the page only.
  }
}

function presentOf(session: SessionDetail): Set<string> {
  return new Set(session.attendance.filter((a) => a.present === true).map((a) => a.beneficiaryId));
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

export default function CheckIn() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const loaded = useLoad((signal) => trainingApi.session(id, signal), [id]);
  const session = loaded.data?.id === id ? loaded.data : undefined;
  const [saved, setSaved] = useState<Set<string>>(() => new Set());
  const [present, setPresent] = useState<Set<string>>(() => new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [restored, setRestored] = useState(false);
  const [offline, setOffline] = useState(false);
  const noticeRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!session) return;
    const initial = presentOf(session);
    setSaved(initial);
    const enrolled = new Set(
      session.attendance.filter((a) => a.enrolmentStatus === 'enrolled').map((a) => a.beneficiaryId),
    );
    const draft = readDraft(session.id)?.filter((id) => enrolled.has(id));
    if (draft && !sameSet(new Set(draft), initial)) {
      setPresent(new Set(draft));
      setRestored(true);
    } else {
      setPresent(initial);
    }
  }, [session]);

  const people = useMemo(
    () => (session?.attendance ?? []).filter((a) => a.enrolmentStatus === 'enrolled'),
    [session],
  );
  const dirty =
    !sameSet(saved, present) || (session !== undefined && !session.attendanceTaken && people.length > 0);
  const changed = !sameSet(saved, present);

  // Unsaved ticks are kept on the device until they are saved.
  useEffect(() => {
    if (!session) return;
    writeDraft(session.id, changed ? [...present] : null);
  }, [session, changed, present]);

  // Closing the tab or reloading with unsaved ticks: the browser asks first.
  useEffect(() => {
    if (!changed) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [changed]);

  function toggle(beneficiaryId: string) {
    setNotice('');
    setPresent((previous) => {
      const next = new Set(previous);
      if (next.has(beneficiaryId)) next.delete(beneficiaryId);
      else next.add(beneficiaryId);
      return next;
    });
  }

  async function save() {
    if (!session || busy) return;
    setBusy(true);
    setError(null);
    try {
      const ids = people.filter((p) => present.has(p.beneficiaryId)).map((p) => p.beneficiaryId);
      const updated = await trainingApi.recordAttendance(session.id, ids);
      writeDraft(session.id, null);
      setOffline(false);
      setRestored(false);
      loaded.setData(updated);
      const message = t('checkIn.saved', { count: ids.length, total: people.length });
      setNotice(message);
      window.setTimeout(() => noticeRef.current?.focus(), 0);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'NETWORK') setOffline(true);
      else setError(err);
    } finally {
      setBusy(false);
    }
  }

  // Back online after a save that could not be sent: send it again.
  const saveRef = useRef(save);
  saveRef.current = save;
  useEffect(() => {
    if (!offline) return;
    const retry = () => void saveRef.current();
    window.addEventListener('online', retry);
    return () => window.removeEventListener('online', retry);
  }, [offline]);

  const workshopPath = session ? `/ateliers/${session.workshop.id}` : '/ateliers';
  const title = session ? t('checkIn.title', { title: session.workshop.title }) : t('checkIn.titleShort');

  return (
    <Page help="animer-un-atelier" title={title} className="page-checkin">
      <p className="breadcrumbs">
        <Link
          to={workshopPath}
          onClick={(event) => {
            if (changed && !window.confirm(t('checkIn.leaveConfirm'))) event.preventDefault();
          }}
        >
          {t('checkIn.back')}
        </Link>
      </p>
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      {loaded.loading && !session && <Loading />}
      {session && (
        <>
          <p className="lead">
            {sessionTimeText(session, i18n.language)}
            {(session.place ?? session.workshop.place) && ` · ${session.place ?? session.workshop.place}`}
          </p>
          <div ref={noticeRef} tabIndex={-1} className="notice-anchor">
            <SuccessNotice>{notice}</SuccessNotice>
          </div>
          {session.cancelledAt ? (
            <p className="alert alert-info">{t('checkIn.cancelled')}</p>
          ) : people.length === 0 ? (
            <div className="empty">
              <p>{t('checkIn.empty')}</p>
              <p>
                <Link to={workshopPath}>{t('checkIn.emptyLink')}</Link>
              </p>
            </div>
          ) : (
            <>
              <p className="help">{t('checkIn.intro')}</p>
              <div className="checkin-tools">
                <button
                  type="button"
                  className="button button-secondary checkin-all"
                  onClick={() => {
                    setNotice('');
                    setPresent(new Set(people.map((p) => p.beneficiaryId)));
                    announce(t('checkIn.allMarked', { count: people.length }));
                  }}
                >
                  {t('checkIn.all')}
                </button>
                <p className="checkin-count" aria-live="polite">
                  {t('checkIn.count', {
                    count: people.filter((p) => present.has(p.beneficiaryId)).length,
                    total: people.length,
                  })}
                </p>
              </div>
              <ul className="checkin-list" aria-label={t('checkIn.listLabel')}>
                {people.map((person) => {
                  const here = present.has(person.beneficiaryId);
                  return (
                    <li key={person.beneficiaryId}>
                      <button
                        type="button"
                        className={here ? 'checkin-toggle checkin-present' : 'checkin-toggle'}
                        aria-pressed={here}
                        onClick={() => toggle(person.beneficiaryId)}
                      >
                        <span className="checkin-mark" aria-hidden="true">
                          {here ? '✓' : ''}
                        </span>
                        <span className="checkin-name">{person.name ?? t('checkIn.unnamed')}</span>
                        <span className="checkin-state">
                          {here ? t('checkIn.present') : t('checkIn.absent')}
                        </span>
                      </button>
                    </li>
                  );
                })}
              </ul>
              <ErrorAlert error={error} />
              {offline && (
                <p className="alert alert-warning" role="alert">
                  {t('checkIn.offline')}
                </p>
              )}
              {restored && changed && !offline && <p className="alert alert-info">{t('checkIn.restored')}</p>}
              {dirty && !offline && (
                <p className="alert alert-warning" role="status">
                  {session.attendanceTaken ? t('checkIn.unsaved') : t('checkIn.notYetSaved')}
                </p>
              )}
              <div className="actions checkin-actions">
                <button
                  type="button"
                  className="button button-primary checkin-save"
                  aria-disabled={busy}
                  onClick={() => void save()}
                >
                  {busy ? t('common.saving') : t('checkIn.save')}
                </button>
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() => {
                    if (changed && !window.confirm(t('checkIn.leaveConfirm'))) return;
                    navigate(workshopPath);
                  }}
                >
                  {t('checkIn.done')}
                </button>
              </div>
            </>
          )}
          {!session.cancelledAt && (
            <SessionCheques
              sessionId={session.id}
              organisationId={session.workshop.organisationId}
              people={people.filter((p) => !session.attendanceTaken || saved.has(p.beneficiaryId))}
            />
          )}
        </>
      )}
    </Page>
  );
}
