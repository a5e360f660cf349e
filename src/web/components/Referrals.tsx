/**
 * A person's referrals: "Orienter vers un programme" (a programme open to referrals by one's
 * organisation, the social evaluation, the referral day), answered at once with the verdict and its
 * reasons; and each referral as a card (programme, status, reasons in words, social evaluation and
 * priority, each changed in place by whom it belongs to) with "Réévaluer" for an ineligible one and
 * "Sortir du programme" (a reason, confirmed).
 */
import { type FormEvent, useState } from 'react';
import { Button, Dialog, DialogTrigger, Form, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  type BeneficiaryDetail,
  type EligibilityVerdict,
  EXIT_REASONS,
  type ExitReason,
  OPEN_REFERRAL_STATUSES,
  peopleApi,
  type Referral,
} from '../peopleApi.ts';
import {
  ErrorSummary,
  Field,
  SelectField,
  SubmitButton,
  type SummaryField,
  TextAreaField,
  useServerPathErrors,
} from './forms.tsx';
import { formatDay, todayDay } from './inventory.tsx';
import { consentCoversOn, ReasonList, ReferralStatusBadge, VerdictRegions } from './people.tsx';
import { Priority, SocialEvaluation } from './ReferralEditors.tsx';
import { ErrorAlert, useLoad } from './ui.tsx';

export function ReferForm({
  record,
  onReferred,
}: {
  record: BeneficiaryDetail;
  onReferred: (referral: Referral) => void;
}) {
  const { t, i18n } = useTranslation();
  const programmes = useLoad((signal) => peopleApi.programmes({ status: 'open', limit: 200 }, signal), []);
  const already = new Set(
    record.referrals.filter((r) => OPEN_REFERRAL_STATUSES.includes(r.status)).map((r) => r.programmeId),
  );
  const choices = (programmes.data?.items ?? []).filter((p) => p.can.refer);
  const [programmeId, setProgrammeId] = useState('');
  const [socialEvaluation, setSocialEvaluation] = useState('');
  const [referredOn, setReferredOn] = useState(todayDay);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<{ verdict: EligibilityVerdict; programmeName: string } | null>(null);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const serverErrors = useServerPathErrors(error);
  // What the server will ask of the consents on the referral day, said before sending.
  const chosen = choices.find((p) => p.id === programmeId);
  const onDay = /^\d{4}-\d{2}-\d{2}$/.test(referredOn) ? referredOn : todayDay();
  const day = formatDay(onDay, i18n.language);
  const referralCovered = consentCoversOn(record.consents, 'referral', onDay);
  const sharedWithOwner =
    chosen !== undefined && chosen.ownerOrganisationId !== record.referringOrganisationId;
  const partnersCovered = consentCoversOn(record.consents, 'partners', onDay);
  const fields: Record<string, SummaryField> = {
    programmeId: { id: 'refer-programme', label: t('refer.programme') },
    socialEvaluation: { id: 'refer-evaluation', label: t('refer.socialEvaluation') },
    referredOn: { id: 'refer-on', label: t('refer.referredOn') },
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (!programmeId) {
      setClientErrors({ programmeId: t('refer.chooseProgramme') });
      return;
    }
    setClientErrors({});
    const programmeName = choices.find((p) => p.id === programmeId)?.name ?? '';
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const referral = await peopleApi.createReferral({
        beneficiaryId: record.id,
        programmeId,
        referredOn,
        ...(socialEvaluation.trim() ? { socialEvaluation: socialEvaluation.trim() } : {}),
      });
      setResult({ verdict: referral.eligibility, programmeName: referral.programmeName || programmeName });
      setProgrammeId('');
      setSocialEvaluation('');
      onReferred(referral);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="subsection" aria-labelledby="refer-title">
      <h3 id="refer-title">{t('refer.title')}</h3>
      <VerdictRegions
        verdict={result?.verdict ?? null}
        title={result ? t('refer.verdictTitle', { programme: result.programmeName }) : undefined}
      >
        {result && !result.verdict.eligible && <p>{t('refer.ineligibleKept')}</p>}
        {result?.verdict.eligible && <p>{t('refer.eligibleNext')}</p>}
      </VerdictRegions>
      {!record.consentInForce && <p className="alert alert-info">{t('refer.noConsent')}</p>}
      <div role="status" className="refer-hints">
        {record.consentInForce && !referralCovered && (
          <p className="alert alert-info">{t('refer.consentAfterDay', { date: day })}</p>
        )}
        {chosen && sharedWithOwner && !partnersCovered && (
          <p className="alert alert-info">
            {t('refer.partnersNeeded', {
              programme: chosen.name,
              owner: chosen.ownerOrganisationName,
              date: day,
            })}
          </p>
        )}
      </div>
      <ErrorAlert error={programmes.error} onRetry={programmes.reload} />
      {programmes.data && choices.length === 0 ? (
        <p className="empty">{t('refer.noProgramme')}</p>
      ) : (
        <Form className="form" onSubmit={submit} validationErrors={serverErrors} aria-busy={busy}>
          <ErrorSummary error={error} fields={fields} clientErrors={clientErrors} />
          <SelectField
            id="refer-programme"
            name="programmeId"
            label={t('refer.programme')}
            description={t('refer.programmeHelp')}
            isRequired
            value={programmeId}
            onChange={(value) => {
              setProgrammeId(value);
              setClientErrors({});
            }}
            placeholder={programmes.data ? t('refer.chooseProgramme') : t('common.loading')}
            error={clientErrors.programmeId ?? null}
            options={choices.map((p) => ({
              value: p.id,
              label: already.has(p.id) ? t('refer.alreadyReferred', { name: p.name }) : p.name,
            }))}
          />
          <TextAreaField
            id="refer-evaluation"
            name="socialEvaluation"
            label={t('refer.socialEvaluation')}
            description={t('refer.socialEvaluationHelp')}
            optional
            rows={4}
            value={socialEvaluation}
            onChange={setSocialEvaluation}
            maxLength={4000}
          />
          <Field
            id="refer-on"
            name="referredOn"
            type="date"
            label={t('refer.referredOn')}
            description={t('refer.referredOnHelp')}
            isRequired
            value={referredOn}
            onChange={setReferredOn}
            inputProps={{ className: 'input-short', max: todayDay() }}
            validate={(value) => (value ? null : t('validation.required'))}
          />
          <div className="actions">
            <button type="submit" className="button button-primary" aria-disabled={busy}>
              {busy ? t('refer.referring') : t('refer.submit')}
            </button>
          </div>
        </Form>
      )}
    </section>
  );
}

