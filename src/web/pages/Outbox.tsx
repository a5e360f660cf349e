/**
 * The outbox, newest first: the e-mails the application wrote (invitations…), for organisation
 * administrators (their organisations' mails) and platform administrators (all). A status filter,
 * "show more" pages, and a dialog to read one mail's plain text — the HTML body is never rendered.
 */
import { type FormEvent, Fragment, useId, useState } from 'react';
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { api, MAIL_STATUSES, type MailStatus, type MailSummary, type OutboxQuery } from '../api.ts';
import { EmptyState } from '../components/help.tsx';
import { ShowMore, usePagedList } from '../components/lists.tsx';
import { DateTime, ErrorAlert, Loading, Page, TableScroll, useLoad } from '../components/ui.tsx';

const PAGE_SIZE = 50;

const STATUS_CLASS: Record<MailStatus, string> = {
  stored: 'status status-pending',
  pending: 'status status-off',
  sent: 'status status-ok',
  failed: 'status status-failed',
};

function isMailStatus(value: string): value is MailStatus {
  return (MAIL_STATUSES as readonly string[]).includes(value);
}

function toQuery(status: MailStatus | ''): OutboxQuery {
  return status ? { status, limit: PAGE_SIZE } : { limit: PAGE_SIZE };
}

function StatusWord({ status }: { status: MailStatus }) {
  const { t } = useTranslation();
  return <span className={STATUS_CLASS[status]}>{t(`outbox.statuses.${status}`)}</span>;
}

/** Attempts and the last error code, for a mail that is waiting or gave up. */
function Attempts({ mail }: { mail: MailSummary }) {
  const { t } = useTranslation();
  if (mail.attempts === 0 && !mail.lastError) return null;
  return (
    <span className="muted small">
      {t('outbox.attempts', { count: mail.attempts })}
      {mail.lastError && <> · {t('outbox.lastError', { code: mail.lastError })}</>}
    </span>
  );
}

/** The mail's text, loaded when the dialog opens. */
function MailBody({ id }: { id: string }) {
  const { t } = useTranslation();
  const mail = useLoad((signal) => api.mail(id, signal), [id]);
  if (mail.error) return <ErrorAlert error={mail.error} onRetry={mail.reload} />;
  if (!mail.data) return <Loading />;
  const { data } = mail;
  const language =
    data.locale === 'fr' || data.locale === 'en' ? t(`outbox.languages.${data.locale}`) : data.locale;
  return (
    <>
      <dl className="properties mail-properties">
        <dt>{t('outbox.to')}</dt>
        <dd>{data.toAddress}</dd>
        <dt>{t('outbox.writtenAt')}</dt>
        <dd>
          <DateTime value={data.createdAt} />
        </dd>
        {data.sentAt && (
          <>
            <dt>{t('outbox.sentAt')}</dt>
            <dd>
              <DateTime value={data.sentAt} />
            </dd>
          </>
        )}
        <dt>{t('outbox.status')}</dt>
        <dd>
          <StatusWord status={data.status} /> {t(`outbox.statusHelp.${data.status}`)} <Attempts mail={data} />
        </dd>
        <dt>{t('outbox.language')}</dt>
        <dd>{language}</dd>
      </dl>
      <h3 className="mail-body-title">{t('outbox.body')}</h3>
      <pre className="mail-body" lang={data.locale}>
        {data.textBody}
      </pre>
      <p className="help">{t('outbox.htmlNote')}</p>
    </>
  );
}

function ReadMail({ mail }: { mail: MailSummary }) {
  const { t } = useTranslation();
  return (
    <DialogTrigger>
      <Button
        className="button button-secondary button-small"
        aria-label={t('outbox.readLabel', { subject: mail.subject, to: mail.toAddress })}
      >
        {t('outbox.read')}
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal modal-wide">
          <Dialog className="dialog">
            {({ close }) => (
              <>
                <Heading slot="title" level={2} className="dialog-title">
                  {mail.subject}
                </Heading>
                <MailBody id={mail.id} />
                <div className="dialog-actions">
                  <Button className="button button-secondary" onPress={close}>
                    {t('common.close')}
                  </Button>
                </div>
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

export default function Outbox() {
  const { t } = useTranslation();
  const ids = useId();
  const [draft, setDraft] = useState<MailStatus | ''>('');
  const [applied, setApplied] = useState<MailStatus | ''>('');

  const first = useLoad((signal) => api.outbox(toQuery(applied), signal), [applied]);
  const list = usePagedList(first.data, (cursor) => api.outbox({ ...toQuery(applied), cursor }));
  const { items } = list;

  const countId = `${ids}-count`;
  return (
    <Page title={t('outbox.title')}>
      <p>{t('outbox.intro')}</p>
      <section className="card outbox-legend" aria-labelledby={`${ids}-legend`}>
        <h2 id={`${ids}-legend`} className="outbox-legend-title">
          {t('outbox.legend')}
        </h2>
        <dl className="properties">
          {MAIL_STATUSES.map((status) => (
            <Fragment key={status}>
              <dt>
                <StatusWord status={status} />
              </dt>
              <dd>{t(`outbox.statusHelp.${status}`)}</dd>
            </Fragment>
          ))}
        </dl>
      </section>
      <form
        className="card filters"
        aria-label={t('outbox.filters')}
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          setApplied(draft);
        }}
      >
        <div className="field">
          <label htmlFor={`${ids}-status`}>{t('outbox.status')}</label>
          <select
            id={`${ids}-status`}
            value={draft}
            onChange={(event) => setDraft(isMailStatus(event.target.value) ? event.target.value : '')}
          >
            <option value="">{t('outbox.allStatuses')}</option>
            {MAIL_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`outbox.statuses.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="filters-actions">
          <button type="submit" className="button button-primary">
            {t('outbox.apply')}
          </button>
          {applied && (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setDraft('');
                setApplied('');
              }}
            >
              {t('outbox.reset')}
            </button>
          )}
        </div>
      </form>

      <section className="results" aria-busy={first.loading} aria-labelledby={countId}>
        <ErrorAlert error={first.error} onRetry={first.reload} />
        {first.loading && items.length === 0 && <Loading />}
        <p id={countId} className="results-count" role="status">
          {first.data ? t('outbox.results', { count: items.length }) : ''}
        </p>
        {first.data && items.length === 0 && !first.loading && (
          <EmptyState
            filtered={Boolean(applied)}
            onClear={() => {
              setDraft('');
              setApplied('');
            }}
            message={applied ? t('outbox.emptyFiltered') : t('outbox.empty')}
          />
        )}
        {items.length > 0 && (
          <TableScroll label={t('outbox.caption')}>
            <table>
              <caption className="visually-hidden">{t('outbox.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('outbox.colAt')}</th>
                  <th scope="col">{t('outbox.colTo')}</th>
                  <th scope="col">{t('outbox.colSubject')}</th>
                  <th scope="col">{t('outbox.colStatus')}</th>
                  <th scope="col">{t('outbox.colRead')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((mail) => (
                  <tr key={mail.id}>
                    <td className="nowrap">
                      <DateTime value={mail.createdAt} />
                    </td>
                    <td className="break-anywhere">{mail.toAddress}</td>
                    <td>{mail.subject}</td>
                    <td>
                      <StatusWord status={mail.status} />
                      {(mail.attempts > 0 || mail.lastError) && (
                        <>
                          <br />
                          <Attempts mail={mail} />
                        </>
                      )}
                    </td>
                    <td>
                      <ReadMail mail={mail} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        <ShowMore list={list} />
      </section>
    </Page>
  );
}
