/**
 * A workshop's sessions: the list in time order (attendance taken or not, moves, cancellations), the
 * sign-in sheet of each, « Présences » (the check-in page), « Déplacer » and « Annuler » (the enrolled
 * people with an e-mail address are told), « Ajouter une séance », and « Planifier des séances »
 * (`Recurrence.tsx`).
 */
import { type FormEvent, useId, useState } from 'react';
import { Button, Dialog, DialogTrigger, Form, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Session, trainingApi, trainingDocuments, type WorkshopDetail } from '../../trainingApi.ts';
import { Field, SubmitButton, useServerFieldErrors } from '../forms.tsx';
import { todayDay } from '../inventory.tsx';
import { ErrorAlert, TableScroll } from '../ui.tsx';
import { canTakeAttendance, instantOf, localDay, localTime, sessionTimeText } from './common.tsx';
import { ReasonButton } from './dialogs.tsx';
import { RecurrenceButton } from './Recurrence.tsx';

/** Day, start and end of a session (also its place), for adding or moving one. */
function SessionForm({
  session,
  close,
  onSaved,
  workshop,
}: {
  session?: Session;
  close: () => void;
  onSaved: (message: string) => void;
  workshop: WorkshopDetail;
}) {
  const { t, i18n } = useTranslation();
  const ids = useId();
  const [day, setDay] = useState(session ? localDay(session.startsAt) : todayDay());
  const [start, setStart] = useState(session ? localTime(session.startsAt) : '09:00');
  const [end, setEnd] = useState(session ? localTime(session.endsAt) : '12:00');
  const [place, setPlace] = useState(session?.place ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const serverErrors = useServerFieldErrors(error);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const startsAt = instantOf(day, start);
    const endsAt = instantOf(day, end);
    if (!startsAt || !endsAt) return;
    setBusy(true);
    setError(null);
    try {
      if (session) {
        const moved = await trainingApi.moveSession(session.id, {
          startsAt,
          endsAt,
          place: place.trim() || null,
        });
        onSaved(t('sessions.moved', { count: moved.notified }));
      } else {
        await trainingApi.addSession(workshop.id, { startsAt, endsAt, place: place.trim() || null });
        onSaved(t('sessions.added', { when: sessionTimeText({ startsAt, endsAt }, i18n.language) }));
      }
      setBusy(false);
      close();
    } catch (err) {
      setBusy(false);
      setError(err);
    }
  }

  return (
    <Form className="form" onSubmit={submit} validationErrors={serverErrors} aria-busy={busy}>
      <Heading slot="title" className="dialog-title">
        {session
          ? t('sessions.moveTitle', { when: sessionTimeText(session, i18n.language) })
          : t('sessions.addTitle', { title: workshop.title })}
      </Heading>
      {session && <p className="alert alert-info">{t('sessions.notifyNote')}</p>}
      <Field
        id={`${ids}-day`}
        name="startsAt"
        type="date"
        label={t('sessions.day')}
        isRequired
        value={day}
        onChange={setDay}
        validate={(value) => (value ? null : t('validation.required'))}
      />
      <div className="field-row">
        <Field
          id={`${ids}-start`}
          name="startTime"
          type="time"
          label={t('sessions.start')}
          isRequired
          value={start}
          onChange={setStart}
          validate={(value) => (value ? null : t('validation.required'))}
        />
        <Field
          id={`${ids}-end`}
          name="endsAt"
          type="time"
          label={t('sessions.end')}
          isRequired
          value={end}
          onChange={setEnd}
          validate={(value) =>
            !value ? t('validation.required') : value <= start ? t('sessions.endBeforeStart') : null
          }
        />
      </div>
      <Field
        id={`${ids}-place`}
        name="place"
        label={t('sessions.place')}
        description={t('sessions.placeHelp')}
        optional
        value={place}
        onChange={setPlace}
        maxLength={300}
      />
      <ErrorAlert error={error} />
      <div className="dialog-actions">
        <Button className="button button-secondary" onPress={close} isDisabled={busy}>
          {t('common.cancel')}
        </Button>
        <SubmitButton busy={busy}>
          {session ? t('sessions.moveConfirm') : t('sessions.addConfirm')}
        </SubmitButton>
      </div>
    </Form>
  );
}

