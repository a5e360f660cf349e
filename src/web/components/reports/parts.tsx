/**
 * Pieces shared by the report pages: the period kept in the address (`?du=&au=`), the key figures, the
 * people reached by public against the targets, tables of counts with their shares, the impact with its method,
 * and the download buttons (the file is fetched in the interface's language, with
 * a busy indicator while the server prepares it).
 */
import { type FormEvent, type ReactNode, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFile, type PeopleCount, SMALL_COUNT } from '../../reportsApi.ts';
import { useAddressSearch } from '../lists.tsx';
import { ErrorAlert, TableScroll, useAnnounce } from '../ui.tsx';
import { countOf, formatCount, formatShare, PeopleFigure, ShareOf } from './format.tsx';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The period asked for in the address (`?du=&au=`); undefined ends take the server's default. */
export function usePeriodParams(): {
  from: string | undefined;
  to: string | undefined;
  set: (from: string, to: string) => void;
  params: URLSearchParams;
  update: (changes: Record<string, string | undefined>) => void;
} {
  const { params, update } = useAddressSearch();
  const du = params.get('du') ?? '';
  const au = params.get('au') ?? '';
  return {
    from: DAY.test(du) ? du : undefined,
    to: DAY.test(au) ? au : undefined,
    set: (from, to) => update({ du: from, au: to }),
    params,
    update,
  };
}

/**
 * « Du … au … » and « Afficher »: the days the report shows (the server's answer) fill the fields; a
 * reversed or incomplete period is refused here, next to the field.
 */
