/**
 * Dialogs of the training pages: a destructive action that needs a reason (cancel a workshop or a
 * session), asked in a modal and confirmed there; the focus goes back to the button, or to the page's
 * notice when the button is gone.
 */
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../ui.tsx';

export function ReasonButton({
  label,
  ariaLabel,
  title,
  message,
  reasonLabel,
  confirmLabel,
  keepLabel,
  onConfirm,
  className,
}: {
  label: string;
  ariaLabel?: string;
  title: string;
  message: ReactNode;
  reasonLabel: string;
  confirmLabel: string;
  keepLabel: string;
  onConfirm: (reason: string) => Promise<void>;
  className?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <DialogTrigger
      onOpenChange={(open) => {
        if (open) {
          setReason('');
          setMissing(false);
          setError(null);
        }
      }}
    >
      <Button className={className ?? 'button button-small button-danger-outline'} aria-label={ariaLabel}>
        {label}
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable={!busy} isKeyboardDismissDisabled={busy}>
        <Modal className="modal">
          <Dialog role="alertdialog" className="dialog">
            {({ close }) => (
              <form
                className="form"
                noValidate
                aria-busy={busy}
                onSubmit={async (event: FormEvent<HTMLFormElement>) => {
                  event.preventDefault();
                  if (busy) return;
                  if (!reason.trim()) {
                    setMissing(true);
                    document.getElementById(`${id}-reason`)?.focus();
                    return;
                  }
                  setBusy(true);
                  setError(null);
                  try {
                    await onConfirm(reason.trim());
                    setBusy(false);
                    close();
                  } catch (err) {
                    setBusy(false);
                    setError(err);
                  }
                }}
              >
                <Heading slot="title" className="dialog-title">
                  {title}
                </Heading>
                <div className="dialog-body">{message}</div>
                <div className="field">
                  <label htmlFor={`${id}-reason`}>
                    {reasonLabel}
                    <span className="field-flag"> ({t('common.required')})</span>
                  </label>
                  <textarea
                    id={`${id}-reason`}
                    rows={3}
                    maxLength={500}
                    value={reason}
                    aria-required
                    aria-invalid={missing ? true : undefined}
                    {...(missing ? { 'aria-describedby': `${id}-reason-error` } : {})}
                    onChange={(event) => {
                      setReason(event.target.value);
                      if (event.target.value.trim()) setMissing(false);
                    }}
                  />
                  {missing && (
                    <p className="field-error" id={`${id}-reason-error`}>
                      {t('trainingCommon.reasonRequired')}
                    </p>
                  )}
                </div>
                <ErrorAlert error={error} />
                <div className="dialog-actions">
                  <Button className="button button-secondary" onPress={close} isDisabled={busy} autoFocus>
                    {keepLabel}
                  </Button>
                  <button type="submit" className="button button-danger" aria-disabled={busy}>
                    {busy ? t('common.saving') : confirmLabel}
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
