/**
 * The intake screen: record the devices of a donation one after the other, fast, with a keyboard and a
 * barcode scanner (which types the serial number, then Enter). Type, brand and model stay from one
 * device to the next; after each save the new asset tag shows big, is announced, and the focus goes
 * back to the serial number (or the field chosen below the form).
 */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  ApiError,
  api,
  DEVICE_TYPES,
  type Device,
  type DeviceInput,
  type DeviceType,
  type DonationDetail,
  STORAGE_TYPES,
  type StorageType,
} from '../api.ts';
import {
  NUMBER_RULES,
  type NumberFieldName,
  numberFields,
  numberProblem,
  textFields,
} from '../components/deviceForm.ts';
import {
  ErrorSummary,
  Field,
  SelectField,
  SubmitButton,
  type SummaryField,
  useServerFieldErrors,
} from '../components/forms.tsx';
import { deviceName, fieldLabel, formatDay, useDonationParties } from '../components/inventory.tsx';
import { ErrorAlert, Loading, Page, TableScroll, useAnnounce, useLoad } from '../components/ui.tsx';

const START_FIELDS = ['serialNumber', 'type', 'brand', 'model', 'cpu'] as const;
type StartField = (typeof START_FIELDS)[number];
const START_KEY = 'seconde-vie.intake-start';

const FIELD_IDS: Record<string, string> = {
  type: 'intake-type',
  brand: 'intake-brand',
  model: 'intake-model',
  serialNumber: 'intake-serial',
  cpu: 'intake-cpu',
  ramGb: 'intake-ram',
  storageGb: 'intake-storage',
  storageType: 'intake-storage-type',
  screenSizeInches: 'intake-screen',
  batteryHealthPercent: 'intake-battery',
  weightKg: 'intake-weight',
  notes: 'intake-notes',
};

interface SessionState {
  type: DeviceType;
  brand: string;
  model: string;
  entered: Pick<Device, 'id' | 'assetTag' | 'type' | 'brand' | 'model' | 'serialNumber'>[];
}

function sessionKey(donationId: string): string {
  return `seconde-vie.intake.${donationId}`;
}

/** What was entered for this donation in this tab (kept across a reload, forgotten with the tab). */
function readSession(donationId: string): SessionState {
  try {
    const stored = JSON.parse(
      sessionStorage.getItem(sessionKey(donationId)) ?? 'null',
    ) as SessionState | null;
    if (stored && DEVICE_TYPES.includes(stored.type)) return stored;
  } catch {
    // Nothing stored, or unreadable: start afresh.
  }
  return { type: 'laptop', brand: '', model: '', entered: [] };
}

function readStartField(): StartField {
  try {
    const stored = localStorage.getItem(START_KEY);
    return (START_FIELDS as readonly string[]).includes(stored ?? '')
      ? (stored as StartField)
      : 'serialNumber';
  } catch {
    return 'serialNumber';
  }
}

function focusField(name: string, select = false) {
  const element = document.getElementById(FIELD_IDS[name] ?? '') as HTMLInputElement | null;
  element?.focus();
  if (select && element instanceof HTMLInputElement) element.select();
}

