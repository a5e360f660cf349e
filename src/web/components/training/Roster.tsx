/**
 * A workshop's people: « Inscrire une personne » (a search among the people referred to the workshop's
 * programme, or else the organisation's own people), the enrolled with their attendance and
 * completion, the waiting list in order, and those who withdrew. A withdrawal is confirmed first and says
 * who takes the freed place.
 */
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { REFERRAL_STATUSES, type ReferralStatus } from '../../peopleApi.ts';
import { canSeePeople, useMe } from '../../session.tsx';
import { type RosterEntry, trainingApi, type WorkshopDetail } from '../../trainingApi.ts';
import { ConfirmButton } from '../forms.tsx';
import { formatDay } from '../inventory.tsx';
import { beneficiaryName, positionText, ReferralStatusBadge } from '../people.tsx';
import { ErrorAlert, Loading, TableScroll, useLoad } from '../ui.tsx';
import { AssessButton } from './Assessment.tsx';

function isReferralStatus(value: string | null): value is ReferralStatus {
  return (REFERRAL_STATUSES as readonly (string | null)[]).includes(value);
}

function personName(entry: Pick<RosterEntry, 'name'>): string {
  return entry.name ?? beneficiaryName(null);
}

/**
 * The enrol form: search by name among the people one may enrol (for a programme's workshop, those
 * referred to it; otherwise the organisation's own people), pick one in the list, then « Inscrire ».
 */
