/**
 * Loans (`/prets`), soonest due first, for the staff of programme owners: an « en retard » filter, the
 * device's asset tag (from the allocations), the person, the start and due days (overdue ones flagged),
 * renewals (« renouvelé 1 fois sur 2 » under a cap); « Prolonger » until the cap (the server says when the
 * programme does not renew), « Retour » (a dialog with the day and the device's condition) and « Lien de
 * signalement » (a new secret link for the borrower to report a problem without an account, shown once).
 */
import { type FormEvent, useId, useMemo, useRef, useState } from 'react';
import { Button, Dialog, DialogTrigger, Form, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  ErrorSummary,
  Field,
  SubmitButton,
  type SummaryField,
  TextAreaField,
  useServerPathErrors,
} from '../components/forms.tsx';
import { EmptyState } from '../components/help.tsx';
import { formatDay, todayDay } from '../components/inventory.tsx';
import { ShowMore, usePagedList } from '../components/lists.tsx';
import { CopyField, ErrorAlert, Loading, Page, TableScroll, useLoad } from '../components/ui.tsx';
import { distributionApi, type Loan } from '../distributionApi.ts';

const PAGE_SIZE = 50;
const CONDITION_MAX_LENGTH = 1000;

function ReturnButton({
  loan,
  device,
  onDone,
}: {
  loan: Loan;
  device: string;
  onDone: (loan: Loan) => void;
}) {
  const { t } = useTranslation();
  const ids = useId();
  const [day, setDay] = useState(todayDay);
  const [condition, setCondition] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const serverErrors = useServerPathErrors(error);
  const fields: Record<string, SummaryField> = {
    returnedOn: { id: `${ids}-day`, label: t('loans.returnedOn') },
    condition: { id: `${ids}-condition`, label: t('loans.condition') },
  };

  return (
    <DialogTrigger
      onOpenChange={(open) => {
        if (open) {
          setDay(todayDay());
          setCondition('');
          setError(null);
        }
      }}
    >
      <Button className="button button-small button-secondary" aria-label={t('loans.returnOf', { device })}>
        {t('loans.return')}
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable={!busy} isKeyboardDismissDisabled={busy}>
        <Modal className="modal">
          <Dialog className="dialog">
            {({ close }) => (
              <Form
                className="form"
                validationErrors={serverErrors}
                aria-busy={busy}
                onSubmit={async (event: FormEvent<HTMLFormElement>) => {
                  event.preventDefault();
                  if (busy) return;
                  setBusy(true);
                  setError(null);
                  try {
                    const updated = await distributionApi.returnLoan(loan.id, {
                      returnedOn: day,
                      ...(condition.trim() ? { condition: condition.trim() } : {}),
                    });
                    setBusy(false);
                    close();
                    onDone(updated);
                  } catch (err) {
                    setBusy(false);
                    setError(err);
                  }
                }}
              >
                <Heading slot="title" className="dialog-title">
                  {t('loans.returnTitle', { device })}
                </Heading>
                <p className="dialog-body">{t('loans.returnText')}</p>
                <ErrorSummary error={error} fields={fields} />
                <Field
                  id={`${ids}-day`}
                  name="returnedOn"
                  type="date"
                  label={t('loans.returnedOn')}
                  isRequired
                  value={day}
                  onChange={setDay}
                  inputProps={{ className: 'input-short', min: loan.startedOn, max: todayDay() }}
                  validate={(value) => (value ? null : t('validation.required'))}
                />
                <TextAreaField
                  id={`${ids}-condition`}
                  name="condition"
                  label={t('loans.condition')}
                  description={t('loans.conditionHelp')}
                  optional
                  rows={3}
                  value={condition}
                  onChange={setCondition}
                  maxLength={CONDITION_MAX_LENGTH}
                />
                <div className="dialog-actions">
                  <Button className="button button-secondary" onPress={close} isDisabled={busy}>
                    {t('common.cancel')}
                  </Button>
                  <SubmitButton busy={busy}>{t('loans.confirmReturn')}</SubmitButton>
                </div>
              </Form>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

/** « Lien de signalement »: makes a new secret link for the borrower (the previous one stops working), shown once. */
function ReportLinkButton({
  loan,
  device,
  onMade,
}: {
  loan: Loan;
  device: string;
  onMade: (loan: Loan) => void;
}) {
  const { t } = useTranslation();
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <DialogTrigger
      onOpenChange={(open) => {
        if (open) {
          setUrl('');
          setError(null);
        }
      }}
    >
      <Button
        className="button button-small button-secondary"
        aria-label={t('loans.reportLinkOf', { device })}
      >
        {t('loans.reportLink')}
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable={!busy} isKeyboardDismissDisabled={busy}>
        <Modal className="modal">
          <Dialog className="dialog">
            {({ close }) => (
              <>
                <Heading slot="title" className="dialog-title">
                  {t('loans.reportLinkTitle', { device })}
                </Heading>
                <p>{t('loans.reportLinkText')}</p>
                {url ? (
                  <CopyField label={t('loans.linkLabel')} value={url} help={t('loans.linkOnce')} />
                ) : (
                  loan.hasReportLink && <p className="alert alert-warning">{t('loans.reportLinkReplace')}</p>
                )}
                <ErrorAlert error={error} />
                <div className="dialog-actions">
                  <Button className="button button-secondary" onPress={close} isDisabled={busy}>
                    {t('common.close')}
                  </Button>
                  {!url && (
                    <Button
                      className="button button-primary"
                      isDisabled={busy}
                      onPress={async () => {
                        setBusy(true);
                        setError(null);
                        try {
                          const made = await distributionApi.reportLink(loan.id);
                          setUrl(made.url);
                          onMade({ ...loan, hasReportLink: true });
                        } catch (err) {
                          setError(err);
                        } finally {
                          setBusy(false);
                        }
                      }}
                    >
                      {busy
                        ? t('common.saving')
                        : loan.hasReportLink
                          ? t('loans.makeNewLink')
                          : t('loans.makeLink')}
                    </Button>
                  )}
                </div>
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

export default function Loans() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [overdue, setOverdue] = useState(false);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const first = useLoad((signal) => distributionApi.loans({ overdue, limit: PAGE_SIZE }, signal), [overdue]);
  const list = usePagedList(first.data, (cursor) =>
    distributionApi.loans({ overdue, limit: PAGE_SIZE, cursor }),
  );
  // The asset tags, from the allocations the loans come from (those of the people one may see).
  const allocations = useLoad((signal) => distributionApi.allocations({ limit: 500 }, signal), []);
  const tags = useMemo(
    () => new Map((allocations.data?.items ?? []).map((a) => [a.id, a.assetTag] as const)),
    [allocations.data],
  );
  const today = todayDay();

  function deviceOf(loan: Loan): string {
    return tags.get(loan.allocationId) ?? t('loans.device', { id: loan.deviceId.slice(0, 8) });
  }

  function replace(updated: Loan) {
    list.setItems((items) => items.map((l) => (l.id === updated.id ? updated : l)));
  }

  async function renew(loan: Loan) {
    if (busy) return;
    setBusy(loan.id);
    setError(null);
    setNotice('');
    try {
      const updated = await distributionApi.renew(loan.id);
      replace(updated);
      setNotice(t('loans.renewed', { device: deviceOf(loan), date: formatDay(updated.dueOn, language) }));
      // The cap reached, « Prolonger » is gone: the focus goes to the message rather than nowhere.
      if (updated.maxRenewals !== null && updated.renewals >= updated.maxRenewals) {
        window.setTimeout(() => noticeRef.current?.focus(), 0);
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }

  return (
    <Page help="renouveler-un-pret" title={t('loans.title')}>
      <p className="help">{t('loans.intro')}</p>
      <div className="field field-checkbox">
        <label className="radio-line">
          <input
            type="checkbox"
            className="row-checkbox"
            checked={overdue}
            onChange={(event) => {
              setOverdue(event.target.checked);
              setNotice('');
              setError(null);
            }}
          />
          {t('loans.overdueOnly')}
        </label>
      </div>
      <div role="status" ref={noticeRef} tabIndex={-1} className="notice-anchor">
        {notice && <p className="alert alert-success">{notice}</p>}
      </div>
      <ErrorAlert error={error} />
      <ErrorAlert error={first.error} onRetry={first.reload} />
      {first.loading && list.items.length === 0 && <Loading />}
      <p className="results-count" role="status">
        {first.data ? t('loans.results', { count: list.items.length }) : ''}
      </p>
      {first.data && !first.loading && list.items.length === 0 && (
        <EmptyState
          filtered={overdue}
          onClear={() => setOverdue(false)}
          message={overdue ? t('loans.emptyOverdue') : t('loans.empty')}
          next={t('loans.emptyNext')}
          actions={
            <Link to="/programmes" className="button button-secondary">
              {t('loans.emptyProgrammes')}
            </Link>
          }
        />
      )}
      {list.items.length > 0 && (
        <TableScroll label={t('loans.caption')}>
          <table>
            <caption className="visually-hidden">{t('loans.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('loans.colDevice')}</th>
                <th scope="col">{t('loans.colPerson')}</th>
                <th scope="col">{t('loans.colStarted')}</th>
                <th scope="col">{t('loans.colDue')}</th>
                <th scope="col">{t('loans.colRenewals')}</th>
                <th scope="col">{t('loans.colActions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((loan) => {
                const device = deviceOf(loan);
                const late = loan.returnedOn === null && loan.dueOn < today;
                const capped = loan.maxRenewals !== null && loan.renewals >= loan.maxRenewals;
                return (
                  <tr key={loan.id}>
                    <th scope="row">
                      <Link to={`/appareils/${loan.deviceId}`}>{device}</Link>
                    </th>
                    <td>
                      <Link to={`/beneficiaires/${loan.beneficiaryId}`}>{t('distribution.seePerson')}</Link>
                    </td>
                    <td className="nowrap">{formatDay(loan.startedOn, language)}</td>
                    <td className="nowrap">
                      {formatDay(loan.dueOn, language)}
                      {late && (
                        <>
                          {' '}
                          <strong className="status status-failed">{t('loans.overdue')}</strong>
                        </>
                      )}
                      {loan.returnedOn && (
                        <>
                          <br />
                          <span className="small muted">
                            {t('loans.returned', { date: formatDay(loan.returnedOn, language) })}
                          </span>
                        </>
                      )}
                    </td>
                    <td>
                      {loan.maxRenewals === null
                        ? loan.renewals
                        : t('loans.renewalsCapped', { count: loan.renewals, max: loan.maxRenewals })}
                      {loan.hasReportLink && (
                        <>
                          <br />
                          <span className="small muted">{t('loans.hasLink')}</span>
                        </>
                      )}
                    </td>
                    <td>
                      {loan.returnedOn === null && (
                        <div className="row-actions">
                          {capped ? (
                            <span className="small muted">{t('loans.capReached')}</span>
                          ) : (
                            <button
                              type="button"
                              className="button button-small button-secondary"
                              aria-disabled={busy !== null}
                              aria-label={t('loans.renewOf', { device })}
                              onClick={() => void renew(loan)}
                            >
                              {busy === loan.id ? t('loans.renewing') : t('loans.renew')}
                            </button>
                          )}
                          <ReportLinkButton loan={loan} device={device} onMade={replace} />
                          <ReturnButton
                            loan={loan}
                            device={device}
                            onDone={(updated) => {
                              replace(updated);
                              setError(null);
                              setNotice(t('loans.returnedDone', { device }));
                            }}
                          />
                        </div>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
      <ShowMore list={list} />
    </Page>
  );
}
