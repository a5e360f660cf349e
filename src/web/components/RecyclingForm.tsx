/**
 * Sending devices marked "to recycle" to a recycler (WEEE): a dialog listing the devices (all ticked),
 * the shipment's details for the waste register, a confirmation, then one batch on the server and every
 * device "recycled". The server refuses the whole batch if one device cannot go (`deviceIds.N`): each is
 * named by its asset tag. Used on the recycling page and in the stock's bulk actions.
 */
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { Button, Dialog, DialogTrigger, Form, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { isValidSiret, luhnValid, normaliseSiret } from '../../lib/identifiers.ts';
import { NAME_MAX_LENGTH } from '../../lib/limits.ts';
import { ApiError, api, type Device, type RecyclingBatch, type RecyclingBatchInput } from '../api.ts';
import { refusals } from './BulkActions.tsx';
import { ErrorSummary, Field, parseDecimal, TextAreaField, useServerFieldErrors } from './forms.tsx';
import { deviceName, formatNumber, todayDay } from './inventory.tsx';

/** Discarded electrical and electronic equipment, non-hazardous (European waste list). */
const DEFAULT_WASTE_CODE = '16 02 14';

function isValidSiren(value: string): boolean {
  const siren = normaliseSiret(value);
  return /^\d{9}$/.test(siren) && luhnValid(siren);
}

/** Only the optional texts filled in, trimmed. */
function filled<K extends string>(values: Record<K, string>): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const [key, value] of Object.entries(values) as [K, string][]) {
    if (value.trim()) out[key] = value.trim();
  }
  return out;
}