export function PeriodFilter({
  shown,
  onSubmit,
}: {
  /** The period of the report on screen. */
  shown: { from: string; to: string } | undefined;
  onSubmit: (from: string, to: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [fromText, setFromText] = useState(shown?.from ?? '');
  const [toText, setToText] = useState(shown?.to ?? '');
  const [error, setError] = useState('');
  useEffect(() => {
    if (!shown) return;
    setFromText(shown.from);
    setToText(shown.to);
  }, [shown]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!DAY.test(fromText) || !DAY.test(toText) || toText < fromText) {
      setError(t('reports.periodError'));
      document.getElementById(`${id}-to`)?.focus();
      return;
    }
    setError('');
    onSubmit(fromText, toText);
  }

  return (
    <form className="filters" onSubmit={submit} noValidate aria-label={t('reports.periodLabel')}>
      <div className="field">
        <label htmlFor={`${id}-from`}>{t('reports.from')}</label>
        <input
          id={`${id}-from`}
          type="date"
          className="input-short"
          value={fromText}
          onChange={(event) => setFromText(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>{t('reports.to')}</label>
        <input
          id={`${id}-to`}
          type="date"
          className="input-short"
          value={toText}
          aria-invalid={error ? true : undefined}
          {...(error ? { 'aria-describedby': `${id}-error` } : {})}
          onChange={(event) => setToText(event.target.value)}
        />
        {error && (
          <p className="field-error" id={`${id}-error`}>
            {error}
          </p>
        )}
      </div>
      <button type="submit" className="button button-secondary">
        {t('reports.show')}
      </button>
    </form>
  );
}

export interface KeyFigure {
  key: string;
  label: string;
  value: ReactNode;
  /** What the figure is compared with or counted out of. */
  detail?: ReactNode;
}

/** The figures people look for first, large, in a description list. */
export function KeyFigures({ figures, label }: { figures: KeyFigure[]; label: string }) {
  return (
    <dl className="key-figures" aria-label={label}>
      {figures.map((figure) => (
        <div key={figure.key} className="key-figure">
          <dt>{figure.label}</dt>
          <dd>
            <span className="key-figure-value">{figure.value}</span>
            {figure.detail && <span className="key-figure-detail">{figure.detail}</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** CO2e and WEEE avoided, with the way they are counted right beside them. */
export function ImpactFigures({
  co2eAvoidedKg,
  weeeAvoidedKg,
  method,
}: {
  co2eAvoidedKg: number;
  weeeAvoidedKg: number;
  method: string;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <>
      <KeyFigures
        label={t('reports.impact.title')}
        figures={[
          {
            key: 'co2e',
            label: t('reports.impact.co2e'),
            value: t('reports.kg', { value: formatCount(co2eAvoidedKg, language) }),
            detail: t('reports.impact.co2eUnit'),
          },
          {
            key: 'weee',
            label: t('reports.impact.weee'),
            value: t('reports.kg', { value: formatCount(weeeAvoidedKg, language) }),
          },
        ]}
      />
      <div className="impact-method">
        <h3 className="subheading">{t('reports.impact.methodTitle')}</h3>
        <p>{method}</p>
      </div>
    </>
  );
}

export interface Download {
  key: string;
  label: string;
  address: string;
  fileName: string;
}

/** The report's files; each is fetched on press, « Préparation… » while the server makes it. */
export function Downloads({ files, title }: { files: Download[]; title: string }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function download(file: Download) {
    if (busy) return;
    setBusy(file.key);
    setError(null);
    announce(t('reports.downloads.preparing', { file: file.label }));
    try {
      await downloadFile(file.address, file.fileName);
      announce(t('reports.downloads.ready', { file: file.label }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="report-downloads" aria-label={title}>
      <h2 className="visually-hidden">{title}</h2>
      <div className="actions">
        {files.map((file) => (
          <button
            key={file.key}
            type="button"
            className="button button-secondary"
            aria-disabled={busy !== null}
            onClick={() => void download(file)}
          >
            {busy === file.key ? (
              <>
                <span className="spinner" aria-hidden="true" />
                {t('reports.downloads.busy', { file: file.label })}
              </>
            ) : (
              file.label
            )}
          </button>
        ))}
      </div>
      <ErrorAlert error={error} />
    </section>
  );
}

export interface GroupTargetRow {
  group: 'pupil' | 'job_seeker' | 'senior' | 'household' | 'association';
  count: number;
  target: number | null;
}

/** People reached per public against the targets: count, target, achievement (none without a target). */
export function GroupTargetTable({
  label,
  countHeader,
  rows,
}: {
  label: string;
  countHeader: string;
  rows: GroupTargetRow[];
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <TableScroll label={label}>
      <table>
        <caption className="visually-hidden">{label}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.colPublic')}</th>
            <th scope="col" className="numeric">
              {countHeader}
            </th>
            <th scope="col" className="numeric">
              {t('reports.target')}
            </th>
            <th scope="col" className="numeric">
              {t('reports.achievement')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.group}>
              <th scope="row">{t(`targetGroups.${row.group}`)}</th>
              <td className="numeric">{formatCount(row.count, language)}</td>
              <td className="numeric">
                {row.target === null ? t('reports.noTarget') : formatCount(row.target, language)}
              </td>
              <td className="numeric">
                {row.target ? formatShare(row.count / row.target, language) : t('reports.noTarget')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** A count's share of a base; « moins de 5 » when a funder's copy masks either. */
export function MaskableShare({ count, base }: { count: PeopleCount; base: PeopleCount }) {
  const value = countOf(count);
  const total = countOf(base);
  if (value === null || total === null) return <PeopleFigure value={SMALL_COUNT} />;
  return <ShareOf count={value} base={total} />;
}

/**
 * A table of counts with their shares of a base — the persons equipped, the answers to the follow-ups. A
 * funder's copy may mask a count or the base (« < 5 »): its share then reads « moins de 5 » too.
 */
export function ShareTable({
  caption,
  header,
  countHeader,
  rows,
  base,
  note,
}: {
  caption: string;
  /** The first column's header (what the rows are). */
  header: string;
  /** The counts' header (« Personnes »…). */
  countHeader: string;
  rows: { key: string; label: string; count: PeopleCount }[];
  base: PeopleCount;
  note?: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <h3 className="subheading">{caption}</h3>
      {note && <p className="help">{note}</p>}
      <TableScroll label={caption}>
        <table>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{header}</th>
              <th scope="col" className="numeric">
                {countHeader}
              </th>
              <th scope="col" className="numeric">
                {t('reports.colShare')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                <td className="numeric">
                  <PeopleFigure value={row.count} />
                </td>
                <td className="numeric">
                  <MaskableShare count={row.count} base={base} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
