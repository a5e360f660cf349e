/**
 * The follow-up questions, one per screen (FALC): the question as a heading that takes the focus at each
 * step, « Question 2 sur 7 », large choices (native radio buttons and check boxes, so the keyboard and
 * screen readers work as everywhere), « Suivant » and « Retour », then a summary where each answer can be
 * changed before sending. Used by the public questionnaire and by a social worker filling it in (`dense`).
 */
import type { TFunction } from 'i18next';
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AUTONOMY_ANSWERS,
  COMMENT_MAX_LENGTH,
  type FollowUpAnswers,
  FREQUENCY_ANSWERS,
  USE_ANSWERS,
  type UseAnswer,
  WORKS_ANSWERS,
} from '../../followUpApi.ts';
import { ErrorAlert } from '../ui.tsx';

export const QUESTIONS = [
  'works',
  'frequency',
  'uses',
  'autonomy',
  'helpDevice',
  'helpContact',
  'comment',
] as const;
export type Question = (typeof QUESTIONS)[number];

interface Draft {
  works?: FollowUpAnswers['works'];
  frequency?: FollowUpAnswers['frequency'];
  uses: UseAnswer[];
  autonomy?: FollowUpAnswers['autonomy'];
  helpDevice?: boolean;
  helpContact?: boolean;
  comment: string;
}

/** Small pictures beside some choices (decorative: the words say it all). */
const PICTOGRAMS: Record<string, string> = {
  'works.yes': '✔',
  'works.partly': '½',
  'works.no': '✘',
  'helpDevice.yes': '⚙',
  'helpContact.yes': '☎',
};

function complete(draft: Draft): FollowUpAnswers | null {
  if (!draft.works || !draft.frequency || !draft.autonomy) return null;
  if (draft.helpDevice === undefined || draft.helpContact === undefined) return null;
  const comment = draft.comment.trim();
  return {
    works: draft.works,
    frequency: draft.frequency,
    uses: USE_ANSWERS.filter((u) => draft.uses.includes(u)),
    autonomy: draft.autonomy,
    helpDevice: draft.helpDevice,
    helpContact: draft.helpContact,
    ...(comment ? { comment } : {}),
  };
}

function answered(draft: Draft, question: Question): boolean {
  switch (question) {
    case 'uses':
    case 'comment':
      return true;
    case 'helpDevice':
    case 'helpContact':
      return draft[question] !== undefined;
    default:
      return draft[question] !== undefined;
  }
}

function Choice({
  type,
  name,
  checked,
  onChange,
  pictogram,
  children,
  describedBy,
}: {
  type: 'radio' | 'checkbox';
  name: string;
  checked: boolean;
  onChange: () => void;
  pictogram?: string | undefined;
  children: ReactNode;
  describedBy?: string | undefined;
}) {
  return (
    <label className={checked ? 'followup-choice followup-choice-checked' : 'followup-choice'}>
      <input
        className="followup-input"
        type={type}
        name={name}
        checked={checked}
        onChange={onChange}
        {...(describedBy ? { 'aria-describedby': describedBy } : {})}
      />
      {pictogram && (
        <span className="followup-pictogram" aria-hidden="true">
          {pictogram}
        </span>
      )}
      <span>{children}</span>
    </label>
  );
}

