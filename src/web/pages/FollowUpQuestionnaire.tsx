/**
 * The public follow-up questionnaire (`/suivi/<token>`, no account), in plain language (FALC): who gave
 * the computer and when, « Commencer », then one question per screen, a summary and « Merci » — with what
 * happens next when help was asked. A link already answered, too old or unknown says so in a few words. A
 * button switches between French and English. Light: nothing but the questions loads.
 */
import type { TFunction } from 'i18next';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../api.ts';
import { QUESTIONS, QuestionSteps } from '../components/followup/QuestionSteps.tsx';
import { ErrorAlert, Loading, Page, useAnnounce, useLoad } from '../components/ui.tsx';
import {
  type AnswerReceipt,
  followUpApi,
  type Gone,
  goneReason,
  type PublicFollowUp,
} from '../followUpApi.ts';
import { changeLanguage, currentLanguage } from '../i18n/index.ts';

function LanguageButton() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const other = currentLanguage() === 'fr' ? 'en' : 'fr';
  return (
    <p className="followup-language">
      <button
        type="button"
        lang={other}
        className="button button-secondary button-small"
        onClick={async () => {
          await changeLanguage(other);
          announce(t('followup.questionnaire.title'));
        }}
      >
        {t('followup.questionnaire.otherLanguage')}
      </button>
    </p>
  );
}

function deviceWords(type: string, t: TFunction): string {
  const known = ['laptop', 'desktop', 'tablet', 'smartphone'] as const;
  const kind = known.find((k) => k === type) ?? 'other';
  return t(`followup.devices.${kind}`);
}

function Thanks({ receipt, followUp }: { receipt: AnswerReceipt; followUp: PublicFollowUp }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  // The questions are gone: the thanks take the focus.
  useEffect(() => ref.current?.focus(), []);
  return (
    <section className="card followup-thanks" aria-labelledby="followup-thanks">
      <h2 id="followup-thanks" ref={ref} tabIndex={-1}>
        <span className="followup-pictogram" aria-hidden="true">
          ✔
        </span>{' '}
        {t('followup.questionnaire.thanksTitle')}
      </h2>
      <p>{t('followup.questionnaire.thanksText')}</p>
      <h3>{t('followup.questionnaire.nextTitle')}</h3>
      {receipt.ticketOpened && (
        <p>{t('followup.questionnaire.nextTicket', { organisation: followUp.organisationName })}</p>
      )}
      {receipt.contactAlerted && <p>{t('followup.questionnaire.nextContact')}</p>}
      {!receipt.ticketOpened && !receipt.contactAlerted && <p>{t('followup.questionnaire.nextNothing')}</p>}
    </section>
  );
}

function Closed({ title, text }: { title: string; text: string }) {
  return (
    <Page title={title} className="page-narrow page-large followup-page">
      <LanguageButton />
      <p>{text}</p>
    </Page>
  );
}

export default function FollowUpQuestionnaire() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const loaded = useLoad((signal) => followUpApi.publicFollowUp(token, signal), [token]);
  const [started, setStarted] = useState(false);
  const [receipt, setReceipt] = useState<AnswerReceipt | null>(null);
  const [gone, setGone] = useState<Gone | null>(null);

  const reason = gone ?? goneReason(loaded.error);
  if (reason === 'answered')
    return (
      <Closed
        title={t('followup.questionnaire.answeredTitle')}
        text={t('followup.questionnaire.answeredText')}
      />
    );
  if (reason === 'expired')
    return (
      <Closed
        title={t('followup.questionnaire.expiredTitle')}
        text={t('followup.questionnaire.expiredText')}
      />
    );
  if (reason === 'closed')
    return (
      <Closed title={t('followup.questionnaire.closedTitle')} text={t('followup.questionnaire.closedText')} />
    );
  if (loaded.error instanceof ApiError && loaded.error.status === 404)
    return (
      <Closed
        title={t('followup.questionnaire.unknownTitle')}
        text={t('followup.questionnaire.unknownText')}
      />
    );

  const followUp = loaded.data;
  return (
    <Page title={t('followup.questionnaire.title')} className="page-narrow page-large followup-page">
      <LanguageButton />
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      {!followUp && !loaded.error && <Loading />}
      {followUp && receipt && <Thanks receipt={receipt} followUp={followUp} />}
      {followUp && !receipt && !started && (
        <section className="card" aria-labelledby="followup-hello">
          <h2 id="followup-hello">{t('followup.questionnaire.hello')}</h2>
          <p>
            {t('followup.questionnaire.intro', {
              count: followUp.months,
              organisation: followUp.organisationName,
              device: deviceWords(followUp.deviceType, t),
            })}
          </p>
          <p>{t('followup.questionnaire.length', { count: QUESTIONS.length })}</p>
          <p>{t('followup.questionnaire.private', { organisation: followUp.organisationName })}</p>
          <button
            type="button"
            className="button button-primary followup-next"
            onClick={() => setStarted(true)}
          >
            {t('followup.questionnaire.start')}
          </button>
        </section>
      )}
      {followUp && !receipt && started && (
        <div className="card">
          <QuestionSteps
            onSubmit={async (answers) => {
              try {
                setReceipt(await followUpApi.publicAnswer(token, answers));
              } catch (err) {
                // Answered meanwhile (another tab, a social worker) or expired: say so plainly.
                const why = goneReason(err);
                if (why) setGone(why);
                else throw err;
              }
            }}
          />
        </div>
      )}
    </Page>
  );
}
