/**
 * A skills assessment at entry or exit, on the competence grid of the organisation that trains: a level
 * per area, « autonome », the day and a note. Opened from a workshop's roster; the stage is pre-set to
 * the exit once the person has an entry.
 */
import { type FormEvent, useEffect, useId, useState } from 'react';
import { Button, Dialog, DialogTrigger, Form, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ASSESSMENT_STAGES, type AssessmentStage, trainingApi } from '../../trainingApi.ts';
import {
  CheckboxField,
  Field,
  SelectField,
  SubmitButton,
  TextAreaField,
  useServerPathErrors,
} from '../forms.tsx';
import { todayDay } from '../inventory.tsx';
import { ErrorAlert, Loading, useLoad } from '../ui.tsx';

export interface AssessedPerson {
  beneficiaryId: string;
  name: string;
  programmeId: string | null;
  /** The organisation whose grid is used (the one that trains). */
  organisationId: string;
}

function AssessmentForm({
  person,
  close,
  onSaved,
}: {
  person: AssessedPerson;
  close: () => void;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  const ids = useId();
  const grid = useLoad((signal) => trainingApi.grid(person.organisationId, signal), [person.organisationId]);
  const skills = useLoad(
    (signal) => trainingApi.skills(person.beneficiaryId, person.programmeId ?? undefined, signal),
    [person.beneficiaryId, person.programmeId],
  );
  const [stage, setStage] = useState<AssessmentStage>('entry');
  const [levels, setLevels] = useState<Record<string, string>>({});
  const [autonomous, setAutonomous] = useState(false);
  const [assessedOn, setAssessedOn] = useState(todayDay());
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const serverErrors = useServerPathErrors(error);
  const hasEntry = Boolean(skills.data?.comparison.entry);
  useEffect(() => {
    if (hasEntry) setStage('exit');
  }, [hasEntry]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy || !grid.data) return;
    const chosen: Record<string, number> = {};
    for (const area of grid.data.areas) {
      const value = levels[area.code];
      if (value !== undefined && value !== '') chosen[area.code] = Number(value);
    }
    setBusy(true);
    setError(null);
    try {
      await trainingApi.assess({
        beneficiaryId: person.beneficiaryId,
        ...(person.programmeId ? { programmeId: person.programmeId } : {}),
        organisationId: person.organisationId,
        stage,
        levels: chosen,
        autonomous,
        assessedOn,
        note: note.trim() || null,
      });
      setBusy(false);
      close();
      onSaved(t(`assessment.saved.${stage}`, { name: person.name }));
    } catch (err) {
      setBusy(false);
      setError(err);
    }
  }

  const maxLevel = grid.data?.maxLevel ?? 0;
  const levelOptions = Array.from({ length: maxLevel + 1 }, (_, level) => ({
    value: String(level),
    label: t('assessment.level', { level, max: maxLevel }),
  }));

  return (
    <Form className="form" onSubmit={submit} validationErrors={serverErrors} aria-busy={busy}>
      <Heading slot="title" className="dialog-title">
        {t('assessment.title', { name: person.name })}
      </Heading>
      <ErrorAlert error={grid.error} onRetry={grid.reload} />
      {grid.loading && <Loading />}
      {grid.data && (
        <>
          <SelectField
            id={`${ids}-stage`}
            name="stage"
            label={t('assessment.stage')}
            description={hasEntry ? t('assessment.stageHelpExit') : t('assessment.stageHelpEntry')}
            isRequired
            value={stage}
            onChange={(value) => {
              const found = ASSESSMENT_STAGES.find((s) => s === value);
              if (found) setStage(found);
            }}
            options={ASSESSMENT_STAGES.map((s) => ({ value: s, label: t(`assessment.stages.${s}`) }))}
          />
          <fieldset className="fieldset">
            <legend>{t('assessment.levels', { max: maxLevel })}</legend>
            <p className="help">{t('assessment.levelsHelp')}</p>
            {grid.data.areas.map((area) => (
              <SelectField
                key={area.code}
                id={`${ids}-level-${area.code}`}
                name={`levels.${area.code}`}
                label={area.label}
                value={levels[area.code] ?? ''}
                onChange={(value) => setLevels((previous) => ({ ...previous, [area.code]: value }))}
                placeholder={t('assessment.notAssessed')}
                options={levelOptions}
              />
            ))}
          </fieldset>
          <CheckboxField
            id={`${ids}-autonomous`}
            name="autonomous"
            label={t('assessment.autonomous')}
            description={t('assessment.autonomousHelp')}
            isSelected={autonomous}
            onChange={setAutonomous}
          />
          <Field
            id={`${ids}-day`}
            name="assessedOn"
            type="date"
            label={t('assessment.day')}
            isRequired
            value={assessedOn}
            onChange={setAssessedOn}
            validate={(value) => (value ? null : t('validation.required'))}
          />
          <TextAreaField
            id={`${ids}-note`}
            name="note"
            label={t('assessment.note')}
            description={t('assessment.noteHelp')}
            optional
            value={note}
            onChange={setNote}
            maxLength={2000}
          />
        </>
      )}
      <ErrorAlert error={error} />
      <div className="dialog-actions">
        <Button className="button button-secondary" onPress={close} isDisabled={busy}>
          {t('common.cancel')}
        </Button>
        {grid.data && <SubmitButton busy={busy}>{t('assessment.save')}</SubmitButton>}
      </div>
    </Form>
  );
}

/** « Évaluer » and its dialog. */
export function AssessButton({
  person,
  onSaved,
}: {
  person: AssessedPerson;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <DialogTrigger>
      <Button
        className="button button-small button-secondary"
        aria-label={t('assessment.openOf', { name: person.name })}
      >
        {t('assessment.open')}
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal modal-wide">
          <Dialog className="dialog">
            {({ close }) => <AssessmentForm person={person} close={close} onSaved={onSaved} />}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
