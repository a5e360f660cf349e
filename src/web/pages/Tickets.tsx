/**
 * Maintenance (`/maintenance`): the tickets on handed-over devices, newest first, filtered by status and
 * programme (kept in the address). Each open ticket can move on (« Changer le statut », a resolution when
 * resolved) or have its device swapped: a ready device of the programme's stock is chosen, then the swap
 * is confirmed. Tickets reported by the borrower through the loan's link say so, with their contact.
 */
import { type FormEvent, useId, useRef, useState } from 'react';
import { Button, Dialog, DialogTrigger, Form, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DeviceChoice } from '../components/Allocations.tsx';
import { SelectField, SubmitButton, TextAreaField, useServerPathErrors } from '../components/forms.tsx';
import { EmptyState } from '../components/help.tsx';
import { formatDay } from '../components/inventory.tsx';
import { ShowMore, useAddressSearch, usePagedList } from '../components/lists.tsx';
import { TicketReporter, TicketStatusBadge } from '../components/Maintenance.tsx';
import { ErrorAlert, Loading, Page, SuccessNotice, TableScroll, useLoad } from '../components/ui.tsx';
import { distributionApi, TICKET_STATUSES, type Ticket, type TicketStatus } from '../distributionApi.ts';
import { peopleApi } from '../peopleApi.ts';

const PAGE_SIZE = 50;
const RESOLUTION_MAX_LENGTH = 2000;

function isTicketStatus(value: string | null): value is TicketStatus {
  return (TICKET_STATUSES as readonly (string | null)[]).includes(value);
}

