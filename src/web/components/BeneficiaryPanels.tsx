/**
 * The panels of a person's page about their data: consents (add one, withdraw one in a dialog that asks
 * the day), merging a duplicate record into this one (confirmed, with what happens said), and the rights of
 * the person — export (JSON, PDF) and erasure, confirmed by typing their last name (or the association's
 * name).
 */
import { type FormEvent, useId, useState } from 'react';
import { Button, Dialog, DialogTrigger, Form, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  type BeneficiaryDetail,
  type Consent,
  type ConsentCover,
  DEFAULT_CONSENT_COVERS,
  type PossibleDuplicate,
  peopleApi,
  peopleDocuments,
} from '../peopleApi.ts';
import { ConsentFields } from './ConsentFields.tsx';
import {
  ConfirmButton,
  ErrorSummary,
  Field,
  SubmitButton,
  type SummaryField,
  useServerPathErrors,
} from './forms.tsx';
import { formatDay, todayDay } from './inventory.tsx';
import { beneficiaryName, duplicateDetails } from './people.tsx';
import { ErrorAlert, useLoad } from './ui.tsx';

// ---- Consents ---------------------------------------------------------------------------------------------

export function ConsentsPanel({
  record,
  editable,
  onChanged,
}: {
  record: BeneficiaryDetail;
  editable: boolean;
  onChanged: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [adding, setAdding] = useState(false);
  const [given, setGiven] = useState(false);
  const [givenOn, setGivenOn] = useState(todayDay);
  const [covers, setCovers] = useState<ConsentCover[]>(() => [...DEFAULT_CONSENT_COVERS]);
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const consents = [...record.consents].sort((a, b) => (a.givenOn < b.givenOn ? 1 : -1));

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (!given) {
      setProblem(t('consent.required'));
      document.getElementById('new-consent-consent')?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await peopleApi.addConsent(record.id, { givenOn, covers });
      setAdding(false);
      setGiven(false);
      onChanged(t('consent.added'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="consents-title">
      <div className="card-heading">
        <h2 id="consents-title">{t('consent.listTitle')}</h2>
        {editable && !adding && (
          <button type="button" className="button button-secondary" onClick={() => setAdding(true)}>
            {t('consent.add')}
          </button>
        )}
      </div>
      {consents.length === 0 ? (
        <p className="empty">{t('consent.none')}</p>
      ) : (
        <ul className="link-list consent-list">
          {consents.map((consent) => (
            <li key={consent.id}>
              <p>
                {t('consent.line', {
                  date: formatDay(consent.givenOn, i18n.language),
                  covers: consent.covers.map((c) => t(`consentCovers.${c}`)).join(' ; ') || t('common.none'),
                })}
                {consent.collectedByName
                  ? ` ${t('consent.collectedBy', { name: consent.collectedByName })}`
                  : ''}
              </p>
              {consent.withdrawnOn ? (
                <p className="status status-off">
                  {t('consent.withdrawnOn', { date: formatDay(consent.withdrawnOn, i18n.language) })}
                </p>
              ) : (
                <p className="row-actions">
                  <span className="status status-ok">{t('consent.inForce')}</span>
                  {editable && (
                    <WithdrawConsentButton
                      record={record}
                      consent={consent}
                      onWithdrawn={() => onChanged(t('consent.withdrawn'))}
                    />
                  )}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {adding && (
        <form className="form subsection" onSubmit={add} aria-busy={busy}>
          <ConsentFields
            idPrefix="new-consent"
            given={given}
            onGiven={(value) => {
              setGiven(value);
              if (value) setProblem('');
            }}
            givenOn={givenOn}
            onGivenOn={setGivenOn}
            covers={covers}
            onCovers={setCovers}
            organisationId={record.referringOrganisationId}
            error={problem}
          />
          <ErrorAlert error={error} />
          <div className="actions">
            <SubmitButton busy={busy}>{t('consent.save')}</SubmitButton>
            <button type="button" className="button button-secondary" onClick={() => setAdding(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/**
 * Withdrawing a consent, confirmed in a dialog that asks the day the person withdrew it (today by default,
 * not before the consent nor after today). The server's field errors show next to the day.
 */
function WithdrawConsentButton({
  record,
  consent,
  onWithdrawn,
}: {
  record: BeneficiaryDetail;
  consent: Consent;
  onWithdrawn: () => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const dayId = `${id}-withdrawn-on`;
  const [withdrawnOn, setWithdrawnOn] = useState(todayDay);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const serverErrors = useServerPathErrors(error);
  const givenOn = formatDay(consent.givenOn, i18n.language);
  const fields: Record<string, SummaryField> = {
    withdrawnOn: { id: dayId, label: t('consent.withdrawnOnLabel') },
  };
  return (
    <DialogTrigger
      onOpenChange={(open) => {
        if (open) {
          setWithdrawnOn(todayDay());
          setError(null);
        }
      }}
    >
      <Button
        className="button button-small button-danger-outline"
        aria-label={t('consent.withdrawOf', { date: givenOn })}
      >
        {t('consent.withdraw')}
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable={!busy} isKeyboardDismissDisabled={busy}>
        <Modal className="modal">
          <Dialog role="alertdialog" className="dialog">
            {({ close }) => (
              <Form
                className="form"
                validationErrors={serverErrors}
                onSubmit={async (event) => {
                  event.preventDefault();
                  if (busy) return;
                  setBusy(true);
                  setError(null);
                  try {
                    await peopleApi.withdrawConsent(record.id, consent.id, withdrawnOn);
                    setBusy(false);
                    close();
                    onWithdrawn();
                  } catch (err) {
                    setBusy(false);
                    setError(err);
                  }
                }}
              >
                <Heading slot="title" className="dialog-title">
                  {t('consent.withdrawTitle')}
                </Heading>
                <div className="dialog-body">
                  <p>{t('consent.withdrawText')}</p>
                </div>
                <ErrorSummary error={error} fields={fields} />
                <Field
                  id={dayId}
                  name="withdrawnOn"
                  type="date"
                  label={t('consent.withdrawnOnLabel')}
                  description={t('consent.withdrawnOnHelp', { date: givenOn })}
                  isRequired
                  value={withdrawnOn}
                  onChange={setWithdrawnOn}
                  inputProps={{ className: 'input-short' }}
                  validate={(value) =>
                    !value
                      ? t('validation.required')
                      : value < consent.givenOn
                        ? t('consent.withdrawnBeforeGiven', { date: givenOn })
                        : value > todayDay()
                          ? t('consent.withdrawnInFuture')
                          : null
                  }
                />
                <div className="dialog-actions">
                  <Button className="button button-secondary" onPress={close} isDisabled={busy} autoFocus>
                    {t('common.cancel')}
                  </Button>
                  <SubmitButton busy={busy} tone="danger">
                    {t('consent.withdrawConfirm')}
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

// ---- Merge ------------------------------------------------------------------------------------------------

/** The records of the same organisation that look like this one (plus those the creation reported). */
function usePossibleDuplicates(
  record: BeneficiaryDetail,
  reported: readonly PossibleDuplicate[],
  version: number,
): PossibleDuplicate[] {
  const { firstName, lastName, birthYear, postcode, referringOrganisationId } = record;
  const loaded = useLoad(
    (signal) =>
      record.kind === 'person' && firstName && lastName && birthYear && postcode
        ? peopleApi.duplicates({ referringOrganisationId, firstName, lastName, birthYear, postcode }, signal)
        : Promise.resolve({ items: [] }),
    [record.id, firstName, lastName, birthYear, postcode, referringOrganisationId, version],
  );
  // Those reported at creation count until the first answer (a merged record is no longer found).
  const found = loaded.data ? loaded.data.items : reported;
  const byId = new Map<string, PossibleDuplicate>();
  for (const item of found) if (item.id !== record.id) byId.set(item.id, item);
  return [...byId.values()];
}

export function MergePanel({
  record,
  reported,
  version,
  onMerged,
}: {
  record: BeneficiaryDetail;
  reported: readonly PossibleDuplicate[];
  /** Changes after each change of the record: the duplicates are asked again. */
  version: number;
  onMerged: (message: string) => void;
}) {
  const { t } = useTranslation();
  const duplicates = usePossibleDuplicates(record, reported, version);
  if (duplicates.length === 0) return null;
  const kept = beneficiaryName(record);
  return (
    <section className="card" aria-labelledby="merge-title">
      <h2 id="merge-title">{t('merge.title')}</h2>
      <p>{t('merge.intro', { count: duplicates.length })}</p>
      <ul className="link-list">
        {duplicates.map((duplicate) => {
          const name = beneficiaryName({ kind: 'person', ...duplicate });
          const details = duplicateDetails(duplicate);
          return (
            <li key={duplicate.id} className="row-actions">
              <Link to={`/beneficiaires/${duplicate.id}`}>{details ? `${name} (${details})` : name}</Link>
              <ConfirmButton
                label={t('merge.button')}
                ariaLabel={t('merge.buttonOf', { name, details })}
                title={t('merge.confirmTitle')}
                message={
                  <>
                    <p>
                      {t('merge.confirmText', {
                        duplicate: `${name}${details ? ` (${details})` : ''}`,
                        kept,
                      })}
                    </p>
                    <ul>
                      <li>{t('merge.moves')}</li>
                      <li>{t('merge.emptied')}</li>
                      <li>{t('merge.twoReferrals')}</li>
                    </ul>
                    <p>{t('merge.final')}</p>
                  </>
                }
                confirmLabel={t('merge.confirm')}
                onConfirm={async () => {
                  await peopleApi.merge(record.id, duplicate.id);
                  onMerged(t('merge.done', { name }));
                }}
              />
            </li>
          );
        })}
      </ul>
    </section>
  );
}

// ---- Rights: export and erasure ---------------------------------------------------------------------------

/** Case, accents and surrounding spaces do not matter when typing the name to confirm. */
function comparable(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase();
}

function EraseButton({ record, onErased }: { record: BeneficiaryDetail; onErased: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const expected = (record.kind === 'association' ? record.name : record.lastName) ?? '';
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [mismatch, setMismatch] = useState(false);
  const matches = expected !== '' && comparable(typed) === comparable(expected);
  return (
    <DialogTrigger
      onOpenChange={(open) => {
        if (open) {
          setTyped('');
          setError(null);
          setMismatch(false);
        }
      }}
    >
      <Button className="button button-danger-outline">{t('rights.erase')}</Button>
      <ModalOverlay className="modal-overlay" isDismissable={!busy} isKeyboardDismissDisabled={busy}>
        <Modal className="modal">
          <Dialog role="alertdialog" className="dialog">
            {({ close }) => (
              <form
                onSubmit={async (event) => {
                  event.preventDefault();
                  if (busy) return;
                  if (!matches) {
                    setMismatch(true);
                    document.getElementById(`${id}-name`)?.focus();
                    return;
                  }
                  setBusy(true);
                  setError(null);
                  try {
                    await peopleApi.erase(record.id);
                    setBusy(false);
                    close();
                    onErased();
                  } catch (err) {
                    setBusy(false);
                    setError(err);
                  }
                }}
              >
                <Heading slot="title" className="dialog-title">
                  {t('rights.eraseTitle', { name: beneficiaryName(record) })}
                </Heading>
                <div className="dialog-body">
                  <p>{t('rights.eraseDeleted')}</p>
                  <p>{t('rights.eraseKept')}</p>
                  <p>
                    <strong>{t('rights.eraseFinal')}</strong>
                  </p>
                </div>
                <div className="field">
                  <label htmlFor={`${id}-name`}>
                    {record.kind === 'association'
                      ? t('rights.typeAssociationName', { name: expected })
                      : t('rights.typeLastName', { name: expected })}
                  </label>
                  <input
                    id={`${id}-name`}
                    type="text"
                    autoComplete="off"
                    spellCheck={false}
                    value={typed}
                    aria-invalid={mismatch && !matches ? true : undefined}
                    aria-describedby={mismatch && !matches ? `${id}-error` : undefined}
                    onChange={(event) => {
                      setTyped(event.target.value);
                      setMismatch(false);
                    }}
                  />
                  {mismatch && !matches && (
                    <p className="field-error" id={`${id}-error`}>
                      {t('rights.nameMismatch')}
                    </p>
                  )}
                </div>
                <ErrorAlert error={error} />
                <div className="dialog-actions">
                  <Button className="button button-secondary" onPress={close} isDisabled={busy} autoFocus>
                    {t('common.cancel')}
                  </Button>
                  <button type="submit" className="button button-danger" aria-disabled={busy || !matches}>
                    {busy ? t('rights.erasing') : t('rights.eraseConfirm')}
                  </button>
                </div>
              </form>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

export function RightsPanel({ record, onErased }: { record: BeneficiaryDetail; onErased: () => void }) {
  const { t } = useTranslation();
  if (!record.can.export && !record.can.erase) return null;
  return (
    <section className="card" aria-labelledby="rights-title">
      <h2 id="rights-title">{t('rights.title')}</h2>
      <p>{t('rights.intro')}</p>
      {record.can.export && (
        <ul className="link-list">
          <li>
            <a href={peopleDocuments.exportPdf(record.id)} type="application/pdf">
              {t('rights.exportPdf')}
            </a>
          </li>
          <li>
            <a href={peopleDocuments.exportJson(record.id)} type="application/json" download>
              {t('rights.exportJson')}
            </a>
          </li>
        </ul>
      )}
      {record.can.erase && (
        <div className="subsection">
          <h3>{t('rights.eraseHeading')}</h3>
          <p className="help">{t('rights.eraseHelp')}</p>
          <EraseButton record={record} onErased={onErased} />
        </div>
      )}
    </section>
  );
}
