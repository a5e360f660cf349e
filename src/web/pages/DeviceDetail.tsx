/**
 * One device: its asset tag big, everything known of it, its status with the allowed next statuses as
 * buttons, the edit form, its erasures (and the form to record one), its documents (label, erasure
 * certificate) and its history, newest first.
 */
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  ApiError,
  api,
  type DeviceDetail as Detail,
  type DeviceEvent,
  type DeviceStatus,
  documents,
  type Erasure,
  STORAGE_TYPES,
} from '../api.ts';
import { DeviceEditForm } from '../components/DeviceEditForm.tsx';
import { ErasureForm } from '../components/ErasureForm.tsx';
import { Field } from '../components/forms.tsx';
import {
  deviceName,
  fieldLabel,
  formatNumber,
  StatusBadge,
  useLabelLayout,
} from '../components/inventory.tsx';
import {
  DateTime,
  ErrorAlert,
  Loading,
  Page,
  SuccessNotice,
  TableScroll,
  useLoad,
} from '../components/ui.tsx';
import { nextStatuses } from '../lifecycle.ts';

function useValueText(locationNames: Readonly<Record<string, string>>) {
  const { t, i18n } = useTranslation();
  return (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return t('common.none');
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    if (typeof value === 'number') return formatNumber(value, i18n.language);
    if (field === 'locationId' && typeof value === 'string')
      return locationNames[value] ?? t('device.unknownLocation');
    if (field === 'storageType' && (STORAGE_TYPES as readonly unknown[]).includes(value))
      return t(`storageTypes.${value as (typeof STORAGE_TYPES)[number]}`);
    return String(value);
  };
}