function SessionDialogButton({
  label,
  ariaLabel,
  small,
  ...props
}: {
  label: string;
  ariaLabel?: string;
  small?: boolean;
  session?: Session;
  workshop: WorkshopDetail;
  onSaved: (message: string) => void;
}) {
  return (
    <DialogTrigger>
      <Button
        className={small ? 'button button-small button-secondary' : 'button button-secondary'}
        aria-label={ariaLabel}
      >
        {label}
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">{({ close }) => <SessionForm {...props} close={close} />}</Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

/** The sessions card of a workshop's page. */
export function SessionsPanel({
  workshop,
  onChanged,
}: {
  workshop: WorkshopDetail;
  onChanged: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const today = todayDay();
  const manage = workshop.can.manage;
  // Attendance may still be corrected once the workshop is finished, not once it is cancelled.
  const takesAttendance = workshop.can.assess && !workshop.cancelledAt;
  const sessions = workshop.sessions;
  return (
    <section className="card" aria-labelledby="sessions-title">
      <div className="card-heading">
        <h2 id="sessions-title">{t('sessions.title')}</h2>
        {manage && (
          <div className="row-actions">
            <RecurrenceButton workshop={workshop} onSaved={onChanged} />
            <SessionDialogButton label={t('sessions.add')} workshop={workshop} onSaved={onChanged} />
          </div>
        )}
      </div>
      <p className="help">{t('sessions.intro', { percent: workshop.completionThresholdPercent })}</p>
      <p className="small">
        <a
          href={trainingDocuments.calendarIcs({ workshopId: workshop.id, includeCancelled: true })}
          type="text/calendar"
        >
          {t('sessions.ics')}
        </a>
      </p>
      {sessions.length === 0 ? (
        <p className="empty">{manage ? t('sessions.emptyManage') : t('sessions.empty')}</p>
      ) : (
        <TableScroll label={t('sessions.caption')}>
          <table>
            <caption className="visually-hidden">{t('sessions.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sessions.colWhen')}</th>
                <th scope="col">{t('sessions.colPlace')}</th>
                <th scope="col">{t('sessions.colAttendance')}</th>
                <th scope="col">{t('sessions.colActions')}</th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((session) => {
                const when = sessionTimeText(session, language);
                return (
                  <tr key={session.id}>
                    <th scope="row">
                      {session.cancelledAt ? <s>{when}</s> : when}
                      {session.moves.length > 0 && (
                        <>
                          <br />
                          <span className="small muted">
                            {t('sessions.movedFrom', {
                              when: sessionTimeText(
                                session.moves[session.moves.length - 1] ?? session,
                                language,
                              ),
                            })}
                          </span>
                        </>
                      )}
                    </th>
                    <td>{session.place ?? workshop.place ?? t('common.none')}</td>
                    <td>
                      {session.cancelledAt ? (
                        <span className="status status-off">
                          {t('sessions.cancelled', { reason: session.cancelReason ?? '' })}
                        </span>
                      ) : session.attendanceTaken ? (
                        t('sessions.present', { count: session.presentCount })
                      ) : (
                        <span className="muted">{t('sessions.notTaken')}</span>
                      )}
                    </td>
                    <td>
                      {!session.cancelledAt && (
                        <div className="row-actions">
                          {takesAttendance && canTakeAttendance(session, today) && (
                            <Link
                              to={`/ateliers/seances/${session.id}/presences`}
                              className="button button-small button-primary"
                              aria-label={t('sessions.checkInOf', { when })}
                            >
                              {t('sessions.checkIn')}
                            </Link>
                          )}
                          <a
                            className="button button-small button-secondary"
                            href={trainingDocuments.signInSheetPdf(session.id)}
                            type="application/pdf"
                            aria-label={t('sessions.sheetOf', { when })}
                          >
                            {t('sessions.sheet')}
                          </a>
                          {manage && (
                            <SessionDialogButton
                              small
                              label={t('sessions.move')}
                              ariaLabel={t('sessions.moveOf', { when })}
                              session={session}
                              workshop={workshop}
                              onSaved={onChanged}
                            />
                          )}
                          {manage && (
                            <ReasonButton
                              label={t('sessions.cancel')}
                              ariaLabel={t('sessions.cancelOf', { when })}
                              title={t('sessions.cancelTitle', { when })}
                              message={<p>{t('sessions.notifyNote')}</p>}
                              reasonLabel={t('sessions.cancelReason')}
                              keepLabel={t('sessions.keep')}
                              confirmLabel={t('sessions.cancelConfirm')}
                              onConfirm={async (reason) => {
                                const result = await trainingApi.cancelSession(session.id, reason);
                                onChanged(t('sessions.cancelledDone', { when, count: result.notified }));
                              }}
                            />
                          )}
                        </div>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