function IntakeForm({ donation }: { donation: DonationDetail }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const initial = useRef(readSession(donation.id)).current;
  const [type, setType] = useState<DeviceType>(initial.type);
  const [brand, setBrand] = useState(initial.brand);
  const [model, setModel] = useState(initial.model);
  const [serial, setSerial] = useState('');
  const [cpu, setCpu] = useState('');
  const [numbers, setNumbers] = useState<Record<NumberFieldName, string>>({
    ramGb: '',
    storageGb: '',
    screenSizeInches: '',
    batteryHealthPercent: '',
    weightKg: '',
  });
  const [storageType, setStorageType] = useState<StorageType | ''>('');
  const [notes, setNotes] = useState('');
  const [entered, setEntered] = useState(initial.entered);
  const [last, setLast] = useState<Device | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const serverErrors = useServerFieldErrors(error);
  const [startField, setStartField] = useState<StartField>(readStartField);
  const [focusTick, setFocusTick] = useState(0);
  const lastRef = useRef<HTMLElement>(null);

  // Start in the chosen field, ready for the scanner.
  // biome-ignore lint/correctness/useExhaustiveDependencies: on arrival and after each save.
  useEffect(() => {
    focusField(startField);
    // On a phone the new asset tag sits above the form: bring it back into view.
    if (focusTick > 0) lastRef.current?.scrollIntoView({ block: 'nearest' });
  }, [focusTick]);

  useEffect(() => {
    try {
      sessionStorage.setItem(sessionKey(donation.id), JSON.stringify({ type, brand, model, entered }));
    } catch {
      // Storage refused: the list lasts for this page only.
    }
  }, [donation.id, type, brand, model, entered]);

  const fields: Record<string, SummaryField> = Object.fromEntries(
    Object.entries(FIELD_IDS).map(([name, id]) => [name, { id, label: fieldLabel(name) }]),
  );

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const input: DeviceInput = {
      type,
      donationId: donation.id,
      ...textFields({ brand, model, serialNumber: serial, cpu, notes }),
      ...numberFields(numbers),
      ...(storageType ? { storageType } : {}),
    };
    setBusy(true);
    setError(null);
    try {
      const device = await api.createDevice(input);
      setLast(device);
      setEntered((previous) => [
        {
          id: device.id,
          assetTag: device.assetTag,
          type: device.type,
          brand: device.brand,
          model: device.model,
          serialNumber: device.serialNumber,
        },
        ...previous,
      ]);
      setSerial('');
      setCpu('');
      setNumbers({ ramGb: '', storageGb: '', screenSizeInches: '', batteryHealthPercent: '', weightKg: '' });
      setStorageType('');
      setNotes('');
      announce(t('intake.saved', { tag: device.assetTag }));
      setFocusTick((n) => n + 1);
    } catch (err) {
      setError(err);
      // Back to the faulty field (a duplicate serial: select it, the next scan replaces it).
      const first = err instanceof ApiError ? err.errors[0]?.path.split('.')[0] : undefined;
      if (first && FIELD_IDS[first]) window.setTimeout(() => focusField(first, true), 0);
    } finally {
      setBusy(false);
    }
  }

  const hasFieldErrors =
    error instanceof ApiError && error.errors.some((e) => FIELD_IDS[e.path.split('.')[0] ?? '']);
  const numberField = (name: NumberFieldName, inputMode: 'decimal' | 'numeric' = 'decimal') => (
    <Field
      id={FIELD_IDS[name] as string}
      name={name}
      label={t(`deviceFields.${name}`)}
      value={numbers[name]}
      onChange={(value) => setNumbers((previous) => ({ ...previous, [name]: value }))}
      inputProps={{ inputMode, autoComplete: 'off' }}
      validate={(value) => numberProblem(value, NUMBER_RULES[name])}
    />
  );

  return (
    <div className="intake-layout">
      <div className="intake-main">
        <Form
          className="card form intake-form"
          onSubmit={submit}
          validationErrors={serverErrors}
          aria-busy={busy}
        >
          <fieldset className="fieldset">
            <legend>{t('intake.series')}</legend>
            <div className="field-grid series-grid">
              <SelectField
                id={FIELD_IDS.type as string}
                name="type"
                label={t('deviceFields.type')}
                value={type}
                onChange={(value) => setType(value as DeviceType)}
                options={DEVICE_TYPES.map((value) => ({ value, label: t(`deviceTypes.${value}`) }))}
              />
              <Field
                id={FIELD_IDS.brand as string}
                name="brand"
                label={t('deviceFields.brand')}
                value={brand}
                onChange={setBrand}
                maxLength={100}
                autoComplete="off"
              />
              <Field
                id={FIELD_IDS.model as string}
                name="model"
                label={t('deviceFields.model')}
                value={model}
                onChange={setModel}
                maxLength={150}
                autoComplete="off"
              />
            </div>
          </fieldset>
          <fieldset className="fieldset">
            <legend>{t('intake.thisDevice')}</legend>
            <Field
              id={FIELD_IDS.serialNumber as string}
              name="serialNumber"
              label={t('deviceFields.serialNumber')}
              description={t('intake.serialHelp')}
              value={serial}
              onChange={setSerial}
              maxLength={100}
              autoComplete="off"
              inputProps={{ spellCheck: false, className: 'input-scan' }}
            />
            <div className="field-grid">
              <Field
                id={FIELD_IDS.cpu as string}
                name="cpu"
                label={t('deviceFields.cpu')}
                value={cpu}
                onChange={setCpu}
                maxLength={150}
                autoComplete="off"
              />
              {numberField('ramGb')}
              {numberField('storageGb')}
              <SelectField
                id={FIELD_IDS.storageType as string}
                name="storageType"
                label={t('deviceFields.storageType')}
                value={storageType}
                onChange={(value) => setStorageType(value as StorageType | '')}
                placeholder={t('common.none')}
                options={STORAGE_TYPES.map((value) => ({ value, label: t(`storageTypes.${value}`) }))}
              />
              {numberField('screenSizeInches')}
              {numberField('batteryHealthPercent', 'numeric')}
              {numberField('weightKg')}
              <Field
                id={FIELD_IDS.notes as string}
                name="notes"
                label={t('deviceFields.notes')}
                value={notes}
                onChange={setNotes}
                maxLength={2000}
                autoComplete="off"
              />
            </div>
          </fieldset>
          <div className="actions">
            <SubmitButton busy={busy}>{t('intake.save')}</SubmitButton>
            <Link to={`/dons/${donation.id}`} className="button button-secondary">
              {t('intake.done')}
            </Link>
          </div>
        </Form>
      </div>
      <div className="intake-aside">
        <section className="intake-last" aria-labelledby="intake-last-title" ref={lastRef}>
          <h2 id="intake-last-title" className="visually-hidden">
            {t('intake.lastTitle')}
          </h2>
          {error ? (
            <>
              {/* Where the eyes go after a scan: the refusal replaces the last asset tag. */}
              <ErrorSummary error={error} fields={fields} takeFocus={!hasFieldErrors} />
              {last && <p className="muted">{t('intake.lastWas', { tag: last.assetTag })}</p>}
            </>
          ) : last ? (
            <div className="saved-tag">
              <p className="saved-tag-label">{t('intake.savedLabel')}</p>
              <p className="asset-tag-big">{last.assetTag}</p>
              <p>
                {deviceName(last)}
                {last.serialNumber ? ` · ${last.serialNumber}` : ''}
              </p>
              <p>
                <Link to={`/appareils/${last.id}`}>{t('intake.openLast', { tag: last.assetTag })}</Link>
              </p>
            </div>
          ) : (
            <p className="saved-tag saved-tag-empty">{t('intake.nothingYet')}</p>
          )}
        </section>
        <div className="field intake-start">
          <label htmlFor="intake-start">{t('intake.startField')}</label>
          <select
            id="intake-start"
            value={startField}
            onChange={(event) => {
              const value = event.target.value as StartField;
              setStartField(value);
              try {
                localStorage.setItem(START_KEY, value);
              } catch {
                // Storage refused: the choice lasts for this page only.
              }
            }}
          >
            {START_FIELDS.map((name) => (
              <option key={name} value={name}>
                {t(`deviceFields.${name}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <section className="intake-session" aria-labelledby="intake-session-title">
        <h2 id="intake-session-title">{t('intake.sessionTitle', { count: entered.length })}</h2>
        {entered.length === 0 ? (
          <p className="muted">{t('intake.sessionEmpty')}</p>
        ) : (
          <TableScroll label={t('intake.sessionCaption')}>
            <table>
              <caption className="visually-hidden">{t('intake.sessionCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('deviceFields.assetTag')}</th>
                  <th scope="col">{t('deviceFields.type')}</th>
                  <th scope="col">{t('stock.colModel')}</th>
                  <th scope="col">{t('deviceFields.serialNumber')}</th>
                </tr>
              </thead>
              <tbody>
                {entered.map((device) => (
                  <tr key={device.id}>
                    <th scope="row" className="nowrap">
                      <Link to={`/appareils/${device.id}`}>{device.assetTag}</Link>
                    </th>
                    <td>{t(`deviceTypes.${device.type}`)}</td>
                    <td>{[device.brand, device.model].filter(Boolean).join(' ') || t('common.none')}</td>
                    <td className="nowrap">{device.serialNumber ?? t('common.none')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
    </div>
  );
}

export default function Intake() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const loaded = useLoad((signal) => api.donation(id, signal), [id]);
  const donation = loaded.data?.id === id ? loaded.data : undefined;
  const { donor } = useDonationParties(donation);
  return (
    <Page help="recevoir-un-lot" title={t('intake.title')} className="page-intake">
      <p>
        <Link to={`/dons/${id}`}>
          {donation
            ? donor
              ? t('intake.backTo', { date: formatDay(donation.receivedOn, i18n.language), donor })
              : t('intake.backToDate', { date: formatDay(donation.receivedOn, i18n.language) })
            : t('intake.back')}
        </Link>
      </p>
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      {loaded.loading && !donation && <Loading />}
      {donation && !donation.can.addDevices && <p className="alert alert-info">{t('intake.forbidden')}</p>}
      {donation?.can.addDevices && <IntakeForm key={donation.id} donation={donation} />}
    </Page>
  );
}
