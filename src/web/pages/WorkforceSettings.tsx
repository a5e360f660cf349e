/**
 * The workforce's settings (`/equipe/reglages`): the skills grid (added, renamed, removed unless levels
 * were recorded on it; keys kept), the highest level, and the standard minutes per production step.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  ErrorSummary,
  Field,
  SubmitButton,
  type SummaryField,
  useServerPathErrors,
} from '../components/forms.tsx';
import { ErrorAlert, Loading, Page, SuccessNotice, useLoad } from '../components/ui.tsx';
import { type Settings, STEPS, type StepMinutes, workforceApi } from '../components/workforce/api.ts';
import { useWorkforceOrganisation } from '../components/workforce/common.tsx';

const whole = (text: string) => (/^\d{1,4}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);

function SettingsEditor({ settings, onSaved }: { settings: Settings; onSaved: (s: Settings) => void }) {
  const { t } = useTranslation();
  const [skills, setSkills] = useState<{ key?: string; label: string; id: number }[]>(
    settings.skills.map((s, i) => ({ key: s.key, label: s.label, id: i })),
  );
  const [nextId, setNextId] = useState(settings.skills.length);
  const [maxLevel, setMaxLevel] = useState(String(settings.maxLevel));
  const [minutes, setMinutes] = useState<Record<keyof StepMinutes, string>>({
    diagnosed: String(settings.stepMinutes.diagnosed),
    wiped: String(settings.stepMinutes.wiped),
    refurbished: String(settings.stepMinutes.refurbished),
    qualityChecked: String(settings.stepMinutes.qualityChecked),
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const serverErrors = useServerPathErrors(error);
  const fields: Record<string, SummaryField> = {
    maxLevel: { id: 'settings-max', label: t('workforce.settings.maxLevel') },
  };
  skills.forEach((s, index) => {
    fields[`skills.${index}.label`] = {
      id: `settings-skill-${s.id}`,
      label: t('workforce.settings.skillLabel', { n: index + 1 }),
    };
  });
  for (const step of STEPS)
    fields[`stepMinutes.${step}`] = { id: `settings-minutes-${step}`, label: t(`workforce.steps.${step}`) };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const level = whole(maxLevel);
    const values = STEPS.map((s) => whole(minutes[s]));
    if (busy || !(level >= 1 && level <= 10) || values.some((v) => !(v >= 0 && v <= 480))) return;
    if (skills.some((s) => !s.label.trim())) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await workforceApi.saveSettings(settings.organisationId, {
        skills: skills.map((s) =>
          s.key ? { key: s.key, label: s.label.trim() } : { label: s.label.trim() },
        ),
        maxLevel: level,
        stepMinutes: {
          diagnosed: whole(minutes.diagnosed),
          wiped: whole(minutes.wiped),
          refurbished: whole(minutes.refurbished),
          qualityChecked: whole(minutes.qualityChecked),
        },
      });
      setBusy(false);
      onSaved(saved);
    } catch (err) {
      setBusy(false);
      setError(err);
    }
  }

  return (
    <Form className="card form" onSubmit={submit} validationErrors={serverErrors} aria-busy={busy}>
      <ErrorSummary error={error} fields={fields} />
      <fieldset className="fieldset">
        <legend>{t('workforce.settings.skills')}</legend>
        <p className="help">{t('workforce.settings.suggestion')}</p>
        {skills.length === 0 && <p className="empty">{t('workforce.settings.empty')}</p>}
        <ol className="plain-list">
          {skills.map((skill, index) => {
            const recorded = skill.key ? (settings.levelsRecorded[skill.key] ?? 0) : 0;
            return (
              <li key={skill.id} className="row-list-item">
                <Field
                  id={`settings-skill-${skill.id}`}
                  name={`skills.${index}.label`}
                  label={t('workforce.settings.skillLabel', { n: index + 1 })}
                  description={
                    recorded > 0 ? t('workforce.settings.hasLevels', { count: recorded }) : undefined
                  }
                  isRequired
                  value={skill.label}
                  maxLength={100}
                  onChange={(value) =>
                    setSkills((previous) =>
                      previous.map((s) => (s.id === skill.id ? { ...s, label: value } : s)),
                    )
                  }
                  validate={(value) => (value.trim() ? null : t('validation.required'))}
                />
                {recorded === 0 && (
                  <button
                    type="button"
                    className="button button-small button-danger-outline"
                    aria-label={t('workforce.settings.removeOf', { label: skill.label || String(index + 1) })}
                    onClick={() => setSkills((previous) => previous.filter((s) => s.id !== skill.id))}
                  >
                    {t('workforce.settings.remove')}
                  </button>
                )}
              </li>
            );
          })}
        </ol>
        {skills.length < 40 && (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              const id = nextId;
              setNextId(id + 1);
              setSkills((previous) => [...previous, { label: '', id }]);
              window.setTimeout(() => document.getElementById(`settings-skill-${id}`)?.focus(), 0);
            }}
          >
            {t('workforce.settings.add')}
          </button>
        )}
      </fieldset>
      <Field
        id="settings-max"
        name="maxLevel"
        label={t('workforce.settings.maxLevel')}
        description={t('workforce.settings.maxLevelHelp')}
        isRequired
        inputMode="numeric"
        value={maxLevel}
        onChange={setMaxLevel}
        validate={(value) => {
          const n = whole(value);
          return n >= 1 && n <= 10 ? null : t('workforce.settings.maxLevelInvalid');
        }}
      />
      <fieldset className="fieldset">
        <legend>{t('workforce.settings.minutes')}</legend>
        <p className="help">{t('workforce.settings.minutesHelp')}</p>
        <div className="field-row">
          {STEPS.map((step) => (
            <Field
              key={step}
              id={`settings-minutes-${step}`}
              name={`stepMinutes.${step}`}
              label={t(`workforce.steps.${step}`)}
              description={t(`workforce.stepsHelp.${step}`)}
              isRequired
              inputMode="numeric"
              value={minutes[step]}
              onChange={(value) => setMinutes((previous) => ({ ...previous, [step]: value }))}
              validate={(value) => {
                const n = whole(value);
                return n >= 0 && n <= 480 ? null : t('workforce.settings.minutesInvalid');
              }}
            />
          ))}
        </div>
      </fieldset>
      <div className="actions">
        <SubmitButton busy={busy}>{t('workforce.settings.save')}</SubmitButton>
      </div>
    </Form>
  );
}

export default function WorkforceSettings() {
  const { t } = useTranslation();
  const organisation = useWorkforceOrganisation();
  const organisationId = organisation?.id ?? '';
  const loaded = useLoad(
    (signal) => (organisationId ? workforceApi.settings(organisationId, signal) : Promise.resolve(undefined)),
    [organisationId],
  );
  const [settings, setSettings] = useState<Settings | undefined>(undefined);
  useEffect(() => setSettings(loaded.data), [loaded.data]);
  const [notice, setNotice] = useState('');

  return (
    <Page help="effacer-et-certifier" title={t('workforce.settings.title')}>
      <p className="breadcrumbs">
        <Link to="/equipe">{t('workforce.back')}</Link>
      </p>
      {!organisation && <p className="empty">{t('workforce.noOrganisation')}</p>}
      {organisation && <p className="help">{t('workforce.settings.intro')}</p>}
      <SuccessNotice>{notice}</SuccessNotice>
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      {loaded.loading && !settings && <Loading />}
      {settings && (
        <SettingsEditor
          key={JSON.stringify(settings)}
          settings={settings}
          onSaved={(saved) => {
            setSettings(saved);
            setNotice(t('workforce.settings.saved'));
          }}
        />
      )}
    </Page>
  );
}
