/**
 * Import a donation's devices from a spreadsheet (CSV or XLSX, up to 10 MB): first a check that shows
 * the first rows as read and every error with its row and column, then the import itself — every row
 * or none. A progress bar follows the upload, then the server's work.
 */
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  ApiError,
  api,
  DEVICE_TYPES,
  type FieldProblem,
  IMPORT_MAX_BYTES,
  type ImportPreview,
  isAbort,
  STORAGE_TYPES,
  type UploadPhase,
  uploadDeviceFile,
} from '../api.ts';
import {
  DEVICE_FIELD_NAMES,
  fieldLabel,
  formatDay,
  formatNumber,
  useDonationParties,
} from '../components/inventory.tsx';
import {
  ErrorAlert,
  Loading,
  Page,
  SuccessNotice,
  TableScroll,
  useAnnounce,
  useLoad,
} from '../components/ui.tsx';
import { i18n } from '../i18n/index.ts';

const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** "Numéro de série" → "numéro de série" inside a sentence; "RAM (Go)" stays as it is. */
function lowerFirst(label: string): string {
  return /^\p{Lu}\p{Ll}/u.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

/** "Ligne 17, numéro de série", "En-tête", "Fichier". */
function problemPlace(path: string): string {
  const match = /^row (\d+)(?:\.(\w+))?$/.exec(path);
  if (match) {
    const row = match[1] as string;
    return match[2]
      ? i18n.t('import.rowField', { row, field: lowerFirst(fieldLabel(match[2])) })
      : i18n.t('import.row', { row });
  }
  if (path === 'header') return i18n.t('import.header');
  if (path === 'file' || path === '') return i18n.t('import.wholeFile');
  return path;
}

function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

function Problems({ problems, title }: { problems: FieldProblem[]; title: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div className="alert alert-error import-problems" role="alert" tabIndex={-1} ref={ref}>
      <h2>{title}</h2>
      <p>{t('import.problemsCount', { count: problems.length })}</p>
      <ul>
        {problems.map((problem, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a row may have several errors on the same field.
          <li key={`${problem.path}-${index}`}>
            <strong>{problemPlace(problem.path)}</strong> : {problem.message}
          </li>
        ))}
      </ul>
      <p>{t('import.fixAndRetry')}</p>
    </div>
  );
}

function PreviewTable({ preview }: { preview: Record<string, unknown>[] }) {
  const { t, i18n } = useTranslation();
  const present = DEVICE_FIELD_NAMES.filter((name) =>
    preview.some((row) => row[name] !== undefined && row[name] !== null),
  );
  const cell = (value: unknown, name: string): string => {
    if (value === undefined || value === null || value === '') return t('common.none');
    if (name === 'type' && isOneOf(DEVICE_TYPES, value)) return t(`deviceTypes.${value}`);
    if (name === 'storageType' && isOneOf(STORAGE_TYPES, value)) return t(`storageTypes.${value}`);
    if (typeof value === 'number') return formatNumber(value, i18n.language);
    return String(value);
  };
  return (
    <TableScroll label={t('import.previewCaption')}>
      <table>
        <caption className="visually-hidden">{t('import.previewCaption')}</caption>
        <thead>
          <tr>
            {present.map((name) => (
              <th key={name} scope="col">
                {fieldLabel(name)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.map((row, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows of a file have no identity but their place.
            <tr key={index}>
              {present.map((name) => (
                <td key={name}>{cell(row[name], name)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function Progress({ phase, sent, total }: { phase: UploadPhase; sent: number; total: number }) {
  const { t } = useTranslation();
  const id = useId();
  const percent = total > 0 ? Math.min(100, Math.round((sent / total) * 100)) : 0;
  return (
    <div className="upload-progress" aria-busy="true">
      <label htmlFor={id}>
        {phase === 'uploading' ? t('import.uploading', { percent }) : t('import.processing')}
      </label>
      {phase === 'uploading' ? (
        <progress id={id} max={100} value={percent}>
          {percent} %
        </progress>
      ) : (
        <progress id={id} />
      )}
    </div>
  );
}

export default function DeviceImport() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const { id = '' } = useParams();
  const loaded = useLoad((signal) => api.donation(id, signal), [id]);
  const donation = loaded.data?.id === id ? loaded.data : undefined;
  const { donor } = useDonationParties(donation);
  const fileId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState('');
  const [phase, setPhase] = useState<UploadPhase | null>(null);
  const [sent, setSent] = useState({ sent: 0, total: 0 });
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [created, setCreated] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const controller = useRef<AbortController | null>(null);
  const resultRef = useRef<HTMLElement>(null);

  useEffect(() => () => controller.current?.abort(), []);

  async function send(dryRun: boolean) {
    if (!file || phase) return;
    controller.current = new AbortController();
    setError(null);
    setSent({ sent: 0, total: file.size });
    try {
      const answer = await uploadDeviceFile<ImportPreview | { created: number }>(id, file, {
        dryRun,
        signal: controller.current.signal,
        onPhase: setPhase,
        onProgress: (value, total) => setSent({ sent: value, total }),
      });
      if ('created' in answer) {
        setCreated(answer.created);
        setPreview(null);
        announce(t('import.created', { count: answer.created }));
      } else {
        setPreview(answer);
        announce(
          answer.errors.length > 0
            ? t('import.problemsCount', { count: answer.errors.length })
            : t('import.checked', { count: answer.rows }),
        );
      }
      // The list of problems takes the focus itself; otherwise the result does.
      if ('created' in answer || answer.errors.length === 0)
        window.setTimeout(() => resultRef.current?.focus(), 0);
    } catch (err) {
      if (!isAbort(err)) setError(err);
    } finally {
      setPhase(null);
    }
  }

  function choose(chosen: File | null) {
    setPreview(null);
    setCreated(null);
    setError(null);
    setFileError('');
    if (chosen && chosen.size > IMPORT_MAX_BYTES) {
      setFile(null);
      setFileError(t('import.tooBig', { size: formatNumber(chosen.size / 1024 / 1024, i18n.language) }));
      return;
    }
    setFile(chosen);
  }

  const problems = error instanceof ApiError && error.errors.length > 0 ? error.errors : null;
  return (
    <Page help="recevoir-un-lot" title={t('import.title')}>
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
      {donation?.can.addDevices && (
        <>
          <div className="detail-grid align-start">
            <form
              className="card form"
              aria-busy={phase !== null}
              onSubmit={(event: FormEvent) => {
                event.preventDefault();
                if (!file) {
                  setFileError(t('import.noFile'));
                  fileRef.current?.focus();
                  return;
                }
                void send(true);
              }}
            >
              <div className="field">
                <label htmlFor={fileId}>{t('import.file')}</label>
                <p className="help" id={`${fileId}-help`}>
                  {t('import.fileHelp')}
                </p>
                <input
                  id={fileId}
                  ref={fileRef}
                  type="file"
                  accept={ACCEPT}
                  className="file-input"
                  aria-describedby={`${fileId}-help${fileError ? ` ${fileId}-error` : ''}`}
                  aria-invalid={fileError ? true : undefined}
                  disabled={phase !== null}
                  onChange={(event) => choose(event.target.files?.[0] ?? null)}
                />
                {fileError && (
                  <p className="field-error" id={`${fileId}-error`} role="alert">
                    {fileError}
                  </p>
                )}
              </div>
              <div className="actions">
                <button type="submit" className="button button-primary" aria-disabled={phase !== null}>
                  {t('import.check')}
                </button>
                {phase && (
                  <button
                    type="button"
                    className="button button-secondary"
                    onClick={() => controller.current?.abort()}
                  >
                    {t('common.cancel')}
                  </button>
                )}
              </div>
              {phase && <Progress phase={phase} sent={sent.sent} total={sent.total} />}
            </form>
            <section className="card" aria-labelledby="columns-title">
              <h2 id="columns-title">{t('import.columnsTitle')}</h2>
              <p>{t('import.columnsIntro')}</p>
              <ul className="columns-list">
                <li>{t('import.columns.type')}</li>
                <li>{t('import.columns.brand')}</li>
                <li>{t('import.columns.model')}</li>
                <li>{t('import.columns.serialNumber')}</li>
                <li>{t('import.columns.cpu')}</li>
                <li>{t('import.columns.ramGb')}</li>
                <li>{t('import.columns.storageGb')}</li>
                <li>{t('import.columns.storageType')}</li>
                <li>{t('import.columns.screenSizeInches')}</li>
                <li>{t('import.columns.batteryHealthPercent')}</li>
                <li>{t('import.columns.weightKg')}</li>
                <li>{t('import.columns.notes')}</li>
              </ul>
              <p className="help">{t('import.columnsFormat')}</p>
            </section>
          </div>

          <section className="import-result" ref={resultRef} tabIndex={-1} aria-label={t('import.result')}>
            {problems ? (
              <Problems problems={problems} title={t('import.refused')} />
            ) : (
              <ErrorAlert error={error} />
            )}
            {created !== null && (
              <SuccessNotice>
                {t('import.created', { count: created })}{' '}
                <Link to={`/dons/${id}`}>{t('import.toDonation')}</Link>
              </SuccessNotice>
            )}
            {preview && (
              <>
                <h2>{t('import.previewTitle')}</h2>
                <p>{t('import.rows', { count: preview.rows })}</p>
                {preview.preview.length > 0 && (
                  <>
                    <p className="help">{t('import.previewHelp', { count: preview.preview.length })}</p>
                    <PreviewTable preview={preview.preview} />
                  </>
                )}
                {preview.errors.length > 0 ? (
                  <Problems problems={preview.errors} title={t('import.problemsTitle')} />
                ) : (
                  preview.rows > 0 && (
                    <div className="actions">
                      <button
                        type="button"
                        className="button button-primary"
                        aria-disabled={phase !== null}
                        onClick={() => void send(false)}
                      >
                        {t('import.importN', { count: preview.rows })}
                      </button>
                    </div>
                  )
                )}
              </>
            )}
          </section>
        </>
      )}
    </Page>
  );
}
