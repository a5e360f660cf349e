/**
 * « Noter une activité »: an anonymous activity (digital café, outreach) — day, kind of place, title,
 * number of people, duration, counts by age band, themes, postcode and a note. No person field at all.
 */
import { type FormEvent, useId, useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { NAME_MAX_LENGTH } from '../../../lib/limits.ts';
import { trainingOrganisations, useMe, useSession } from '../../session.tsx';
import {
  ACTIVITY_AGE_BANDS,
  ACTIVITY_PLACE_TYPES,
  ACTIVITY_THEMES,
  type ActivityAgeBand,
  type ActivityPlaceType,
  type ActivityTheme,
  trainingApi,
} from '../../trainingApi.ts';
import {
  ErrorSummary,
  Field,
  SelectField,
  SubmitButton,
  type SummaryField,
  TextAreaField,
  useServerPathErrors,
} from '../forms.tsx';
import { todayDay } from '../inventory.tsx';
import { parseWhole } from './common.tsx';

export function isPlaceType(value: string | null): value is ActivityPlaceType {
  return (ACTIVITY_PLACE_TYPES as readonly (string | null)[]).includes(value);
}

export function ActivityForm({ onSaved }: { onSaved: (message: string) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const { currentOrganisationId } = useSession();
  const ids = useId();
  const organisations = trainingOrganisations(me);
  const organisationId =
    organisations.find((o) => o.id === currentOrganisationId)?.id ?? organisations[0]?.id;
  const [heldOn, setHeldOn] = useState(todayDay());
  const [title, setTitle] = useState('');
  const [duration, setDuration] = useState('120');
  const [participants, setParticipants] = useState('');
  const [bands, setBands] = useState<Partial<Record<ActivityAgeBand, string>>>({});
  const [themes, setThemes] = useState<ActivityTheme[]>([]);
  const [placeType, setPlaceType] = useState<ActivityPlaceType>('venue');
  const [postcode, setPostcode] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [formKey, setFormKey] = useState(0);
  const serverErrors = useServerPathErrors(error);

  const fields: Record<string, SummaryField> = {
    heldOn: { id: `${ids}-day`, label: t('activities.day') },
    title: { id: `${ids}-title`, label: t('activities.titleField') },
    durationMinutes: { id: `${ids}-duration`, label: t('activities.duration') },
    participants: { id: `${ids}-participants`, label: t('activities.participants') },
    ageBands: { id: `${ids}-band-${ACTIVITY_AGE_BANDS[0]}`, label: t('activities.ageBands') },
    themes: { id: `${ids}-theme-${ACTIVITY_THEMES[0]}`, label: t('activities.themes') },
    placeType: { id: `${ids}-place`, label: t('activities.placeType') },
    postcode: { id: `${ids}-postcode`, label: t('activities.postcode') },
    note: { id: `${ids}-note`, label: t('activities.note') },
  };
  const bandTotal = ACTIVITY_AGE_BANDS.reduce((sum, band) => {
    const n = parseWhole(bands[band] ?? '');
    return sum + (n === undefined || Number.isNaN(n) ? 0 : n);
  }, 0);
  const participantCount = parseWhole(participants);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const minutes = parseWhole(duration);
    if (
      minutes === undefined ||
      Number.isNaN(minutes) ||
      participantCount === undefined ||
      Number.isNaN(participantCount)
    ) {
      return;
    }
    const ageBands: Partial<Record<ActivityAgeBand, number>> = {};
    for (const band of ACTIVITY_AGE_BANDS) {
      const n = parseWhole(bands[band] ?? '');
      if (n !== undefined && !Number.isNaN(n) && n > 0) ageBands[band] = n;
    }
    setBusy(true);
    setError(null);
    try {
      await trainingApi.recordActivity({
        ...(organisationId ? { organisationId } : {}),
        heldOn,
        title: title.trim() || null,
        durationMinutes: minutes,
        participants: participantCount,
        ageBands,
        themes,
        placeType,
        postcode: postcode.trim() || null,
        note: note.trim() || null,
      });
      setBusy(false);
      setTitle('');
      setParticipants('');
      setBands({});
      setThemes([]);
      setNote('');
      setFormKey((k) => k + 1);
      onSaved(t('activities.saved', { count: participantCount }));
    } catch (err) {
      setBusy(false);
      setError(err);
    }
  }

  return (
    <Form
      key={formKey}
      className="card form"
      onSubmit={submit}
      validationErrors={serverErrors}
      aria-busy={busy}
      aria-labelledby={`${ids}-heading`}
    >
      <h2 id={`${ids}-heading`}>{t('activities.formTitle')}</h2>
      <p className="help">{t('activities.formIntro')}</p>
      <ErrorSummary error={error} fields={fields} />
      <div className="field-row">
        <Field
          id={`${ids}-day`}
          name="heldOn"
          type="date"
          label={t('activities.day')}
          isRequired
          value={heldOn}
          onChange={setHeldOn}
          validate={(value) => (value ? null : t('validation.required'))}
        />
        <SelectField
          id={`${ids}-place`}
          name="placeType"
          label={t('activities.placeType')}
          isRequired
          value={placeType}
          onChange={(value) => {
            if (isPlaceType(value)) setPlaceType(value);
          }}
          options={ACTIVITY_PLACE_TYPES.map((p) => ({ value: p, label: t(`activities.placeTypes.${p}`) }))}
        />
      </div>
      <Field
        id={`${ids}-title`}
        name="title"
        label={t('activities.titleField')}
        description={t('activities.titleHelp')}
        optional
        value={title}
        onChange={setTitle}
        maxLength={NAME_MAX_LENGTH}
      />
      <div className="field-row">
        <Field
          id={`${ids}-participants`}
          name="participants"
          label={t('activities.participants')}
          isRequired
          inputMode="numeric"
          value={participants}
          onChange={setParticipants}
          validate={(value) => {
            const n = parseWhole(value);
            return n !== undefined && !Number.isNaN(n) && n >= 1 ? null : t('activities.participantsInvalid');
          }}
        />
        <Field
          id={`${ids}-duration`}
          name="durationMinutes"
          label={t('activities.duration')}
          description={t('activities.durationHelp')}
          isRequired
          inputMode="numeric"
          value={duration}
          onChange={setDuration}
          validate={(value) => {
            const n = parseWhole(value);
            return n !== undefined && !Number.isNaN(n) && n >= 1 && n <= 1440
              ? null
              : t('activities.durationInvalid');
          }}
        />
      </div>
      <fieldset className="fieldset">
        <legend>
          {t('activities.ageBands')}
          <span className="field-flag"> ({t('common.optional')})</span>
        </legend>
        <p className="help">{t('activities.ageBandsHelp')}</p>
        <div className="field-grid">
          {ACTIVITY_AGE_BANDS.map((band) => (
            <Field
              key={band}
              id={`${ids}-band-${band}`}
              name={`ageBands.${band}`}
              label={t(`activities.bands.${band}`)}
              inputMode="numeric"
              value={bands[band] ?? ''}
              onChange={(value) => setBands((previous) => ({ ...previous, [band]: value }))}
              validate={(value) => {
                const n = parseWhole(value);
                return n === undefined || !Number.isNaN(n) ? null : t('activities.countInvalid');
              }}
            />
          ))}
        </div>
        {participantCount !== undefined &&
          !Number.isNaN(participantCount) &&
          bandTotal > participantCount && (
            <p className="field-error" role="alert">
              {t('activities.bandsTooMany', { count: bandTotal, participants: participantCount })}
            </p>
          )}
      </fieldset>
      <fieldset className="fieldset checkbox-group">
        <legend>
          {t('activities.themes')}
          <span className="field-flag"> ({t('common.optional')})</span>
        </legend>
        <div className="checkbox-grid">
          {ACTIVITY_THEMES.map((theme) => (
            <div key={theme} className="checkbox-line">
              <input
                type="checkbox"
                id={`${ids}-theme-${theme}`}
                checked={themes.includes(theme)}
                onChange={(event) =>
                  setThemes((previous) =>
                    event.target.checked ? [...previous, theme] : previous.filter((x) => x !== theme),
                  )
                }
              />
              <label htmlFor={`${ids}-theme-${theme}`}>{t(`activities.themeNames.${theme}`)}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <Field
        id={`${ids}-postcode`}
        name="postcode"
        label={t('activities.postcode')}
        optional
        inputMode="numeric"
        value={postcode}
        onChange={setPostcode}
        maxLength={5}
        validate={(value) => (!value || /^\d{5}$/.test(value) ? null : t('activities.postcodeInvalid'))}
      />
      <TextAreaField
        id={`${ids}-note`}
        name="note"
        label={t('activities.note')}
        description={t('activities.noteHelp')}
        optional
        value={note}
        onChange={setNote}
        maxLength={1000}
      />
      <div className="actions">
        <SubmitButton busy={busy}>{t('activities.save')}</SubmitButton>
      </div>
    </Form>
  );
}