function StatusButton({ ticket, onDone }: { ticket: Ticket; onDone: (ticket: Ticket) => void }) {
  const { t } = useTranslation();
  const ids = useId();
  const [status, setStatus] = useState<TicketStatus>(ticket.status);
  const [resolution, setResolution] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const serverErrors = useServerPathErrors(error);
  const tag = ticket.assetTag;
  return (
    <DialogTrigger
      onOpenChange={(open) => {
        if (open) {
          setStatus(ticket.status);
          setResolution('');
          setError(null);
        }
      }}
    >
      <Button className="button button-small button-secondary" aria-label={t('tickets.changeOf', { tag })}>
        {t('tickets.change')}
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
                    const updated = await distributionApi.updateTicket(ticket.id, {
                      status,
                      ...(status === 'resolved' && resolution.trim()
                        ? { resolution: resolution.trim() }
                        : {}),
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
                  {t('tickets.changeTitle', { tag })}
                </Heading>
                <p className="pre-line">{ticket.description}</p>
                <SelectField
                  id={`${ids}-status`}
                  name="status"
                  label={t('tickets.newStatus')}
                  isRequired
                  value={status}
                  onChange={(value) => {
                    if (isTicketStatus(value)) setStatus(value);
                  }}
                  options={TICKET_STATUSES.map((s) => ({ value: s, label: t(`tickets.statuses.${s}`) }))}
                />
                {status === 'resolved' && (
                  <TextAreaField
                    id={`${ids}-resolution`}
                    name="resolution"
                    label={t('tickets.resolutionLabel')}
                    description={t('tickets.resolutionHelp')}
                    isRequired
                    rows={3}
                    value={resolution}
                    onChange={setResolution}
                    maxLength={RESOLUTION_MAX_LENGTH}
                    validate={(value) => (value.trim() ? null : t('tickets.resolutionRequired'))}
                  />
                )}
                <ErrorAlert error={error} />
                <div className="dialog-actions">
                  <Button className="button button-secondary" onPress={close} isDisabled={busy}>
                    {t('common.cancel')}
                  </Button>
                  <SubmitButton busy={busy}>{t('tickets.changeConfirm')}</SubmitButton>
                </div>
              </Form>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

function SwapForm({
  ticket,
  close,
  onDone,
}: {
  ticket: Ticket;
  close: () => void;
  onDone: (ticket: Ticket, newTag: string) => void;
}) {
  const { t } = useTranslation();
  const ids = useId();
  const devices = useLoad(
    (signal) => distributionApi.availableDevices(ticket.programmeId, undefined, signal),
    [ticket.programmeId],
  );
  const items = devices.data?.items ?? [];
  const [deviceId, setDeviceId] = useState('');
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [chooseError, setChooseError] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const confirmRef = useRef<HTMLParagraphElement>(null);
  const chosen = items.find((d) => d.id === deviceId);
  const tag = ticket.assetTag;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (!chosen) {
      setChooseError(t('tickets.swapChoose'));
      document.getElementById(`${ids}-devices`)?.focus();
      return;
    }
    if (!confirming) {
      setConfirming(true);
      window.setTimeout(() => confirmRef.current?.focus(), 0);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const updated = await distributionApi.swapDevice(ticket.id, {
        deviceId: chosen.id,
        ...(note.trim() ? { resolution: note.trim() } : {}),
      });
      setBusy(false);
      close();
      onDone(updated, chosen.assetTag);
    } catch (err) {
      setBusy(false);
      setError(err);
      devices.reload();
    }
  }

  return (
    <form className="form" onSubmit={submit} aria-busy={busy} noValidate>
      <Heading slot="title" className="dialog-title">
        {t('tickets.swapTitle', { tag })}
      </Heading>
      <p>{t('tickets.swapIntro', { tag })}</p>
      {!confirming && (
        <>
          <ErrorAlert error={devices.error} onRetry={devices.reload} />
          {devices.loading && <Loading />}
          {devices.data && !devices.loading && items.length === 0 && (
            <p className="empty">{t('tickets.swapNone')}</p>
          )}
          {items.length > 0 && !devices.loading && (
            <DeviceChoice
              idPrefix={ids}
              legend={t('tickets.swapDevices')}
              devices={items}
              value={deviceId}
              error={chooseError}
              onChange={(id) => {
                setDeviceId(id);
                setChooseError('');
              }}
            />
          )}
          <div className="field">
            <label htmlFor={`${ids}-note`}>
              {t('tickets.swapNote')}
              <span className="field-flag"> ({t('common.optional')})</span>
            </label>
            <textarea
              id={`${ids}-note`}
              rows={2}
              value={note}
              maxLength={RESOLUTION_MAX_LENGTH}
              onChange={(event) => setNote(event.target.value)}
            />
          </div>
        </>
      )}
      {confirming && chosen && (
        <p ref={confirmRef} tabIndex={-1} className="alert alert-warning">
          {t('tickets.swapConfirmText', { tag, newTag: chosen.assetTag })}
        </p>
      )}
      <ErrorAlert error={error} />
      <div className="dialog-actions">
        {confirming ? (
          <button
            type="button"
            className="button button-secondary"
            aria-disabled={busy}
            onClick={() => {
              if (!busy) setConfirming(false);
            }}
          >
            {t('tickets.swapBack')}
          </button>
        ) : (
          <Button className="button button-secondary" onPress={close} isDisabled={busy}>
            {t('common.cancel')}
          </Button>
        )}
        {confirming ? (
          <SubmitButton busy={busy} tone="danger">
            {t('tickets.swapConfirm')}
          </SubmitButton>
        ) : (
          <button type="submit" className="button button-primary" aria-disabled={items.length === 0}>
            {t('tickets.swapNext')}
          </button>
        )}
      </div>
    </form>
  );
}

function SwapButton({
  ticket,
  onDone,
}: {
  ticket: Ticket;
  onDone: (ticket: Ticket, newTag: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <DialogTrigger>
      <Button
        className="button button-small button-secondary"
        aria-label={t('tickets.swapOf', { tag: ticket.assetTag })}
      >
        {t('tickets.swap')}
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal modal-wide">
          <Dialog className="dialog">
            {({ close }) => <SwapForm ticket={ticket} close={close} onDone={onDone} />}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

export default function Tickets() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { params, update } = useAddressSearch();
  const statusParam = params.get('statut');
  const status = isTicketStatus(statusParam) ? statusParam : undefined;
  const programmeId = params.get('programme') ?? '';
  const [notice, setNotice] = useState('');
  const noticeRef = useRef<HTMLDivElement>(null);
  const query = {
    ...(status ? { status } : {}),
    ...(programmeId ? { programmeId } : {}),
    limit: PAGE_SIZE,
  };
  const first = useLoad((signal) => distributionApi.tickets(query, signal), [status, programmeId]);
  const list = usePagedList(first.data, (cursor) => distributionApi.tickets({ ...query, cursor }));
  const programmes = useLoad((signal) => peopleApi.programmes({ limit: 100 }, signal), []);
  const programmeNames = new Map((programmes.data?.items ?? []).map((p) => [p.id, p.name] as const));
  const filtered = Boolean(status || programmeId);

  function changed(updated: Ticket, message: string) {
    list.setItems((items) => items.map((item) => (item.id === updated.id ? updated : item)));
    setNotice(message);
    window.setTimeout(() => noticeRef.current?.focus(), 0);
  }

  return (
    <Page help="renouveler-un-pret" title={t('tickets.title')}>
      <p className="help">{t('tickets.intro')}</p>
      <div className="filters">
        <div className="field">
          <label htmlFor="tickets-status">{t('tickets.statusFilter')}</label>
          <select
            id="tickets-status"
            value={status ?? ''}
            onChange={(event) => update({ statut: event.target.value || undefined })}
          >
            <option value="">{t('tickets.allStatuses')}</option>
            {TICKET_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`tickets.statuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="tickets-programme">{t('tickets.programmeFilter')}</label>
          <select
            id="tickets-programme"
            value={programmeId}
            onChange={(event) => update({ programme: event.target.value || undefined })}
          >
            <option value="">{t('tickets.allProgrammes')}</option>
            {(programmes.data?.items ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div ref={noticeRef} tabIndex={-1} className="notice-anchor">
        <SuccessNotice>{notice}</SuccessNotice>
      </div>
      <ErrorAlert error={first.error} onRetry={first.reload} />
      {first.loading && list.items.length === 0 && <Loading />}
      <p className="results-count" role="status">
        {first.data ? t('tickets.results', { count: list.items.length }) : ''}
      </p>
      {first.data && !first.loading && list.items.length === 0 && (
        <EmptyState
          filtered={filtered}
          onClear={() => update({ statut: undefined, programme: undefined })}
          message={filtered ? t('tickets.emptyFiltered') : t('tickets.empty')}
        />
      )}
      {list.items.length > 0 && (
        <TableScroll label={t('tickets.caption')}>
          <table>
            <caption className="visually-hidden">{t('tickets.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('tickets.colDevice')}</th>
                <th scope="col">{t('tickets.colProblem')}</th>
                <th scope="col">{t('tickets.colStatus')}</th>
                <th scope="col">{t('tickets.colOpened')}</th>
                <th scope="col">{t('tickets.colActions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((ticket) => (
                <tr key={ticket.id}>
                  <th scope="row">
                    <Link to={`/appareils/${ticket.deviceId}`}>{ticket.assetTag}</Link>
                    <br />
                    <Link className="small" to={`/beneficiaires/${ticket.beneficiaryId}`}>
                      {t('tickets.seePerson')}
                    </Link>
                    {programmeNames.get(ticket.programmeId) && (
                      <>
                        <br />
                        <span className="small muted">{programmeNames.get(ticket.programmeId)}</span>
                      </>
                    )}
                  </th>
                  <td>
                    <p className="pre-line">{ticket.description}</p>
                    <TicketReporter ticket={ticket} />
                    {ticket.resolution && (
                      <p className="small">{t('tickets.resolution', { resolution: ticket.resolution })}</p>
                    )}
                    {ticket.swappedForDeviceId && <p className="small">{t('tickets.swapped')}</p>}
                  </td>
                  <td>
                    <TicketStatusBadge status={ticket.status} />
                  </td>
                  <td className="nowrap">{formatDay(ticket.createdAt.slice(0, 10), language)}</td>
                  <td>
                    {ticket.can.update && (
                      <div className="row-actions">
                        <StatusButton
                          ticket={ticket}
                          onDone={(updated) =>
                            changed(
                              updated,
                              t('tickets.changed', {
                                tag: updated.assetTag,
                                status: t(`tickets.statuses.${updated.status}`),
                              }),
                            )
                          }
                        />
                        {ticket.can.swap && (
                          <SwapButton
                            ticket={ticket}
                            onDone={(updated, newTag) =>
                              changed(updated, t('tickets.swappedDone', { tag: ticket.assetTag, newTag }))
                            }
                          />
                        )}
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <ShowMore list={list} />
    </Page>
  );
}