export function QuestionSteps({
  onSubmit,
  dense = false,
  focusOnStart = true,
}: {
  /** Sends the answers; a rejection is shown above the send button. */
  onSubmit: (answers: FollowUpAnswers) => Promise<void>;
  /** A denser layout for a social worker (smaller choices). */
  dense?: boolean;
  /** Whether the first question's heading takes the focus when the steps appear. */
  focusOnStart?: boolean;
}) {
  const { t } = useTranslation();
  const ids = useId();
  const [draft, setDraft] = useState<Draft>({ uses: [], comment: '' });
  // 0..6: a question; QUESTIONS.length: the summary.
  const [step, setStep] = useState(0);
  const [fromSummary, setFromSummary] = useState(false);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const firstRender = useRef(true);
  const total = QUESTIONS.length;
  const question = QUESTIONS[step];

  // Each new screen starts at its heading, for the keyboard and for screen readers.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a change of step moves the focus.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      if (!focusOnStart) return;
    }
    headingRef.current?.focus();
  }, [step]);

  function go(to: number) {
    setMissing(false);
    setError(null);
    setStep(to);
  }

  function next(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!question) return;
    if (!answered(draft, question)) {
      setMissing(true);
      formRef.current?.querySelector<HTMLInputElement>('input')?.focus();
      return;
    }
    if (fromSummary) {
      setFromSummary(false);
      go(total);
    } else {
      go(step + 1);
    }
  }

  async function send() {
    const answers = complete(draft);
    if (!answers || busy) return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit(answers);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const className = dense ? 'followup-steps followup-dense' : 'followup-steps';
  const headingId = `${ids}-heading`;
  const errorId = `${ids}-missing`;
  const hintId = `${ids}-hint`;

  if (!question) {
    const answers = complete(draft);
    return (
      <section className={className} aria-labelledby={headingId}>
        <h2 id={headingId} ref={headingRef} tabIndex={-1}>
          {t('followup.steps.summaryTitle')}
        </h2>
        <p>{t('followup.steps.summaryIntro')}</p>
        <dl className="followup-summary">
          {QUESTIONS.map((q, index) => (
            <div key={q} className="followup-summary-row">
              <dt>{t(`followup.questions.${q}`)}</dt>
              <dd>
                <span>{answerText(draft, q, t)}</span>
                <button
                  type="button"
                  className="button button-secondary button-small"
                  aria-label={t('followup.steps.changeLabel', { question: t(`followup.questions.${q}`) })}
                  onClick={() => {
                    setFromSummary(true);
                    go(index);
                  }}
                >
                  {t('followup.steps.change')}
                </button>
              </dd>
            </div>
          ))}
        </dl>
        <ErrorAlert error={error} />
        <div className="followup-buttons">
          <button
            type="button"
            className="button button-primary followup-next"
            aria-disabled={busy || !answers}
            onClick={() => void send()}
          >
            {busy ? t('followup.steps.sending') : t('followup.steps.send')}
          </button>
          <button type="button" className="button button-secondary" onClick={() => go(total - 1)}>
            {t('followup.steps.back')}
          </button>
        </div>
      </section>
    );
  }

  const hint =
    question === 'uses' ||
    question === 'autonomy' ||
    question === 'helpDevice' ||
    question === 'helpContact' ||
    question === 'comment'
      ? t(`followup.hints.${question}`)
      : '';
  const describedBy = [hint ? hintId : '', missing ? errorId : ''].filter(Boolean).join(' ') || undefined;
  const radio = (value: string, label: string, checked: boolean, set: () => void) => (
    <Choice
      key={value}
      type="radio"
      name={`${ids}-${question}`}
      checked={checked}
      onChange={() => {
        set();
        setMissing(false);
      }}
      pictogram={PICTOGRAMS[`${question}.${value}`]}
      describedBy={describedBy}
    >
      {label}
    </Choice>
  );

  let choices: ReactNode;
  switch (question) {
    case 'works':
      choices = WORKS_ANSWERS.map((v) =>
        radio(v, t(`followup.choices.works.${v}`), draft.works === v, () => setDraft({ ...draft, works: v })),
      );
      break;
    case 'frequency':
      choices = FREQUENCY_ANSWERS.map((v) =>
        radio(v, t(`followup.choices.frequency.${v}`), draft.frequency === v, () =>
          setDraft({ ...draft, frequency: v }),
        ),
      );
      break;
    case 'autonomy':
      choices = AUTONOMY_ANSWERS.map((v) =>
        radio(v, t(`followup.choices.autonomy.${v}`), draft.autonomy === v, () =>
          setDraft({ ...draft, autonomy: v }),
        ),
      );
      break;
    case 'helpDevice':
    case 'helpContact':
      choices = (['yes', 'no'] as const).map((v) =>
        radio(v, t(`followup.choices.${v}`), draft[question] === (v === 'yes'), () =>
          setDraft({ ...draft, [question]: v === 'yes' }),
        ),
      );
      break;
    case 'uses':
      choices = USE_ANSWERS.map((v) => (
        <Choice
          key={v}
          type="checkbox"
          name={`${ids}-uses`}
          checked={draft.uses.includes(v)}
          onChange={() =>
            setDraft({
              ...draft,
              uses: draft.uses.includes(v) ? draft.uses.filter((u) => u !== v) : [...draft.uses, v],
            })
          }
          describedBy={describedBy}
        >
          {t(`followup.choices.uses.${v}`)}
        </Choice>
      ));
      break;
    case 'comment':
      choices = null;
      break;
  }

  return (
    <section className={className} aria-labelledby={headingId}>
      <form ref={formRef} onSubmit={next} noValidate>
        <h2 id={headingId} ref={headingRef} tabIndex={-1}>
          <span className="followup-progress">
            {t('followup.steps.progress', { current: step + 1, total })}
          </span>{' '}
          <span className="followup-question">{t(`followup.questions.${question}`)}</span>
        </h2>
        <progress className="followup-bar" max={total} value={step + 1} aria-hidden="true" />
        {hint && question !== 'comment' && (
          <p className="help" id={hintId}>
            {hint}
          </p>
        )}
        {question === 'comment' ? (
          <div className="field">
            <label htmlFor={`${ids}-comment`}>
              {t('followup.steps.commentLabel')}
              <span className="field-flag"> ({t('common.optional')})</span>
            </label>
            <p className="help" id={hintId}>
              {hint} {t('followup.steps.commentHelp')}
            </p>
            <textarea
              id={`${ids}-comment`}
              rows={dense ? 3 : 5}
              value={draft.comment}
              maxLength={COMMENT_MAX_LENGTH}
              aria-describedby={hintId}
              onChange={(event) => setDraft({ ...draft, comment: event.target.value })}
            />
          </div>
        ) : question === 'uses' ? (
          <fieldset aria-labelledby={headingId} className="followup-choices">
            {choices}
          </fieldset>
        ) : (
          <div
            role="radiogroup"
            aria-labelledby={headingId}
            aria-required
            aria-invalid={missing ? true : undefined}
            className="followup-choices"
          >
            {choices}
          </div>
        )}
        {missing && (
          <p className="field-error" id={errorId} role="alert">
            {t('followup.steps.chooseOne')}
          </p>
        )}
        <div className="followup-buttons">
          <button type="submit" className="button button-primary followup-next">
            {fromSummary || step === total - 1 ? t('followup.steps.toSummary') : t('followup.steps.next')}
          </button>
          {step > 0 && (
            <button type="button" className="button button-secondary" onClick={() => go(step - 1)}>
              {t('followup.steps.back')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}

/** An answer of the draft in words, for the summary. */
function answerText(draft: Draft, question: Question, t: TFunction): string {
  switch (question) {
    case 'works':
      return draft.works ? t(`followup.choices.works.${draft.works}`) : '';
    case 'frequency':
      return draft.frequency ? t(`followup.choices.frequency.${draft.frequency}`) : '';
    case 'autonomy':
      return draft.autonomy ? t(`followup.choices.autonomy.${draft.autonomy}`) : '';
    case 'uses':
      return draft.uses.length
        ? USE_ANSWERS.filter((u) => draft.uses.includes(u))
            .map((u) => t(`followup.choices.uses.${u}`))
            .join(', ')
        : t('followup.steps.noUse');
    case 'helpDevice':
    case 'helpContact':
      return draft[question] === undefined ? '' : t(`followup.choices.${draft[question] ? 'yes' : 'no'}`);
    case 'comment':
      return draft.comment.trim() || t('followup.steps.noComment');
  }
}