function StatusPanel({
  device,
  onMoved,
  onStale,
}: {
  device: Detail;
  onMoved: (to: DeviceStatus) => void;
  onStale: () => void;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<DeviceStatus | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [stale, setStale] = useState(false);
  const moves = nextStatuses(device.status);
  const canMove = device.can.edit && moves.length > 0;

  async function move(to: DeviceStatus) {
    if (busy) return;
    setBusy(to);
    setError(null);
    setStale(false);
    try {
      await api.changeStatus(device.id, {
        status: to,
        expectedStatus: device.status,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      setNote('');
      onMoved(to);
    } catch (err) {
      setError(err);
      // Changed by someone else meanwhile: show the device as it is now.
      if (err instanceof ApiError && err.status === 409) {
        setStale(true);
        onStale();
      }
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="card status-panel" aria-labelledby="status-title">
      <h2 id="status-title">{t('device.statusTitle')}</h2>
      <p className="status-now">
        <StatusBadge status={device.status} />
      </p>
      {error ? (
        <div className="alert alert-error" role="alert">
          <p>{error instanceof ApiError ? error.detail : t('errors.unexpected')}</p>
          {stale && <p>{t('device.reloaded')}</p>}
        </div>
      ) : null}
      {canMove ? (
        <>
          <Field
            id="status-note"
            label={t('device.moveNote')}
            optional
            value={note}
            onChange={setNote}
            maxLength={1000}
          />
          <p className="help">{t('device.movesHelp')}</p>
          <div className="actions status-moves">
            {moves.map((to) => (
              <button
                key={to}
                type="button"
                className={
                  to === 'lost' || to === 'to_recycle' ? 'button button-secondary' : 'button button-primary'
                }
                aria-disabled={busy !== null}
                onClick={() => void move(to)}
              >
                {busy === to ? t('common.saving') : t('device.moveTo', { status: t(`statuses.${to}`) })}
              </button>
            ))}
          </div>
          {device.status === 'to_recycle' && (
            <p>
              <Link to={`/stock/recyclage?organisation=${device.organisationId}`}>
                {t('device.toRecycling')}
              </Link>
            </p>
          )}
        </>
      ) : (
        <p className="muted">{device.can.edit ? t('device.noMoves') : t('device.readOnly')}</p>
      )}
    </section>
  );
}

function Erasures({ erasures }: { erasures: Erasure[] }) {
  const { t } = useTranslation();
  if (erasures.length === 0) return <p className="empty">{t('erasure.none')}</p>;
  return (
    <TableScroll label={t('erasure.caption')}>
      <table>
        <caption className="visually-hidden">{t('erasure.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('erasure.diskSerial')}</th>
            <th scope="col">{t('erasure.method')}</th>
            <th scope="col">{t('erasure.level')}</th>
            <th scope="col">{t('erasure.tool')}</th>
            <th scope="col">{t('erasure.passes')}</th>
            <th scope="col">{t('erasure.verified')}</th>
            <th scope="col">{t('erasure.result')}</th>
            <th scope="col">{t('erasure.operator')}</th>
            <th scope="col">{t('erasure.performedAt')}</th>
          </tr>
        </thead>
        <tbody>
          {erasures.map((erasure) => (
            <tr key={erasure.id}>
              <th scope="row">{erasure.diskSerial ?? t('common.none')}</th>
              <td className="cell-method">{erasure.method}</td>
              <td>{erasure.level ? t(`erasure.levels.${erasure.level}`) : t('common.none')}</td>
              <td>{[erasure.tool, erasure.toolVersion].filter(Boolean).join(' ') || t('common.none')}</td>
              <td>{erasure.passes ?? t('common.none')}</td>
              <td>{erasure.verified ? t('common.yes') : t('common.no')}</td>
              <td>
                <span className={erasure.result === 'passed' ? 'status status-ok' : 'status status-failed'}>
                  {t(`erasure.results.${erasure.result}`)}
                </span>
              </td>
              <td>{erasure.operatorName ?? t('common.none')}</td>
              <td className="nowrap">
                <DateTime value={erasure.performedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** An erasure event's result and disk, carried as data in its changes. */
function erasureOf(event: DeviceEvent): { result: 'passed' | 'failed'; diskSerial: string | null } | null {
  const result = event.changes?.result?.to;
  if (event.kind !== 'erasure' || (result !== 'passed' && result !== 'failed')) return null;
  const disk = event.changes?.diskSerial?.to;
  return { result, diskSerial: typeof disk === 'string' && disk ? disk : null };
}

function History({
  events,
  valueText,
}: {
  events: DeviceEvent[];
  valueText: (field: string, value: unknown) => string;
}) {
  const { t } = useTranslation();
  return (
    <ol className="timeline">
      {events.map((event, index) => {
        // The location, when it changed since the event before (events are newest first).
        const before = events[index + 1];
        const showLocation = event.locationName && (!before || before.locationId !== event.locationId);
        const erasure = erasureOf(event);
        return (
          <li key={event.id} className={`timeline-item timeline-${event.kind}`}>
            <p className="timeline-title">
              <strong>{t(`history.kinds.${event.kind}`)}</strong>
              {event.toStatus && event.kind !== 'received' && (
                <>
                  {' : '}
                  {event.fromStatus ? (
                    <>
                      {t(`statuses.${event.fromStatus}`)} <span aria-hidden="true">→</span>
                      <span className="visually-hidden"> {t('history.to')} </span>{' '}
                      {t(`statuses.${event.toStatus}`)}
                    </>
                  ) : (
                    t(`statuses.${event.toStatus}`)
                  )}
                </>
              )}
              {erasure && (
                <>
                  {' : '}
                  {erasure.diskSerial
                    ? t('history.erasureOfDisk', {
                        result: t(`erasure.results.${erasure.result}`),
                        disk: erasure.diskSerial,
                      })
                    : t(`erasure.results.${erasure.result}`)}
                </>
              )}
            </p>
            {!erasure && event.changes && Object.keys(event.changes).length > 0 && (
              <ul className="timeline-changes">
                {Object.entries(event.changes).map(([field, change]) => (
                  <li key={field}>
                    {t('history.change', {
                      field: fieldLabel(field),
                      from: valueText(field, change.from),
                      to: valueText(field, change.to),
                    })}
                  </li>
                ))}
              </ul>
            )}
            {showLocation && <p>{t('history.location', { name: event.locationName })}</p>}
            {event.note && <p className="timeline-note">{t('history.note', { note: event.note })}</p>}
            <p className="muted small">
              {event.actorName ? `${event.actorName} · ` : ''}
              <DateTime value={event.at} />
            </p>
          </li>
        );
      })}
    </ol>
  );
}

export default function DeviceDetail() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const loaded = useLoad((signal) => api.device(id, signal), [id]);
  const device = loaded.data?.id === id ? loaded.data : undefined;
  const organisationId = device?.organisationId;
  const locations = useLoad(
    (signal) =>
      organisationId
        ? api.locations({ organisationId, archived: true }, signal)
        : Promise.resolve({ items: [], nextCursor: null }),
    [organisationId],
  );
  const locationList = locations.data?.items ?? [];
  const locationNames = useMemo(
    () => Object.fromEntries((locations.data?.items ?? []).map((l) => [l.id, l.name])),
    [locations.data],
  );
  const valueText = useValueText(locationNames);
  const [layout] = useLabelLayout();
  const [notice, setNotice] = useState('');
  const [editing, setEditing] = useState(false);
  const [recording, setRecording] = useState(false);
  const noticeRef = useRef<HTMLDivElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const erasureButton = useRef<HTMLButtonElement>(null);

  function say(message: string) {
    setNotice(message);
    window.setTimeout(() => noticeRef.current?.focus(), 0);
  }

  const properties: [string, string][] = device
    ? [
        [t('deviceFields.type'), t(`deviceTypes.${device.type}`)],
        [fieldLabel('brand'), valueText('brand', device.brand)],
        [fieldLabel('model'), valueText('model', device.model)],
        [fieldLabel('serialNumber'), valueText('serialNumber', device.serialNumber)],
        [fieldLabel('cpu'), valueText('cpu', device.cpu)],
        [fieldLabel('ramGb'), valueText('ramGb', device.ramGb)],
        [fieldLabel('storageGb'), valueText('storageGb', device.storageGb)],
        [fieldLabel('storageType'), valueText('storageType', device.storageType)],
        [fieldLabel('screenSizeInches'), valueText('screenSizeInches', device.screenSizeInches)],
        [fieldLabel('batteryHealthPercent'), valueText('batteryHealthPercent', device.batteryHealthPercent)],
        [fieldLabel('weightKg'), valueText('weightKg', device.weightKg)],
        [fieldLabel('osImage'), valueText('osImage', device.osImage)],
        [fieldLabel('grade'), device.grade ? t(`grades.${device.grade}`) : t('grades.none')],
        [fieldLabel('partsReplaced'), valueText('partsReplaced', device.partsReplaced)],
        [
          fieldLabel('qualityCheckPassed'),
          device.qualityCheckPassed === null
            ? t('device.qualityUnknown')
            : device.qualityCheckPassed
              ? t('device.qualityPassed')
              : t('device.qualityFailed'),
        ],
        [
          fieldLabel('locationId'),
          device.locationId ? valueText('locationId', device.locationId) : t('device.noLocation'),
        ],
        [fieldLabel('notes'), valueText('notes', device.notes)],
      ]
    : [];

  return (
    <Page
      help="effacer-et-certifier"
      title={device ? `${device.assetTag} – ${deviceName(device)}` : t('device.titleShort')}
      heading={
        device ? (
          <>
            <span className="asset-tag-big">{device.assetTag}</span>
            <span className="heading-sub">{deviceName(device)}</span>
          </>
        ) : (
          t('device.titleShort')
        )
      }
      className="page-device"
    >
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      {loaded.loading && !device && <Loading />}
      {device && (
        <>
          <p className="breadcrumbs">
            <Link to="/stock">{t('device.backToStock')}</Link>
            {device.donationId && (
              <>
                {' · '}
                <Link to={`/dons/${device.donationId}`}>{t('device.toDonation')}</Link>
              </>
            )}
          </p>
          <div ref={noticeRef} tabIndex={-1} className="notice-anchor">
            <SuccessNotice>{notice}</SuccessNotice>
          </div>
          <div className="detail-grid">
            <StatusPanel
              device={device}
              onMoved={(to) => {
                loaded.reload();
                say(t('device.moved', { status: t(`statuses.${to}`) }));
              }}
              onStale={loaded.reload}
            />
            <section className="card" aria-labelledby="documents-title">
              <h2 id="documents-title">{t('device.documents')}</h2>
              <ul className="link-list">
                <li>
                  <a href={documents.labelsPdf([device.id], layout)} type="application/pdf">
                    {t('device.labelPdf')}
                  </a>
                </li>
                {device.certificateNumber ? (
                  <li>
                    <a href={documents.erasureCertificatePdf(device.id)} type="application/pdf">
                      {t('device.certificatePdf')}
                    </a>{' '}
                    <span className="muted">({device.certificateNumber})</span>
                  </li>
                ) : (
                  <li className="muted">{t('device.noCertificate')}</li>
                )}
              </ul>
            </section>
          </div>

          <section className="card" aria-labelledby="properties-title">
            <div className="card-heading">
              <h2 id="properties-title">{t('device.properties')}</h2>
              {device.can.edit && !editing && (
                <button
                  type="button"
                  ref={editButton}
                  className="button button-secondary"
                  onClick={() => setEditing(true)}
                >
                  {t('device.edit')}
                </button>
              )}
            </div>
            {editing ? (
              <DeviceEditForm
                device={device}
                locations={locationList}
                onSaved={() => {
                  setEditing(false);
                  loaded.reload();
                  say(t('device.saved'));
                }}
                onCancel={() => {
                  setEditing(false);
                  window.setTimeout(() => editButton.current?.focus(), 0);
                }}
              />
            ) : (
              <dl className="properties properties-columns">
                {properties.map(([label, value]) => (
                  <div key={label} className="property">
                    <dt>{label}</dt>
                    <dd className="pre-line">{value}</dd>
                  </div>
                ))}
              </dl>
            )}
          </section>

          <section className="card" aria-labelledby="erasures-title">
            <div className="card-heading">
              <h2 id="erasures-title">{t('erasure.title')}</h2>
              {device.can.recordErasure && !recording && (
                <button
                  type="button"
                  ref={erasureButton}
                  className="button button-secondary"
                  onClick={() => setRecording(true)}
                >
                  {t('erasure.record')}
                </button>
              )}
            </div>
            <Erasures erasures={device.erasures} />
            {recording && (
              <section aria-labelledby="erasure-form-title" className="subsection">
                <h3 id="erasure-form-title">{t('erasure.record')}</h3>
                <ErasureForm
                  device={device}
                  onRecorded={(erasure) => {
                    setRecording(false);
                    loaded.reload();
                    say(
                      erasure.result === 'passed'
                        ? t('erasure.recordedPassed', { number: erasure.certificateNumber })
                        : t('erasure.recordedFailed'),
                    );
                  }}
                  onCancel={() => {
                    setRecording(false);
                    window.setTimeout(() => erasureButton.current?.focus(), 0);
                  }}
                />
              </section>
            )}
          </section>

          <section className="card" aria-labelledby="history-title">
            <h2 id="history-title">{t('history.title')}</h2>
            <History events={device.events} valueText={valueText} />
          </section>
        </>
      )}
    </Page>
  );
}
