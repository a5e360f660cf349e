/**
 * Change what is known of a device: hardware, installed system, grade, parts, quality check, notes and
 * location. Only the fields changed are sent (each becomes a line of the device's history).
 */
import { type FormEvent, useEffect, useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import {
  api,
  type Device,
  type DevicePatch,
  GRADES,
  type Grade,
  STORAGE_TYPES,
  type StockLocation,
  type StorageType,
} from '../api.ts';
import { NUMBER_RULES, type NumberFieldName, numberProblem } from './deviceForm.ts';
import {
  decimalText,
  ErrorSummary,
  Field,
  parseDecimal,
  SelectField,
  SubmitButton,
  type SummaryField,
  TextAreaField,
  useServerFieldErrors,
} from './forms.tsx';
import { fieldLabel } from './inventory.tsx';

const TEXT_FIELDS = ['brand', 'model', 'serialNumber', 'cpu', 'osImage'] as const;
type TextFieldName = (typeof TEXT_FIELDS)[number];
const NUMBER_FIELDS = Object.keys(NUMBER_RULES) as NumberFieldName[];
const TEXT_MAX: Record<TextFieldName, number> = {
  brand: 100,
  model: 150,
  serialNumber: 100,
  cpu: 150,
  osImage: 150,
};

function idOf(name: string): string {
  return `device-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

export function DeviceEditForm({
  device,
  locations,
  onSaved,
  onCancel,
}: {
  device: Device;
  locations: readonly StockLocation[];
  onSaved: (device: Device) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [texts, setTexts] = useState<Record<TextFieldName, string>>(
    () =>
      Object.fromEntries(TEXT_FIELDS.map((name) => [name, device[name] ?? ''])) as Record<
        TextFieldName,
        string
      >,
  );
  const [numbers, setNumbers] = useState<Record<NumberFieldName, string>>(
    () =>
      Object.fromEntries(NUMBER_FIELDS.map((name) => [name, decimalText(device[name], language)])) as Record<
        NumberFieldName,
        string
      >,
  );
  const [storageType, setStorageType] = useState<string>(device.storageType ?? '');
  const [grade, setGrade] = useState<string>(device.grade ?? '');
  const [quality, setQuality] = useState<string>(
    device.qualityCheckPassed === null ? '' : device.qualityCheckPassed ? 'yes' : 'no',
  );
  const [partsReplaced, setPartsReplaced] = useState(device.partsReplaced ?? '');
  const [notes, setNotes] = useState(device.notes ?? '');
  const [locationId, setLocationId] = useState(device.locationId ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const serverErrors = useServerFieldErrors(error);

  useEffect(() => {
    document.getElementById(idOf('brand'))?.focus();
  }, []);

  const fields: Record<string, SummaryField> = Object.fromEntries(
    [
      ...TEXT_FIELDS,
      ...NUMBER_FIELDS,
      'storageType',
      'grade',
      'qualityCheckPassed',
      'partsReplaced',
      'notes',
      'locationId',
    ].map((name) => [name, { id: idOf(name), label: fieldLabel(name) }]),
  );

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const patch: DevicePatch = {};
    for (const name of TEXT_FIELDS) {
      const value = texts[name].trim() || null;
      if (value !== device[name]) patch[name] = value;
    }
    for (const name of NUMBER_FIELDS) {
      const value = parseDecimal(numbers[name]) ?? null;
      if (value !== device[name]) patch[name] = value;
    }
    if ((storageType || null) !== device.storageType)
      patch.storageType = (storageType || null) as StorageType | null;
    if ((grade || null) !== device.grade) patch.grade = (grade || null) as Grade | null;
    const qualityValue = quality === '' ? null : quality === 'yes';
    if (qualityValue !== device.qualityCheckPassed) patch.qualityCheckPassed = qualityValue;
    if ((partsReplaced.trim() || null) !== device.partsReplaced)
      patch.partsReplaced = partsReplaced.trim() || null;
    if ((notes.trim() || null) !== device.notes) patch.notes = notes.trim() || null;
    if ((locationId || null) !== device.locationId) patch.locationId = locationId || null;
    if (Object.keys(patch).length === 0) {
      onSaved(device);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSaved(await api.updateDevice(device.id, patch));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  const usable = locations.filter((l) => !l.archivedAt || l.id === device.locationId);
  return (
    <Form className="form device-form" onSubmit={submit} validationErrors={serverErrors} aria-busy={busy}>
      <ErrorSummary error={error} fields={fields} />
      <div className="field-grid">
        {TEXT_FIELDS.map((name) => (
          <Field
            key={name}
            id={idOf(name)}
            name={name}
            label={fieldLabel(name)}
            {...(name === 'osImage' ? { description: t('device.osImageHelp') } : {})}
            value={texts[name]}
            onChange={(value) => setTexts((previous) => ({ ...previous, [name]: value }))}
            maxLength={TEXT_MAX[name]}
            autoComplete="off"
          />
        ))}
        {NUMBER_FIELDS.map((name) => (
          <Field
            key={name}
            id={idOf(name)}
            name={name}
            label={fieldLabel(name)}
            value={numbers[name]}
            onChange={(value) => setNumbers((previous) => ({ ...previous, [name]: value }))}
            inputProps={{
              inputMode: name === 'batteryHealthPercent' ? 'numeric' : 'decimal',
              autoComplete: 'off',
            }}
            validate={(value) => numberProblem(value, NUMBER_RULES[name])}
          />
        ))}
        <SelectField
          id={idOf('storageType')}
          name="storageType"
          label={fieldLabel('storageType')}
          value={storageType}
          onChange={setStorageType}
          placeholder={t('common.none')}
          options={STORAGE_TYPES.map((value) => ({ value, label: t(`storageTypes.${value}`) }))}
        />
        <SelectField
          id={idOf('grade')}
          name="grade"
          label={fieldLabel('grade')}
          value={grade}
          onChange={setGrade}
          placeholder={t('grades.none')}
          options={GRADES.map((value) => ({ value, label: t(`grades.${value}`) }))}
        />
        <SelectField
          id={idOf('qualityCheckPassed')}
          name="qualityCheckPassed"
          label={fieldLabel('qualityCheckPassed')}
          value={quality}
          onChange={setQuality}
          placeholder={t('device.qualityUnknown')}
          options={[
            { value: 'yes', label: t('device.qualityPassed') },
            { value: 'no', label: t('device.qualityFailed') },
          ]}
        />
        <SelectField
          id={idOf('locationId')}
          name="locationId"
          label={fieldLabel('locationId')}
          value={locationId}
          onChange={setLocationId}
          placeholder={t('device.noLocation')}
          options={usable.map((l) => ({ value: l.id, label: l.name }))}
        />
      </div>
      <TextAreaField
        id={idOf('partsReplaced')}
        name="partsReplaced"
        label={fieldLabel('partsReplaced')}
        value={partsReplaced}
        onChange={setPartsReplaced}
        maxLength={1000}
        rows={2}
      />
      <TextAreaField
        id={idOf('notes')}
        name="notes"
        label={fieldLabel('notes')}
        value={notes}
        onChange={setNotes}
        maxLength={2000}
      />
      <div className="actions">
        <SubmitButton busy={busy}>{t('device.save')}</SubmitButton>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </Form>
  );
}
