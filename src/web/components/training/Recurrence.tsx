/**
 * « Planifier des séances »: a workshop's sessions from a weekly recurrence (weekdays, times, first day,
 * number of weeks) — previewed first (public holidays left out, overlaps named by the server), then
 * confirmed; all are written or none.
 */
import { type FormEvent, useId, useRef, useState } from 'react';
import { Button, Dialog, DialogTrigger, Form, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import {
  type RecurrenceInput,
  type RecurrenceResult,
  trainingApi,
  type WorkshopDetail,
} from '../../trainingApi.ts';
import { Field, SubmitButton, useServerFieldErrors } from '../forms.tsx';
import { todayDay } from '../inventory.tsx';
import { ErrorAlert } from '../ui.tsx';
import { dayText, parseWhole, sessionTimeText } from './common.tsx';

const ISO_WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

function weekdayName(isoDay: number, language: string): string {
  // 2024-01-01 was a Monday.
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'fr-FR', { weekday: 'long' }).format(
    new Date(2024, 0, isoDay),
  );
}

/** The weekly recurrence: the choices, then the preview, then the sessions written. */
function RecurrenceForm({
  workshop,
  close,
  onSaved,
}: {
  workshop: WorkshopDetail;
  close: () => void;
  onSaved: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const ids = useId();
  const [weekdays, setWeekdays] = useState<number[]>([]);
  const [start, setStart] = useState('09:00');
  const [end, setEnd] = useState('12:00');
  const [firstDay, setFirstDay] = useState(todayDay());
  const [weeks, setWeeks] = useState('8');
  const [weekdaysMissing, setWeekdaysMissing] = useState(false);
  const [preview, setPreview] = useState<RecurrenceResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const serverErrors = useServerFieldErrors(error);
  const previewRef = useRef<HTMLDivElement>(null);

  function input(previewOnly: boolean): RecurrenceInput | null {
    const count = parseWhole(weeks);
    if (weekdays.length === 0) {
      setWeekdaysMissing(true);
      document.getElementById(`${ids}-weekday-1`)?.focus();
      return null;
    }
    if (count === undefined || Number.isNaN(count)) return null;
    return {
      weekdays: [...weekdays].sort(),
      startTime: start,
      endTime: end,
      firstDay,
      weeks: count,
      preview: previewOnly,
    };
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const body = input(preview === null);
    if (!body) return;
    setBusy(true);
    setError(null);
    try {
      const result = await trainingApi.recurrence(workshop.id, body);
      setBusy(false);
      if (result.preview) {
        setPreview(result);
        window.setTimeout(() => previewRef.current?.focus(), 0);
      } else {
        close();
        onSaved(t('recurrence.created', { count: result.sessions.length }));
      }
    } catch (err) {
      setBusy(false);
      setError(err);
    }
  }

  return (
    <Form className="form" onSubmit={submit} validationErrors={serverErrors} aria-busy={busy}>
      <Heading slot="title" className="dialog-title">
        {t('recurrence.title', { title: workshop.title })}
      </Heading>
      {preview === null ? (
        <>
          <p className="help">{t('recurrence.intro')}</p>
          <fieldset
            className="fieldset checkbox-group"
            aria-invalid={weekdaysMissing ? true : undefined}
            {...(weekdaysMissing ? { 'aria-describedby': `${ids}-weekdays-error` } : {})}
          >
            <legend>
              {t('recurrence.weekdays')}
              <span className="field-flag"> ({t('common.required')})</span>
            </legend>
            <div className="checkbox-grid">
              {ISO_WEEKDAYS.map((day) => (
                <div key={day} className="checkbox-line">
                  <input
                    type="checkbox"
                    id={`${ids}-weekday-${day}`}
                    checked={weekdays.includes(day)}
                    onChange={(event) => {
                      setWeekdaysMissing(false);
                      setWeekdays((previous) =>
                        event.target.checked ? [...previous, day] : previous.filter((d) => d !== day),
                      );
                    }}
                  />
                  <label htmlFor={`${ids}-weekday-${day}`}>{weekdayName(day, language)}</label>
                </div>
              ))}
            </div>
            {weekdaysMissing && (
              <p className="field-error" id={`${ids}-weekdays-error`}>
                {t('recurrence.weekdaysMissing')}
              </p>
            )}
          </fieldset>
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
              name="endTime"
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
          <div className="field-row">
            <Field
              id={`${ids}-first-day`}
              name="firstDay"
              type="date"
              label={t('recurrence.firstDay')}
              isRequired
              value={firstDay}
              onChange={setFirstDay}
              validate={(value) => (value ? null : t('validation.required'))}
            />
            <Field
              id={`${ids}-weeks`}
              name="weeks"
              label={t('recurrence.weeks')}
              description={t('recurrence.weeksHelp')}
              isRequired
              inputMode="numeric"
              value={weeks}
              onChange={setWeeks}
              validate={(value) => {
                const n = parseWhole(value);
                return n !== undefined && !Number.isNaN(n) && n >= 1 && n <= 52
                  ? null
                  : t('recurrence.weeksInvalid');
              }}
            />
          </div>
        </>
      ) : (
        <div ref={previewRef} tabIndex={-1} className="recurrence-preview">
          <p>
            <strong>{t('recurrence.previewCount', { count: preview.sessions.length })}</strong>
          </p>
          {preview.sessions.length > 0 && (
            <ol className="plain-list recurrence-list">
              {preview.sessions.map((s) => (
                <li key={s.startsAt}>{sessionTimeText(s, language)}</li>
              ))}
            </ol>
          )}
          {preview.skipped.length > 0 && (
            <div className="alert alert-info">
              <p>{t('recurrence.skipped', { count: preview.skipped.length })}</p>
              <ul>
                {preview.skipped.map((s) => (
                  <li key={s.day}>
                    {t('recurrence.skippedDay', {
                      day: dayText(`${s.day}T12:00:00`, language),
                      name: s.name,
                    })}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {preview.conflicts.length > 0 && (
            <div className="alert alert-warning">
              <p>{t('recurrence.conflicts', { count: preview.conflicts.length })}</p>
              <ul>
                {preview.conflicts.map((c) => (
                  <li key={`${c.index}-${c.day}`}>
                    {dayText(`${c.day}T12:00:00`, language)} : {c.message}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
      <ErrorAlert error={error} />
      <div className="dialog-actions">
        {preview ? (
          <button
            type="button"
            className="button button-secondary"
            aria-disabled={busy}
            onClick={() => {
              if (!busy) {
                setPreview(null);
                setError(null);
              }
            }}
          >
            {t('recurrence.change')}
          </button>
        ) : (
          <Button className="button button-secondary" onPress={close} isDisabled={busy}>
            {t('common.cancel')}
          </Button>
        )}
        {preview ? (
          preview.sessions.length > 0 &&
          preview.conflicts.length === 0 && (
            <SubmitButton busy={busy}>
              {t('recurrence.confirm', { count: preview.sessions.length })}
            </SubmitButton>
          )
        ) : (
          <SubmitButton busy={busy}>{t('recurrence.preview')}</SubmitButton>
        )}
      </div>
    </Form>
  );
}

export function RecurrenceButton({
  workshop,
  onSaved,
}: {
  workshop: WorkshopDetail;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <DialogTrigger>
      <Button className="button button-primary">{t('recurrence.open')}</Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal modal-wide">
          <Dialog className="dialog">
            {({ close }) => <RecurrenceForm workshop={workshop} close={close} onSaved={onSaved} />}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
