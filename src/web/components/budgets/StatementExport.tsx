/**
 * The financial statement's downloads: the whole programme or one funding agreement, as PDF or XLSX, with
 * a busy indicator while the file is prepared and a spoken notice when it is ready. Rendered on the budget
 * page (the owner's readers: the same who may download it).
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../api.ts';
import { downloadFile } from '../../reportsApi.ts';
import { ErrorAlert, useAnnounce, useLoad } from '../ui.tsx';
import { useBudgetsTexts } from './ReportBudgetSection.tsx';

/** What the choice of agreement needs of a funding (`GET /programmes/{id}/fundings`). */
interface FundingChoice {
  id: string;
  funderLabel?: string;
  funderName?: string | null;
  agreementReference: string | null;
}

/** The address of the statement file (`fundingId`: one agreement's statement). */
export function statementAddress(programmeId: string, format: 'pdf' | 'xlsx', fundingId?: string): string {
  const query = fundingId ? `?fundingId=${encodeURIComponent(fundingId)}` : '';
  return `/api/v1/programmes/${encodeURIComponent(programmeId)}/budget/statement.${format}${query}`;
}

export function StatementExport({ programmeId }: { programmeId: string }) {
  const ready = useBudgetsTexts();
  const { t } = useTranslation();
  const announce = useAnnounce();
  const id = useId();
  const [fundingId, setFundingId] = useState('');
  const [busy, setBusy] = useState<'pdf' | 'xlsx' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const loaded = useLoad(
    (signal) =>
      request<{ items: FundingChoice[] }>(`/programmes/${encodeURIComponent(programmeId)}/fundings`, {
        signal,
      }),
    [programmeId],
  );
  if (!ready) return null;
  const agreements = loaded.data?.items ?? [];

  async function download(format: 'pdf' | 'xlsx') {
    if (busy) return;
    setBusy(format);
    setError(null);
    const file = `etat-financier.${format}`;
    announce(t('budgets.statement.busy'));
    try {
      await downloadFile(statementAddress(programmeId, format, fundingId || undefined), file);
      announce(t('budgets.statement.done', { file }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`} aria-busy={busy !== null}>
      <h2 id={`${id}-title`}>{t('budgets.statement.heading')}</h2>
      <p className="help">{t('budgets.statement.intro')}</p>
      <div className="field">
        <label htmlFor={`${id}-scope`}>{t('budgets.statement.scope')}</label>
        <select id={`${id}-scope`} value={fundingId} onChange={(event) => setFundingId(event.target.value)}>
          <option value="">{t('budgets.statement.wholeProgramme')}</option>
          {agreements.map((f) => (
            <option key={f.id} value={f.id}>
              {t('budgets.statement.agreement', {
                funder: f.funderLabel ?? f.funderName ?? '',
                reference: f.agreementReference ?? t('budgets.statement.noReference'),
              })}
            </option>
          ))}
        </select>
      </div>
      <div className="actions">
        {(['pdf', 'xlsx'] as const).map((format) => (
          <button
            key={format}
            type="button"
            className="button button-secondary"
            aria-disabled={busy !== null}
            onClick={() => void download(format)}
          >
            {busy === format ? (
              <>
                <span className="spinner" aria-hidden="true" />
                {t('budgets.statement.busy')}
              </>
            ) : (
              t(`budgets.statement.${format}`)
            )}
          </button>
        ))}
      </div>
      <ErrorAlert error={error ?? loaded.error} />
    </section>
  );
}
