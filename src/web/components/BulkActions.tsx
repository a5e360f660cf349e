/**
 * What can be done to the devices ticked on the stock page: change their status (all or none — the
 * server lists every device that cannot move, and why) or print their labels.
 */
import { type FormEvent, useState } from 'react';
import { Button, Dialog, DialogTrigger, Form, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ApiError, api, type Device, type DeviceStatus, documents, LABEL_LAYOUTS } from '../api.ts';
import { reachableFrom } from '../lifecycle.ts';
import { ErrorSummary, Field, SelectField, SubmitButton } from './forms.tsx';
import { useLabelLayout } from './inventory.tsx';

/** At most this many labels in one PDF: the device ids travel in the address. */
export const MAX_LABELS = 300;

/**
 * The devices the server refused, by asset tag: `<field>.N` names the Nth id sent. Problems about other
 * fields are left out (with `onlyDevices`) or listed under their path.
 */
export function refusals(
  error: unknown,
  ids: readonly string[],
  devices: ReadonlyMap<string, Device>,
  field = 'ids',
  onlyDevices = false,
) {
  if (!(error instanceof ApiError)) return [];
  const pattern = new RegExp(`^${field}\\.(\\d+)$`);
  return error.errors.flatMap((problem) => {
    const match = pattern.exec(problem.path);
    if (!match && onlyDevices) return [];
    const id = match ? ids[Number(match[1])] : undefined;
    const device = id ? devices.get(id) : undefined;
    return [{ key: problem.path, tag: device?.assetTag ?? problem.path, message: problem.message }];
  });
}

function StatusDialogBody({
  devices,
  close,
  onChanged,
}: {
  devices: ReadonlyMap<string, Device>;
  close: () => void;
  onChanged: (moved: Device[], status: DeviceStatus) => void;
}) {
  const { t } = useTranslation();
  const targets = reachableFrom([...devices.values()].map((d) => d.status));
  const [status, setStatus] = useState<DeviceStatus | ''>('');
  const [statusError, setStatusError] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sentIds, setSentIds] = useState<string[]>([]);
  const refused = refusals(error, sentIds, devices);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (!status) {
      setStatusError(t('validation.required'));
      document.getElementById('bulk-status')?.focus();
      return;
    }
    const ids = [...devices.keys()];
    setSentIds(ids);
    setBusy(true);
    setError(null);
    try {
      const { items } = await api.changeStatuses(ids, {
        status,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      onChanged(items, status);
      close();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <Form className="form" onSubmit={submit} aria-busy={busy}>
      {refused.length > 0 ? (
        <div className="alert alert-error" role="alert">
          <p>{error instanceof ApiError ? error.detail : ''}</p>
          <ul>
            {refused.map((r) => (
              <li key={r.key}>
                <strong>{r.tag}</strong> : {r.message}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <ErrorSummary error={error} fields={{}} />
      )}
      {targets.length === 0 ? (
        <p className="alert alert-info">{t('bulk.noTarget')}</p>
      ) : (
        <SelectField
          id="bulk-status"
          name="status"
          label={t('bulk.target')}
          value={status}
          onChange={(value) => {
            setStatus(value as DeviceStatus | '');
            setStatusError('');
          }}
          placeholder={t('bulk.choose')}
          options={targets.map((value) => ({ value, label: t(`statuses.${value}`) }))}
          isRequired
          error={statusError}
        />
      )}
      <Field
        id="bulk-note"
        name="note"
        label={t('bulk.note')}
        optional
        value={note}
        onChange={setNote}
        maxLength={1000}
      />
      <div className="dialog-actions">
        <Button className="button button-secondary" onPress={close} isDisabled={busy}>
          {t('common.cancel')}
        </Button>
        {targets.length > 0 && (
          <SubmitButton busy={busy}>{t('bulk.apply', { count: devices.size })}</SubmitButton>
        )}
      </div>
    </Form>
  );
}

export function BulkStatusButton({
  devices,
  onChanged,
}: {
  devices: ReadonlyMap<string, Device>;
  onChanged: (moved: Device[], status: DeviceStatus) => void;
}) {
  const { t } = useTranslation();
  return (
    <DialogTrigger>
      <Button className="button button-primary button-small">{t('bulk.changeStatus')}</Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">
            {({ close }) => (
              <>
                <Heading slot="title" className="dialog-title">
                  {t('bulk.statusTitle', { count: devices.size })}
                </Heading>
                <StatusDialogBody devices={devices} close={close} onChanged={onChanged} />
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

export function PrintLabelsButton({ ids }: { ids: readonly string[] }) {
  const { t } = useTranslation();
  const [layout, setLayout] = useLabelLayout();
  const [skip, setSkip] = useState('0');
  const skipCount = /^\d{1,2}$/.test(skip.trim()) ? Number(skip.trim()) : Number.NaN;
  const skipValid = skipCount >= 0 && skipCount <= 23;
  const tooMany = ids.length > MAX_LABELS;
  return (
    <DialogTrigger>
      <Button className="button button-secondary button-small">{t('bulk.printLabels')}</Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">
            {({ close }) => (
              <>
                <Heading slot="title" className="dialog-title">
                  {t('bulk.labelsTitle', { count: ids.length })}
                </Heading>
                {tooMany ? (
                  <p className="alert alert-info">{t('bulk.tooManyLabels', { max: MAX_LABELS })}</p>
                ) : (
                  <fieldset className="fieldset radio-group">
                    <legend>{t('bulk.layout')}</legend>
                    {LABEL_LAYOUTS.map((value) => (
                      <div key={value} className="radio-line">
                        <input
                          type="radio"
                          id={`layout-${value}`}
                          name="layout"
                          value={value}
                          checked={layout === value}
                          onChange={() => setLayout(value)}
                        />
                        <label htmlFor={`layout-${value}`}>{t(`bulk.layouts.${value}`)}</label>
                      </div>
                    ))}
                  </fieldset>
                )}
                {!tooMany && layout === 'a4-3x8' && (
                  <div className="field">
                    <label htmlFor="labels-skip">{t('bulk.skip')}</label>
                    <p className="help" id="labels-skip-help">
                      {t('bulk.skipHelp')}
                    </p>
                    <input
                      id="labels-skip"
                      type="text"
                      inputMode="numeric"
                      className="input-short"
                      value={skip}
                      onChange={(event) => setSkip(event.target.value)}
                      aria-describedby={`labels-skip-help${skipValid ? '' : ' labels-skip-error'}`}
                      aria-invalid={skipValid ? undefined : true}
                    />
                    {!skipValid && (
                      <p className="field-error" id="labels-skip-error">
                        {t('bulk.skipInvalid')}
                      </p>
                    )}
                  </div>
                )}
                <div className="dialog-actions">
                  <Button className="button button-secondary" onPress={close}>
                    {t('common.close')}
                  </Button>
                  {!tooMany && skipValid && (
                    <a
                      className="button button-primary"
                      href={documents.labelsPdf(ids, layout, layout === 'a4-3x8' ? skipCount : 0)}
                      target="_blank"
                      rel="noopener"
                      type="application/pdf"
                    >
                      {t('bulk.openLabels')}
                      <span className="visually-hidden"> {t('common.newTab')}</span>
                    </a>
                  )}
                </div>
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
