/**
 * A social worker fills in a follow-up on the person's behalf (`/suivis/:id/repondre?personne=<id>`),
 * during an interview or a call: the same questions as the person's questionnaire, denser. Once saved, back
 * to the person's page with what was done (repair request, referrer told).
 */
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { QuestionSteps } from '../components/followup/QuestionSteps.tsx';
import { formatDay } from '../components/inventory.tsx';
import { beneficiaryName } from '../components/people.tsx';
import { ErrorAlert, Loading, Page, useLoad } from '../components/ui.tsx';
import { followUpApi } from '../followUpApi.ts';
import { peopleApi } from '../peopleApi.ts';
import type { CreatedState } from './BeneficiaryForm.tsx';

export default function FollowUpAnswer() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const personId = params.get('personne') ?? '';
  const loaded = useLoad(
    async (signal) => {
      if (!personId) return null;
      const [person, followUps] = await Promise.all([
        peopleApi.beneficiary(personId, signal),
        followUpApi.ofPerson(personId, signal),
      ]);
      return { person, followUp: followUps.find((f) => f.id === id) ?? null };
    },
    [id, personId],
  );
  const person = loaded.data?.person;
  const followUp = loaded.data?.followUp;
  const name = person ? beneficiaryName(person) : '';
  const usable = followUp?.can.answer;

  return (
    <Page title={name ? t('followup.answer.titleOf', { name }) : t('followup.answer.title')}>
      <p className="breadcrumbs">
        {personId ? (
          <Link to={`/beneficiaires/${personId}`}>{t('followup.answer.back')}</Link>
        ) : (
          <Link to="/suivis">{t('followup.answer.backToList')}</Link>
        )}
      </p>
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      {loaded.loading && !loaded.data && <Loading />}
      {loaded.data !== undefined && !loaded.loading && !usable && (
        <div className="alert alert-info">
          <p>{t('followup.answer.notFound')}</p>
          {personId && <p>{t('followup.answer.notFoundLink')}</p>}
        </div>
      )}
      {followUp && usable && (
        <>
          <p>{t('followup.answer.intro')}</p>
          <p className="muted">
            {t('followup.answer.about', {
              programme: followUp.programmeName,
              tag: followUp.assetTag,
              months: t('followup.monthsAfter', { count: followUp.months }),
            })}{' '}
            · {formatDay(followUp.dueOn, i18n.language)}
          </p>
          <div className="card">
            <QuestionSteps
              dense
              focusOnStart={false}
              onSubmit={async (answers) => {
                await followUpApi.answer(followUp.id, answers);
                const notice = [
                  t('followup.answer.done', { name }),
                  answers.helpDevice ? t('followup.answer.doneTicket') : '',
                  answers.helpContact ? t('followup.answer.doneContact') : '',
                ]
                  .filter(Boolean)
                  .join(' ');
                navigate(`/beneficiaires/${personId}`, { state: { notice } satisfies CreatedState });
              }}
            />
          </div>
        </>
      )}
    </Page>
  );
}
