/**
 * Maintenance pieces shared by the programme page, the person's page and the maintenance page: a
 * ticket's status as a badge, « Signaler un problème » on a handed-over device (a dialog with the
 * description), and who reported it (staff, or the borrower through the loan's link, with their contact).
 */
import { useId, useState } from 'react';
import { Button, Dialog, DialogTrigger, Form, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { type Allocation, distributionApi, type Ticket, type TicketStatus } from '../distributionApi.ts';
import { SubmitButton, TextAreaField, useServerPathErrors } from './forms.tsx';
import { ErrorAlert } from './ui.tsx';

/** The server's limit (`POST /tickets`). */
export const TICKET_DESCRIPTION_MAX_LENGTH = 2000;

/** A ticket's status in words, as a coloured badge. */
export function TicketStatusBadge({ status }: { status: TicketStatus }) {
  const { t } = useTranslation();
  const tone = status === 'resolved' ? 'status-ok' : status === 'open' ? 'status-failed' : 'status-pending';
  return <span className={`status ${tone}`}>{t(`tickets.statuses.${status}`)}</span>;
}

/** « Signalé par l’emprunteur » and the contact they left, when the borrower reported it. */
export function TicketReporter({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  if (!ticket.reportedByBorrower) return null;
  return (
    <p className="small">
      <strong className="status status-pending">{t('tickets.byBorrower')}</strong>
      {ticket.borrowerContact ? (
        <>
          <br />
          {t('tickets.contact', { contact: ticket.borrowerContact })}
        </>
      ) : null}
    </p>
  );
}

/** « Signaler un problème » on a handed-over device: opens a maintenance ticket. */
export function OpenTicketButton({
  allocation,
  onOpened,
}: {
  allocation: Allocation;
  onOpened: (ticket: Ticket) => void;
}) {
  const { t } = useTranslation();
  const ids = useId();
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const serverErrors = useServerPathErrors(error);
  const tag = allocation.assetTag;
  return (
    <DialogTrigger
      onOpenChange={(open) => {
        if (open) {
          setDescription('');
          setError(null);
        }
      }}
    >
      <Button className="button button-small button-secondary" aria-label={t('tickets.openOf', { tag })}>
        {t('tickets.open')}
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable={!busy} isKeyboardDismissDisabled={busy}>
        <Modal className="modal">
          <Dialog className="dialog">
            {({ close }) => (
              <Form
                className="form"
                validationErrors={serverErrors}
                aria-busy={busy}
                onSubmit={async (event) => {
                  event.preventDefault();
                  if (busy) return;
                  setBusy(true);
                  setError(null);
                  try {
                    const ticket = await distributionApi.openTicket({
                      allocationId: allocation.id,
                      description: description.trim(),
                    });
                    setBusy(false);
                    close();
                    onOpened(ticket);
                  } catch (err) {
                    setBusy(false);
                    setError(err);
                  }
                }}
              >
                <Heading slot="title" className="dialog-title">
                  {t('tickets.openTitle', { tag })}
                </Heading>
                <p>{t('tickets.openText')}</p>
                <TextAreaField
                  id={`${ids}-description`}
                  name="description"
                  label={t('tickets.description')}
                  description={t('tickets.descriptionHelp')}
                  isRequired
                  rows={4}
                  value={description}
                  onChange={setDescription}
                  maxLength={TICKET_DESCRIPTION_MAX_LENGTH}
                  validate={(value) => (value.trim() ? null : t('tickets.descriptionRequired'))}
                />
                <ErrorAlert error={error} />
                <div className="dialog-actions">
                  <Button className="button button-secondary" onPress={close} isDisabled={busy}>
                    {t('common.cancel')}
                  </Button>
                  <SubmitButton busy={busy}>{t('tickets.openConfirm')}</SubmitButton>
                </div>
              </Form>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