function EnrolForm({
  workshop,
  taken,
  onEnrolled,
}: {
  workshop: WorkshopDetail;
  taken: Set<string>;
  onEnrolled: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const ids = useId();
  const [q, setQ] = useState('');
  const [searched, setSearched] = useState('');
  const [chosen, setChosen] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const programmeId = workshop.programmeId;
  const candidates = useLoad(
    (signal) =>
      trainingApi.candidates(workshop.id, { ...(searched ? { q: searched } : {}), limit: 30 }, signal),
    [workshop.id, searched],
  );
  const options = (candidates.data?.items ?? [])
    .filter((c) => !c.enrolled && !taken.has(c.beneficiaryId))
    .map((c) => ({ id: c.beneficiaryId, name: c.name ?? beneficiaryName(null) }));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const person = options.find((c) => c.id === chosen);
    if (!person) {
      setMissing(true);
      document.getElementById(`${ids}-people`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const enrolment = await trainingApi.enrol(workshop.id, person.id);
      setChosen('');
      onEnrolled(
        enrolment.status === 'waiting'
          ? t('roster.enrolledWaiting', {
              name: person.name,
              rank: positionText(enrolment.waitingPosition ?? 1, undefined, i18n.language),
            })
          : t('roster.enrolledDone', { name: person.name }),
      );
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="subsection form" onSubmit={submit} noValidate aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>{t('roster.enrolTitle')}</h3>
      <p className="help">{programmeId ? t('roster.enrolHelpProgramme') : t('roster.enrolHelpSearch')}</p>
      <div className="field">
        <label htmlFor={`${ids}-q`}>{t('roster.searchPerson')}</label>
        <div className="input-with-button">
          <input
            id={`${ids}-q`}
            type="search"
            value={q}
            autoComplete="off"
            onChange={(event) => setQ(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                setSearched(q.trim());
              }
            }}
          />
          <button type="button" className="button button-secondary" onClick={() => setSearched(q.trim())}>
            {t('roster.searchButton')}
          </button>
        </div>
      </div>
      <ErrorAlert error={candidates.error} onRetry={candidates.reload} />
      {candidates.loading && <Loading />}
      <div aria-live="polite">
        {candidates.data && !candidates.loading && options.length === 0 && (
          <p className="empty">
            {programmeId && !searched ? t('roster.noCandidates') : t('roster.noResults')}
          </p>
        )}
      </div>
      {options.length > 0 && (
        <fieldset
          className="fieldset"
          id={`${ids}-people`}
          tabIndex={-1}
          aria-invalid={missing ? true : undefined}
          {...(missing ? { 'aria-describedby': `${ids}-people-error` } : {})}
        >
          <legend>
            {t('roster.person')}
            <span className="field-flag"> ({t('common.required')})</span>
          </legend>
          {options.map((c) => (
            <div key={c.id} className="radio-line">
              <input
                type="radio"
                id={`${ids}-person-${c.id}`}
                name={`${ids}-person`}
                value={c.id}
                checked={chosen === c.id}
                onChange={() => {
                  setChosen(c.id);
                  setMissing(false);
                }}
              />
              <label htmlFor={`${ids}-person-${c.id}`}>{c.name}</label>
            </div>
          ))}
          {missing && (
            <p className="field-error" id={`${ids}-people-error`}>
              {t('roster.chooseMissing')}
            </p>
          )}
        </fieldset>
      )}
      <ErrorAlert error={error} />
      {options.length > 0 && (
        <div className="actions">
          <button type="submit" className="button button-primary" aria-disabled={busy}>
            {busy ? t('common.saving') : t('roster.enrol')}
          </button>
        </div>
      )}
    </form>
  );
}

export function RosterPanel({
  workshop,
  version,
  onChanged,
}: {
  workshop: WorkshopDetail;
  version: number;
  onChanged: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const me = useMe();
  const roster = useLoad((signal) => trainingApi.roster(workshop.id, signal), [workshop.id, version]);
  const items = roster.data?.items ?? [];
  const enrolled = items.filter((e) => e.status === 'enrolled');
  const waiting = items
    .filter((e) => e.status === 'waiting')
    .sort((a, b) => (a.waitingPosition ?? 0) - (b.waitingPosition ?? 0));
  const withdrawn = items.filter((e) => e.status === 'withdrawn');
  const taken = new Set(items.filter((e) => e.status !== 'withdrawn').map((e) => e.beneficiaryId));
  const links = canSeePeople(me);
  const completedCount = enrolled.filter((e) => e.completed).length;

  async function withdraw(entry: RosterEntry) {
    const next = entry.status === 'enrolled' ? waiting[0] : undefined;
    await trainingApi.withdraw(entry.id);
    let message = t('roster.withdrawn', { name: personName(entry) });
    if (next) {
      const after = await trainingApi.roster(workshop.id);
      const promoted = after.items.find((e) => e.id === next.id && e.status === 'enrolled');
      if (promoted) message = `${message} ${t('roster.promoted', { name: personName(promoted) })}`;
    }
    onChanged(message);
  }

  function nameCell(entry: RosterEntry) {
    return links ? (
      <Link to={`/beneficiaires/${entry.beneficiaryId}`}>{personName(entry)}</Link>
    ) : (
      personName(entry)
    );
  }

  function withdrawButton(entry: RosterEntry) {
    const name = personName(entry);
    return (
      <ConfirmButton
        label={t('roster.withdraw')}
        ariaLabel={t('roster.withdrawOf', { name })}
        title={t('roster.withdrawTitle', { name })}
        message={
          <p>
            {entry.status === 'enrolled' && waiting[0]
              ? t('roster.withdrawNext', { name, next: personName(waiting[0]) })
              : t('roster.withdrawText', { name })}
          </p>
        }
        confirmLabel={t('roster.withdrawConfirm')}
        onConfirm={() => withdraw(entry)}
      />
    );
  }

  return (
    <section className="card" aria-labelledby="roster-title" aria-busy={roster.loading}>
      <h2 id="roster-title">{t('roster.title')}</h2>
      <p className="help">
        {workshop.capacity === null
          ? t('roster.introOpen', { count: enrolled.length })
          : t('roster.introCapacity', { count: enrolled.length, capacity: workshop.capacity })}{' '}
        {enrolled.length > 0 && t('roster.completedCount', { count: completedCount })}
      </p>
      <ErrorAlert error={roster.error} onRetry={roster.reload} />
      {roster.loading && !roster.data && <Loading />}
      {roster.data && enrolled.length === 0 && (
        <p className="empty">{workshop.can.enrol ? t('roster.emptyEnrol') : t('roster.empty')}</p>
      )}
      {enrolled.length > 0 && (
        <TableScroll label={t('roster.caption')}>
          <table>
            <caption className="visually-hidden">{t('roster.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('roster.colName')}</th>
                <th scope="col">{t('roster.colAttendance')}</th>
                <th scope="col">{t('roster.colCompletion')}</th>
                <th scope="col">{t('roster.colReferral')}</th>
                <th scope="col">{t('roster.colActions')}</th>
              </tr>
            </thead>
            <tbody>
              {enrolled.map((entry) => (
                <tr key={entry.id}>
                  <th scope="row">{nameCell(entry)}</th>
                  <td>{t('roster.attended', { count: entry.attended, sessions: entry.sessions })}</td>
                  <td>
                    {entry.completed ? (
                      <span className="status status-ok">{t('roster.completed')}</span>
                    ) : (
                      <span className="status status-pending">{t('roster.inProgress')}</span>
                    )}
                  </td>
                  <td>
                    {isReferralStatus(entry.referralStatus) ? (
                      <ReferralStatusBadge status={entry.referralStatus} />
                    ) : (
                      t('common.none')
                    )}
                  </td>
                  <td>
                    <div className="row-actions">
                      {workshop.can.assess && (
                        <AssessButton
                          person={{
                            beneficiaryId: entry.beneficiaryId,
                            name: personName(entry),
                            programmeId: workshop.programmeId,
                            organisationId: workshop.organisationId,
                          }}
                          onSaved={onChanged}
                        />
                      )}
                      {workshop.can.enrol && withdrawButton(entry)}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {waiting.length > 0 && (
        <div className="subsection">
          <h3>{t('roster.waitingTitle', { count: waiting.length })}</h3>
          <p className="help">{t('roster.waitingIntro')}</p>
          <ol className="row-list">
            {waiting.map((entry) => (
              <li key={entry.id} className="row-list-item">
                <span>
                  <strong>{positionText(entry.waitingPosition ?? 0, waiting.length, language)}</strong> ·{' '}
                  {nameCell(entry)}
                  {entry.waitingSince && (
                    <span className="small muted">
                      {' '}
                      ·{' '}
                      {t('roster.waitingSince', {
                        date: formatDay(entry.waitingSince.slice(0, 10), language),
                      })}
                    </span>
                  )}
                </span>
                {workshop.can.enrol && withdrawButton(entry)}
              </li>
            ))}
          </ol>
        </div>
      )}
      {withdrawn.length > 0 && (
        <details className="subsection">
          <summary>{t('roster.withdrawnTitle', { count: withdrawn.length })}</summary>
          <ul className="plain-list">
            {withdrawn.map((entry) => (
              <li key={entry.id}>
                {personName(entry)}
                {entry.withdrawnOn && (
                  <span className="small muted">
                    {' '}
                    · {t('roster.withdrawnOn', { date: formatDay(entry.withdrawnOn, language) })}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
      {workshop.can.enrol && <EnrolForm workshop={workshop} taken={taken} onEnrolled={onChanged} />}
    </section>
  );
}
