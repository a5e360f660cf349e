/**
 * The organisation's competence grid (`/ateliers/grille`): the areas on which people are assessed at
 * entry and exit, and the highest level. By default the five areas of the Pix framework, levels 0–3;
 * administrators and managers change it (areas added, renamed, removed; codes kept stable).
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
import { parseWhole } from '../components/training/common.tsx';
import { ErrorAlert, Loading, Page, SuccessNotice, useLoad } from '../components/ui.tsx';
import { useMe, useSession } from '../session.tsx';
import { type CompetenceGrid as Grid, type GridArea, trainingApi } from '../trainingApi.ts';

/** A code from a label: lower case letters, digits and `_` (« Démarches en ligne » → `demarches_en_ligne`). */
function codeOf(label: string, taken: Set<string>): string {
  const base =
    label
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 36) || 'domaine';
  let code = base;
  for (let n = 2; taken.has(code); n++) code = `${base}_${n}`;
  return code;
}

function GridEditor({ grid, onSaved }: { grid: Grid; onSaved: (grid: Grid) => void }) {
  const { t } = useTranslation();
  const [areas, setAreas] = useState<GridArea[]>(grid.areas);
  const [maxLevel, setMaxLevel] = useState(String(grid.maxLevel));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const serverErrors = useServerPathErrors(error);
  const fields: Record<string, SummaryField> = {
    maxLevel: { id: 'grid-max-level', label: t('grid.maxLevel') },
  };
  areas.forEach((_area, index) => {
    fields[`areas.${index}.label`] = {
      id: `grid-area-${index}`,
      label: t('grid.areaLabel', { n: index + 1 }),
    };
    fields[`areas.${index}.code`] = {
      id: `grid-area-${index}`,
      label: t('grid.areaLabel', { n: index + 1 }),
    };
  });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const level = parseWhole(maxLevel);
    if (level === undefined || Number.isNaN(level)) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await trainingApi.saveGrid(grid.organisationId, {
        areas: areas.map((a) => ({ code: a.code, label: a.label.trim() })),
        maxLevel: level,
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
      <Field
        id="grid-max-level"
        name="maxLevel"
        label={t('grid.maxLevel')}
        description={t('grid.maxLevelHelp')}
        isRequired
        inputMode="numeric"
        value={maxLevel}
        onChange={setMaxLevel}
        validate={(value) => {
          const n = parseWhole(value);
          return n !== undefined && !Number.isNaN(n) && n >= 1 && n <= 8 ? null : t('grid.maxLevelInvalid');
        }}
      />
      <fieldset className="fieldset">
        <legend>{t('grid.areas')}</legend>
        <p className="help">{t('grid.areasHelp')}</p>
        <ol className="plain-list">
          {areas.map((area, index) => (
            <li key={area.code} className="row-list-item">
              <Field
                id={`grid-area-${index}`}
                name={`areas.${index}.label`}
                label={t('grid.areaLabel', { n: index + 1 })}
                isRequired
                value={area.label}
                maxLength={200}
                onChange={(value) =>
                  setAreas((previous) => previous.map((a, i) => (i === index ? { ...a, label: value } : a)))
                }
                validate={(value) => (value.trim() ? null : t('validation.required'))}
              />
              {areas.length > 1 && (
                <button
                  type="button"
                  className="button button-small button-danger-outline"
                  aria-label={t('grid.removeOf', { label: area.label || String(index + 1) })}
                  onClick={() => setAreas((previous) => previous.filter((_, i) => i !== index))}
                >
                  {t('grid.remove')}
                </button>
              )}
            </li>
          ))}
        </ol>
        {areas.length < 30 && (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              const taken = new Set(areas.map((a) => a.code));
              setAreas((previous) => [...previous, { code: codeOf(t('grid.newArea'), taken), label: '' }]);
              window.setTimeout(() => document.getElementById(`grid-area-${areas.length}`)?.focus(), 0);
            }}
          >
            {t('grid.add')}
          </button>
        )}
      </fieldset>
      <p className="help">{t('grid.codesNote')}</p>
      <div className="actions">
        <SubmitButton busy={busy}>{t('grid.save')}</SubmitButton>
      </div>
    </Form>
  );
}

export default function CompetenceGrid() {
  const { t } = useTranslation();
  const me = useMe();
  const { currentOrganisationId } = useSession();
  const membership =
    me.memberships.find((m) => m.organisation.id === currentOrganisationId) ?? me.memberships[0];
  const organisationId = membership?.organisation.id ?? '';
  const editable = me.user.isPlatformAdmin || membership?.role === 'admin' || membership?.role === 'manager';
  const loaded = useLoad(
    (signal) => (organisationId ? trainingApi.grid(organisationId, signal) : Promise.resolve(undefined)),
    [organisationId],
  );
  const [notice, setNotice] = useState('');
  const [grid, setGrid] = useState<Grid | undefined>(undefined);
  useEffect(() => setGrid(loaded.data), [loaded.data]);

  return (
    <Page help="animer-un-atelier" title={t('grid.title')}>
      <p className="breadcrumbs">
        <Link to="/ateliers">{t('grid.back')}</Link>
      </p>
      <p className="help">{t('grid.intro', { organisation: membership?.organisation.name ?? '' })}</p>
      <SuccessNotice>{notice}</SuccessNotice>
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      {loaded.loading && !grid && <Loading />}
      {!organisationId && <p className="empty">{t('grid.noOrganisation')}</p>}
      {grid?.isDefault && <p className="alert alert-info">{t('grid.default')}</p>}
      {grid &&
        (editable ? (
          <GridEditor
            key={`${grid.organisationId}-${grid.areas.map((a) => a.code).join()}-${grid.maxLevel}`}
            grid={grid}
            onSaved={(saved) => {
              setGrid(saved);
              setNotice(t('grid.saved'));
            }}
          />
        ) : (
          <section className="card" aria-labelledby="grid-areas-title">
            <h2 id="grid-areas-title">{t('grid.areas')}</h2>
            <p>{t('grid.levels', { max: grid.maxLevel })}</p>
            <ol>
              {grid.areas.map((area) => (
                <li key={area.code}>{area.label}</li>
              ))}
            </ol>
            <p className="help">{t('grid.readOnly')}</p>
          </section>
        ))}
    </Page>
  );
}
