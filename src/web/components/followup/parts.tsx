/**
 * Small pieces shared by the follow-up pages: the status badge, the answers in a few words, the letter's
 * download.
 */
import { useTranslation } from 'react-i18next';
import {
  type FollowUpStatus,
  followUpLetterAddress,
  type RecordedAnswers,
  USE_ANSWERS,
} from '../../followUpApi.ts';
import { downloadFile } from '../../reportsApi.ts';

const STATUS_TONES: Record<FollowUpStatus, string> = {
  scheduled: 'status-off',
  sent: 'status-pending',
  to_contact: 'status-pending',
  answered: 'status-ok',
  no_answer: 'status-failed',
  cancelled: 'status-off',
};

export function FollowUpStatusBadge({ status }: { status: FollowUpStatus }) {
  const { t } = useTranslation();
  return <span className={`status ${STATUS_TONES[status]}`}>{t(`followup.statuses.${status}`)}</span>;
}

/** « Il marche bien · Tous les jours · Démarches, Apprendre · Oui, un peu plus ». */
export function AnswersSummary({ answers }: { answers: RecordedAnswers }) {
  const { t } = useTranslation();
  const uses = USE_ANSWERS.filter((u) => answers.uses.includes(u)).map((u) =>
    t(`followup.choices.uses.${u}`),
  );
  return (
    <>
      <p className="followup-answers">
        {[
          t(`followup.choices.works.${answers.works}`),
          t(`followup.choices.frequency.${answers.frequency}`),
          uses.length ? uses.join(', ') : t('followup.person.usesNone'),
          t(`followup.choices.autonomy.${answers.autonomy}`),
        ].join(' · ')}
      </p>
      {(answers.helpDevice || answers.helpContact) && (
        <p className="tags">
          {answers.helpDevice && <span className="tag">{t('followup.person.helpDevice')}</span>}
          {answers.helpContact && <span className="tag">{t('followup.person.helpContact')}</span>}
        </p>
      )}
      {answers.comment && (
        <p className="pre-line small">{t('followup.person.quoted', { comment: answers.comment })}</p>
      )}
      <p className="muted small">
        {answers.answeredBy === 'worker' ? t('followup.person.byWorker') : t('followup.person.byPerson')}
      </p>
    </>
  );
}

/**
 * Fetches the letter in the interface's language (it issues a new link), then hands it to the browser under
 * `fileName` (`followup.list.letterFile`, in that language too).
 */
export function downloadLetter(id: string, fileName: string): Promise<void> {
  return downloadFile(followUpLetterAddress(id), fileName);
}
