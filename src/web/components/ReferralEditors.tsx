/**
 * What changes on a referral after it is made, from the person's page: its social evaluation (the
 * referring organisation's, `can.editEvaluation`) and its priority on the waiting list with the reason
 * (the programme owner's, `can.prioritise`). Each opens a small form in the referral's card; a success is
 * said by the page, the server's errors next to their fields and in a summary that takes focus.
 */
import { type FormEvent, useRef, useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { peopleApi, type Referral } from '../peopleApi.ts';
import {
  CheckboxField,
  ErrorSummary,
  SubmitButton,
  type SummaryField,
  TextAreaField,
  useServerPathErrors,
} from './forms.tsx';

/** The server's limits (`UpdateReferralBody`). */
const EVALUATION_MAX_LENGTH = 10_000;
const PRIORITY_REASON_MAX_LENGTH = 500;

/** An "edit" button that opens a form in its place, and gives the focus back to the button on close. */
function useEditing() {
  const [editing, setEditing] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  return {
    editing,
    buttonRef,
    open: () => setEditing(true),
    close: (focusButton: boolean) => {
      setEditing(false);
      if (focusButton) window.setTimeout(() => buttonRef.current?.focus(), 0);
    },
  };
}

/** The social evaluation of a referral: read, and changed by the referring organisation. */
export function SocialEvaluation({
  referral,
  programmeName,
  editable,
  onChanged,
}: {
  referral: Referral;
  programmeName: string;
  /** The record may change (not erased nor merged); the referral's `can` says the rest. */
  editable: boolean;
  onChanged: (message: string) => void;
}) {
  const { t } = useTranslation();
  const { editing, buttonRef, open, close } = useEditing();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const serverErrors = useServerPathErrors(error);
  const canEdit = editable && referral.can.editEvaluation;
  const id = `evaluation-${referral.id}`;
  const fields: Record<string, SummaryField> = {
    socialEvaluation: { id, label: t('refer.socialEvaluation') },
  };
  if (!referral.socialEvaluation && !canEdit) return null;

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const value = text.trim();
    if (value === (referral.socialEvaluation ?? '')) {
      close(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await peopleApi.updateReferral(referral.id, { socialEvaluation: value || null });
      setBusy(false);
      close(false);
      onChanged(
        value
          ? t('evaluation.saved', { programme: programmeName })
          : t('evaluation.cleared', { programme: programmeName }),
      );
    } catch (err) {
      setBusy(false);
      setError(err);
    }
  }

  return (
    <div className="social-evaluation">
      <h4>{t('refer.socialEvaluation')}</h4>
      {!editing &&
        (referral.socialEvaluation ? (
          <p className="pre-line">{referral.socialEvaluation}</p>
        ) : (
          <p className="muted">{t('evaluation.none')}</p>
        ))}
      {canEdit && !editing && (
        <button
          type="button"
          ref={buttonRef}
          className="button button-small button-secondary"
          aria-label={
            referral.socialEvaluation
              ? t('evaluation.editOf', { programme: programmeName })
              : t('evaluation.addOf', { programme: programmeName })
          }
          onClick={() => {
            setText(referral.socialEvaluation ?? '');
            setError(null);
            open();
          }}
        >
          {referral.socialEvaluation ? t('evaluation.edit') : t('evaluation.add')}
        </button>
      )}
      {editing && (
        <Form
          className="form referral-editor"
          onSubmit={save}
          validationErrors={serverErrors}
          aria-busy={busy}
        >
          <ErrorSummary error={error} fields={fields} />
          <TextAreaField
            id={id}
            name="socialEvaluation"
            label={t('evaluation.label', { programme: programmeName })}
            description={t('refer.socialEvaluationHelp')}
            rows={5}
            value={text}
            onChange={setText}
            maxLength={EVALUATION_MAX_LENGTH}
            autoFocus
          />
          <p className="help">{t('evaluation.emptyClears')}</p>
          <div className="actions">
            <SubmitButton busy={busy}>{t('evaluation.save')}</SubmitButton>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                if (!busy) close(true);
              }}
              aria-disabled={busy}
            >
              {t('common.cancel')}
            </button>
          </div>
        </Form>
      )}
    </div>
  );
}

/** The priority of a referral on the programme's waiting list, and why: set or cleared by its owner. */
export function Priority({
  referral,
  programmeName,
  editable,
  onChanged,
}: {
  referral: Referral;
  programmeName: string;
  editable: boolean;
  onChanged: (message: string) => void;
}) {
  const { t } = useTranslation();
  const { editing, buttonRef, open, close } = useEditing();
  const [priority, setPriority] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const serverErrors = useServerPathErrors(error);
  const canEdit = editable && referral.can.prioritise;
  const id = `priority-${referral.id}`;
  const fields: Record<string, SummaryField> = {
    priority: { id, label: t('priority.flag') },
    priorityReason: { id: `${id}-reason`, label: t('priority.reason') },
  };
  if (!referral.priority && !canEdit) return null;

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const why = reason.trim();
    if (priority === referral.priority && (!priority || why === (referral.priorityReason ?? ''))) {
      close(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await peopleApi.updateReferral(
        referral.id,
        priority ? { priority: true, priorityReason: why || null } : { priority: false },
      );
      setBusy(false);
      close(false);
      onChanged(
        !priority
          ? t('priority.removed', { programme: programmeName })
          : referral.priority
            ? t('priority.reasonSaved', { programme: programmeName })
            : t('priority.given', { programme: programmeName }),
      );
    } catch (err) {
      setBusy(false);
      setError(err);
    }
  }

  return (
    <div className="referral-priority">
      <h4>{t('priority.title')}</h4>
      {!editing && (
        <p>
          {referral.priority ? (
            <>
              <span className="status status-pending">{t('waiting.priority')}</span>
              {referral.priorityReason
                ? ` ${t('priority.because', { reason: referral.priorityReason })}`
                : ''}
            </>
          ) : (
            <span className="muted">{t('priority.notPriority')}</span>
          )}
        </p>
      )}
      {canEdit && !editing && (
        <button
          type="button"
          ref={buttonRef}
          className="button button-small button-secondary"
          aria-label={t('priority.editOf', { programme: programmeName })}
          onClick={() => {
            setPriority(referral.priority);
            setReason(referral.priorityReason ?? '');
            setError(null);
            open();
            window.setTimeout(() => document.getElementById(id)?.focus(), 0);
          }}
        >
          {t('priority.edit')}
        </button>
      )}
      {editing && (
        <Form
          className="form referral-editor"
          onSubmit={save}
          validationErrors={serverErrors}
          aria-busy={busy}
        >
          <ErrorSummary error={error} fields={fields} />
          <p className="help">{t('priority.help')}</p>
          <CheckboxField
            id={id}
            name="priority"
            label={t('priority.flagFor', { programme: programmeName })}
            isSelected={priority}
            onChange={setPriority}
          />
          {priority && (
            <TextAreaField
              id={`${id}-reason`}
              name="priorityReason"
              label={t('priority.reason')}
              description={t('priority.reasonHelp')}
              optional
              rows={2}
              value={reason}
              onChange={setReason}
              maxLength={PRIORITY_REASON_MAX_LENGTH}
            />
          )}
          <div className="actions">
            <SubmitButton busy={busy}>{t('priority.save')}</SubmitButton>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                if (!busy) close(true);
              }}
              aria-disabled={busy}
            >
              {t('common.cancel')}
            </button>
          </div>
        </Form>
      )}
    </div>
  );
}