function RecyclingForm({
  organisationId,
  devices,
  close,
  onSent,
}: {
  organisationId: string;
  devices: readonly Device[];
  close: () => void;
  onSent: (batch: RecyclingBatch, sent: Device[]) => void;
}) {
  const { t, i18n } = useTranslation();
  const byId = useMemo(() => new Map(devices.map((d) => [d.id, d])), [devices]);
  const [ticked, setTicked] = useState<ReadonlySet<string>>(() => new Set(devices.map((d) => d.id)));
  const [devicesError, setDevicesError] = useState('');
  const [shippedOn, setShippedOn] = useState(todayDay);
  const [recyclerName, setRecyclerName] = useState('');
  const [recyclerSiret, setRecyclerSiret] = useState('');
  const [ecoOrganisme, setEcoOrganisme] = useState('');
  const [ecoOrganismeSiren, setEcoOrganismeSiren] = useState('');
  const [trackingNumber, setTrackingNumber] = useState('');
  const [wasteCode, setWasteCode] = useState(DEFAULT_WASTE_CODE);
  const [weight, setWeight] = useState('');
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sentIds, setSentIds] = useState<string[]>([]);
  const serverErrors = useServerFieldErrors(error);
  const refused = refusals(error, sentIds, byId, 'deviceIds', true);
  const refusedRef = useRef<HTMLDivElement>(null);
  const chosen = devices.filter((d) => ticked.has(d.id));

  useEffect(() => {
    if (refused.length > 0) refusedRef.current?.focus();
  }, [refused.length]);

  function tick(id: string, on: boolean) {
    setTicked((previous) => {
      const next = new Set(previous);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
    if (on) setDevicesError('');
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (chosen.length === 0) {
      setDevicesError(t('recycling.noDevice'));
      document.querySelector<HTMLInputElement>('.recycling-devices input')?.focus();
      return;
    }
    setConfirming(true);
  }

  async function send() {
    const ids = chosen.map((d) => d.id);
    const weightKg = parseDecimal(weight);
    const input: RecyclingBatchInput = {
      organisationId,
      shippedOn,
      recyclerName: recyclerName.trim(),
      ...filled({ ecoOrganisme, trackingNumber, wasteCode, note }),
      ...(recyclerSiret.trim() ? { recyclerSiret: normaliseSiret(recyclerSiret) } : {}),
      ...(ecoOrganismeSiren.trim() ? { ecoOrganismeSiren: normaliseSiret(ecoOrganismeSiren) } : {}),
      ...(weightKg !== undefined ? { weightKg } : {}),
      deviceIds: ids,
    };
    setSentIds(ids);
    setBusy(true);
    setError(null);
    try {
      const batch = await api.createRecyclingBatch(input);
      setBusy(false);
      setConfirming(false);
      onSent(batch, chosen);
      close();
    } catch (err) {
      setBusy(false);
      setConfirming(false);
      setError(err);
    }
  }

  return (
    <Form className="form" onSubmit={submit} validationErrors={serverErrors} aria-busy={busy}>
      {refused.length > 0 ? (
        <div className="alert alert-error" role="alert" tabIndex={-1} ref={refusedRef}>
          <p>{error instanceof ApiError ? error.detail : ''}</p>
          <ul>
            {refused.map((r) => (
              <li key={r.key}>
                <strong>{r.tag}</strong> : {r.message}
              </li>
            ))}
          </ul>
          <p>{t('recycling.refused')}</p>
        </div>
      ) : (
        <ErrorSummary
          error={error}
          fields={{
            shippedOn: { id: 'recycling-shipped-on', label: t('recycling.shippedOn') },
            recyclerName: { id: 'recycling-recycler', label: t('recycling.recyclerName') },
            recyclerSiret: { id: 'recycling-recycler-siret', label: t('recycling.recyclerSiret') },
            ecoOrganisme: { id: 'recycling-eco', label: t('recycling.ecoOrganisme') },
            ecoOrganismeSiren: { id: 'recycling-eco-siren', label: t('recycling.ecoOrganismeSiren') },
            trackingNumber: { id: 'recycling-tracking', label: t('recycling.trackingNumber') },
            wasteCode: { id: 'recycling-waste-code', label: t('recycling.wasteCode') },
            weightKg: { id: 'recycling-weight', label: t('recycling.weightKg') },
            note: { id: 'recycling-note', label: t('recycling.note') },
          }}
        />
      )}

      <fieldset
        className="fieldset"
        aria-describedby={`recycling-devices-help${devicesError ? ' recycling-devices-error' : ''}`}
      >
        <legend>{t('recycling.devices')}</legend>
        <p className="help" id="recycling-devices-help">
          {t('recycling.devicesHelp')}
        </p>
        <div className="recycling-tools">
          <p className="recycling-count">
            {t('recycling.ticked', { count: chosen.length, total: devices.length })}
          </p>
          {devices.length > 1 && (
            <>
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() => {
                  setTicked(new Set(devices.map((d) => d.id)));
                  setDevicesError('');
                }}
              >
                {t('recycling.tickAll')}
              </button>
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() => setTicked(new Set())}
              >
                {t('recycling.untickAll')}
              </button>
            </>
          )}
        </div>
        <ul className="recycling-devices">
          {devices.map((device) => (
            <li key={device.id} className="checkbox-line">
              <input
                type="checkbox"
                id={`recycle-${device.id}`}
                checked={ticked.has(device.id)}
                onChange={(event) => tick(device.id, event.target.checked)}
              />
              <label htmlFor={`recycle-${device.id}`}>
                <span className="asset-tag-link">{device.assetTag}</span> – {deviceName(device)}
                {device.weightKg !== null ? ` (${formatNumber(device.weightKg, i18n.language)} kg)` : ''}
              </label>
            </li>
          ))}
        </ul>
        {devicesError && (
          <p className="field-error" id="recycling-devices-error">
            {devicesError}
          </p>
        )}
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t('recycling.shipment')}</legend>
        <div className="field-row">
          <Field
            id="recycling-shipped-on"
            name="shippedOn"
            type="date"
            label={t('recycling.shippedOn')}
            isRequired
            value={shippedOn}
            onChange={setShippedOn}
            inputProps={{ className: 'input-short' }}
            validate={(value) => (value ? null : t('validation.required'))}
          />
          <Field
            id="recycling-waste-code"
            name="wasteCode"
            label={t('recycling.wasteCode')}
            description={t('recycling.wasteCodeHelp')}
            optional
            value={wasteCode}
            onChange={setWasteCode}
            maxLength={20}
            inputProps={{ className: 'input-short', autoComplete: 'off' }}
          />
        </div>
        <div className="field-row">
          <Field
            id="recycling-recycler"
            name="recyclerName"
            label={t('recycling.recyclerName')}
            description={t('recycling.recyclerNameHelp')}
            isRequired
            value={recyclerName}
            onChange={setRecyclerName}
            maxLength={NAME_MAX_LENGTH}
            autoComplete="organization"
            validate={(value) => (value.trim() ? null : t('validation.required'))}
          />
          <Field
            id="recycling-recycler-siret"
            name="recyclerSiret"
            label={t('recycling.recyclerSiret')}
            optional
            value={recyclerSiret}
            onChange={setRecyclerSiret}
            maxLength={20}
            inputProps={{ inputMode: 'numeric', autoComplete: 'off' }}
            validate={(value) => (value.trim() && !isValidSiret(value) ? t('validation.siret') : null)}
          />
        </div>
        <div className="field-row">
          <Field
            id="recycling-eco"
            name="ecoOrganisme"
            label={t('recycling.ecoOrganisme')}
            description={t('recycling.ecoOrganismeHelp')}
            optional
            value={ecoOrganisme}
            onChange={setEcoOrganisme}
            maxLength={NAME_MAX_LENGTH}
            inputProps={{ autoComplete: 'off' }}
          />
          <Field
            id="recycling-eco-siren"
            name="ecoOrganismeSiren"
            label={t('recycling.ecoOrganismeSiren')}
            optional
            value={ecoOrganismeSiren}
            onChange={setEcoOrganismeSiren}
            maxLength={20}
            inputProps={{ inputMode: 'numeric', autoComplete: 'off' }}
            validate={(value) => (value.trim() && !isValidSiren(value) ? t('recycling.sirenInvalid') : null)}
          />
        </div>
        <div className="field-row">
          <Field
            id="recycling-tracking"
            name="trackingNumber"
            label={t('recycling.trackingNumber')}
            description={t('recycling.trackingNumberHelp')}
            optional
            value={trackingNumber}
            onChange={setTrackingNumber}
            maxLength={100}
            inputProps={{ autoComplete: 'off' }}
          />
          <Field
            id="recycling-weight"
            name="weightKg"
            label={t('recycling.weightKg')}
            description={t('recycling.weightKgHelp')}
            optional
            value={weight}
            onChange={setWeight}
            inputProps={{ inputMode: 'decimal', className: 'input-short', autoComplete: 'off' }}
            validate={(value) => {
              const number = parseDecimal(value);
              if (number === undefined) return null;
              if (Number.isNaN(number)) return t('validation.number');
              return number < 0 || number > 1_000_000
                ? t('validation.numberRange', { max: formatNumber(1_000_000, i18n.language) })
                : null;
            }}
          />
        </div>
        <TextAreaField
          id="recycling-note"
          name="note"
          label={t('recycling.note')}
          optional
          rows={2}
          value={note}
          onChange={setNote}
          maxLength={2000}
        />
      </fieldset>

      <div className="dialog-actions">
        <Button className="button button-secondary" onPress={close} isDisabled={busy}>
          {t('common.cancel')}
        </Button>
        <button type="submit" className="button button-primary" aria-disabled={busy}>
          {busy ? t('recycling.sending') : t('recycling.submit')}
        </button>
      </div>

      <ModalOverlay
        className="modal-overlay"
        isOpen={confirming}
        onOpenChange={(open) => {
          if (!open && !busy) setConfirming(false);
        }}
        isDismissable={!busy}
        isKeyboardDismissDisabled={busy}
      >
        <Modal className="modal">
          <Dialog role="alertdialog" className="dialog">
            <Heading slot="title" className="dialog-title">
              {t('recycling.confirmTitle')}
            </Heading>
            <p className="dialog-body">{t('recycling.confirm', { count: chosen.length })}</p>
            <div className="dialog-actions">
              <Button
                className="button button-secondary"
                onPress={() => setConfirming(false)}
                isDisabled={busy}
                autoFocus
              >
                {t('common.cancel')}
              </Button>
              <Button className="button button-danger" onPress={() => void send()} isDisabled={busy}>
                {busy ? t('recycling.sending') : t('recycling.confirmButton')}
              </Button>
            </div>
          </Dialog>
        </Modal>
      </ModalOverlay>
    </Form>
  );
}

/** The button that opens the dialog to send these devices (all `to_recycle`, one organisation's). */
export function SendToRecyclingButton({
  organisationId,
  devices,
  onSent,
  label,
  className = 'button button-primary',
}: {
  organisationId: string;
  devices: readonly Device[];
  onSent: (batch: RecyclingBatch, sent: Device[]) => void;
  label?: string;
  className?: string;
}) {
  const { t } = useTranslation();
  return (
    <DialogTrigger>
      <Button className={className}>{label ?? t('recycling.send')}</Button>
      <ModalOverlay className="modal-overlay" isDismissable={false}>
        <Modal className="modal modal-wide">
          <Dialog className="dialog">
            {({ close }) => (
              <>
                <Heading slot="title" className="dialog-title">
                  {t('recycling.sendTitle', { count: devices.length })}
                </Heading>
                <RecyclingForm
                  organisationId={organisationId}
                  devices={devices}
                  close={close}
                  onSent={onSent}
                />
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