function ExitButton({
  referral,
  programmeName,
  onDone,
}: {
  referral: Referral;
  programmeName: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<ExitReason | ''>('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [reasonError, setReasonError] = useState('');
  return (
    <DialogTrigger
      onOpenChange={(open) => {
        if (open) {
          setReason('');
          setError(null);
          setReasonError('');
        }
      }}
    >
      <Button
        className="button button-small button-danger-outline"
        aria-label={t('exit.buttonOf', { programme: programmeName })}
      >
        {t('exit.button')}
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable={!busy} isKeyboardDismissDisabled={busy}>
        <Modal className="modal">
          <Dialog role="alertdialog" className="dialog">
            {({ close }) => (
              <Form
                className="form"
                onSubmit={async (event) => {
                  event.preventDefault();
                  if (busy) return;
                  if (!reason) {
                    setReasonError(t('exit.reasonRequired'));
                    document.getElementById(`exit-reason-${referral.id}`)?.focus();
                    return;
                  }
                  setBusy(true);
                  setError(null);
                  try {
                    await peopleApi.changeReferralStatus(referral.id, {
                      status: 'exited',
                      exitReason: reason,
                    });
                    setBusy(false);
                    close();
                    onDone();
                  } catch (err) {
                    setBusy(false);
                    setError(err);
                  }
                }}
              >
                <Heading slot="title" className="dialog-title">
                  {t('exit.title', { programme: programmeName })}
                </Heading>
                <p className="dialog-body">{t('exit.text')}</p>
                <SelectField
                  id={`exit-reason-${referral.id}`}
                  name="exitReason"
                  label={t('exit.reason')}
                  isRequired
                  value={reason}
                  onChange={(value) => {
                    setReason(EXIT_REASONS.find((r) => r === value) ?? '');
                    setReasonError('');
                  }}
                  placeholder={t('exit.chooseReason')}
                  error={reasonError || null}
                  options={EXIT_REASONS.map((r) => ({ value: r, label: t(`exitReasons.${r}`) }))}
                />
                <ErrorAlert error={error} />
                <div className="dialog-actions">
                  <Button className="button button-secondary" onPress={close} isDisabled={busy} autoFocus>
                    {t('common.cancel')}
                  </Button>
                  <SubmitButton busy={busy} tone="danger">
                    {t('exit.confirm')}
                  </SubmitButton>
                </div>
              </Form>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

function ReferralCard({
  referral,
  actions,
  editable,
  onChanged,
}: {
  referral: Referral;
  actions: boolean;
  editable: boolean;
  onChanged: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [verdict, setVerdict] = useState<EligibilityVerdict | null>(null);
  const programmeName = referral.programmeName || t('referral.programmeUnknown');
  const open = OPEN_REFERRAL_STATUSES.includes(referral.status);
  const referrer = referral.referringOrganisationName;

  async function reevaluate() {
    if (busy) return;
    setBusy(true);
    setError(null);
    setVerdict(null);
    try {
      const updated = await peopleApi.reevaluate(referral.id);
      setVerdict(updated.eligibility);
      if (updated.status !== referral.status)
        onChanged(t('referral.reevaluatedNow', { programme: programmeName }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function followedUp() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await peopleApi.changeReferralStatus(referral.id, { status: 'followed_up' });
      onChanged(t('referral.followedUpDone', { programme: programmeName }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className="card referral-card">
      <div className="card-heading">
        <h3>
          <Link to={`/programmes/${referral.programmeId}`}>{programmeName}</Link>
        </h3>
        <ReferralStatusBadge status={referral.status} />
      </div>
      <p className="muted">
        {t('referral.referredOn', { date: formatDay(referral.referredOn, i18n.language) })}
        {referrer ? ` · ${t('referral.by', { name: referrer })}` : ''}
        {referral.referredByName ? ` (${referral.referredByName})` : ''}
      </p>
      {referral.status === 'ineligible' && (
        <>
          <p>{t('referral.reasons')}</p>
          <ReasonList verdict={referral.eligibility} />
        </>
      )}
      {referral.status === 'exited' && referral.exitReason && (
        <p>{t('referral.exitedBecause', { reason: t(`exitReasons.${referral.exitReason}`) })}</p>
      )}
      <SocialEvaluation
        referral={referral}
        programmeName={programmeName}
        editable={editable}
        onChanged={onChanged}
      />
      <Priority referral={referral} programmeName={programmeName} editable={editable} onChanged={onChanged} />
      <ErrorAlert error={error} />
      <VerdictRegions verdict={verdict} title={t('referral.reevaluated')} />
      {actions && open && (referral.can.evaluate || referral.can.move) && (
        <div className="row-actions">
          {referral.status === 'ineligible' && referral.can.evaluate && (
            <button
              type="button"
              className="button button-small button-secondary"
              aria-disabled={busy}
              aria-label={t('referral.reevaluateOf', { programme: programmeName })}
              onClick={() => void reevaluate()}
            >
              {busy ? t('referral.reevaluating') : t('referral.reevaluate')}
            </button>
          )}
          {referral.status === 'equipped' && referral.can.move && (
            <button
              type="button"
              className="button button-small button-secondary"
              aria-disabled={busy}
              onClick={() => void followedUp()}
            >
              {t('referral.markFollowedUp')}
            </button>
          )}
          {referral.can.move && (
            <ExitButton
              referral={referral}
              programmeName={programmeName}
              onDone={() => onChanged(t('exit.done', { programme: programmeName }))}
            />
          )}
        </div>
      )}
    </li>
  );
}

/** The person's referrals, newest first. */
export function ReferralList({
  referrals,
  actions,
  editable,
  onChanged,
}: {
  referrals: Referral[];
  /** Re-evaluate, mark as followed up, exit (for those who refer the person). */
  actions: boolean;
  /** The record may change (not erased nor merged): the social evaluation and the priority, as `can` allows. */
  editable: boolean;
  onChanged: (message: string) => void;
}) {
  const { t } = useTranslation();
  if (referrals.length === 0) return <p className="empty">{t('referral.none')}</p>;
  const sorted = [...referrals].sort((a, b) =>
    a.referredOn < b.referredOn ? 1 : a.referredOn > b.referredOn ? -1 : 0,
  );
  return (
    <ul className="card-list referral-list">
      {sorted.map((referral) => (
        <ReferralCard
          key={referral.id}
          referral={referral}
          actions={actions}
          editable={editable}
          onChanged={onChanged}
        />
      ))}
    </ul>
  );
}
