/**
 * The « Suivi » section of a person's page: their follow-ups (due day, programme and device, status with
 * when it was sent or reminded, the answers in a few words) with « Remplir » (a social worker fills it in
 * with the person) and « Imprimer la lettre » (the link and its QR code on paper; a follow-up « à
 * contacter » then counts as sent).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { followUpApi } from '../../followUpApi.ts';
import { formatDay } from '../inventory.tsx';
import { ErrorAlert, formatDate, Loading, TableScroll, useLoad } from '../ui.tsx';
import { AnswersSummary, downloadLetter, FollowUpStatusBadge } from './parts.tsx';

export function PersonFollowUps({ beneficiaryId, version = 0 }: { beneficiaryId: string; version?: number }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const loaded = useLoad((signal) => followUpApi.ofPerson(beneficiaryId, signal), [beneficiaryId, version]);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const items = loaded.data ?? [];

  async function letter(id: string) {
    if (busy) return;
    setBusy(id);
    setError(null);
    try {
      await downloadLetter(id, t('followup.list.letterFile'));
      loaded.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="card" aria-labelledby="followups-title" aria-busy={loaded.loading}>
      <h2 id="followups-title">{t('followup.person.title')}</h2>
      <p className="help">{t('followup.person.intro')}</p>
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      <ErrorAlert error={error} />
      {loaded.loading && !loaded.data && <Loading />}
      {loaded.data && items.length === 0 && <p className="empty">{t('followup.person.empty')}</p>}
      {items.length > 0 && (
        <TableScroll label={t('followup.person.caption')}>
          <table>
            <caption className="visually-hidden">{t('followup.person.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('followup.person.colDue')}</th>
                <th scope="col">{t('followup.person.colProgramme')}</th>
                <th scope="col">{t('followup.person.colStatus')}</th>
                <th scope="col">{t('followup.person.colAnswers')}</th>
                <th scope="col">{t('followup.person.colActions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((f) => (
                <tr key={f.id}>
                  <th scope="row">
                    <span className="nowrap">{formatDay(f.dueOn, language)}</span>
                    <br />
                    <span className="muted small">{t('followup.monthsAfter', { count: f.months })}</span>
                  </th>
                  <td>
                    <Link to={`/programmes/${f.programmeId}`}>{f.programmeName}</Link>
                    <br />
                    <span className="muted small">{f.assetTag}</span>
                  </td>
                  <td>
                    <FollowUpStatusBadge status={f.status} />
                    {f.sentAt && (
                      <p className="small muted">
                        {t('followup.person.sentOn', { date: formatDate(f.sentAt, language) })}
                      </p>
                    )}
                    {f.remindedAt && (
                      <p className="small muted">
                        {t('followup.person.remindedOn', { date: formatDate(f.remindedAt, language) })}
                      </p>
                    )}
                    {f.answeredAt && (
                      <p className="small muted">
                        {t('followup.person.answeredOn', { date: formatDate(f.answeredAt, language) })}
                      </p>
                    )}
                  </td>
                  <td>
                    {f.answers ? (
                      <AnswersSummary answers={f.answers} />
                    ) : (
                      <span className="muted">{t('followup.person.noAnswers')}</span>
                    )}
                  </td>
                  <td>
                    <div className="row-actions">
                      {f.can.answer && (
                        <Link
                          className="button button-small button-primary"
                          to={`/suivis/${f.id}/repondre?personne=${beneficiaryId}`}
                          aria-label={t('followup.person.fillInOf', {
                            months: f.months,
                            programme: f.programmeName,
                          })}
                        >
                          {t('followup.person.fillIn')}
                        </Link>
                      )}
                      {f.can.letter && (
                        <button
                          type="button"
                          className="button button-small button-secondary"
                          aria-disabled={busy !== null}
                          aria-label={t('followup.person.letterOf', {
                            months: f.months,
                            programme: f.programmeName,
                          })}
                          onClick={() => void letter(f.id)}
                        >
                          {busy === f.id ? t('common.loading') : t('followup.person.letter')}
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
