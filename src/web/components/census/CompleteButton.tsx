/**
 * « Compléter »: a dialog asking an anonymous need's name and contact, with the person's consent, so that
 * it can then be referred. A refusal shows inside the dialog, on its field, and keeps what was typed.
 */
import { type FormEvent, useId, useState } from 'react';
import { Button, Dialog, DialogTrigger, Form, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { censusApi, type Need } from '../../censusApi.ts';
import type { PublicKey, StaffKey } from '../../i18n/fr-census.ts';
import {
  CheckboxField,
  ErrorSummary,
  Field,
  SubmitButton,
  type SummaryField,
  useServerPathErrors,
} from '../forms.tsx';

export function CompleteButton({ need, onDone }: { need: Need; onDone: (updated: Need) => void }) {
  const { t } = useTranslation();
  const ids = useId();
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [associationName, setAssociationName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [consent, setConsent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const serverErrors = useServerPathErrors(error);
  const s = (key: StaffKey, options?: Record<string, unknown>) => t(`census.staff.${key}`, options ?? {});
  const p = (key: PublicKey) => t(`census.public.${key}`);
  const fields: Record<string, SummaryField> = {
    firstName: { id: `${ids}-first`, label: p('firstName') },
    lastName: { id: `${ids}-last`, label: p('lastName') },
    associationName: { id: `${ids}-association`, label: p('associationName') },
    email: { id: `${ids}-email`, label: p('email') },
    phone: { id: `${ids}-phone`, label: p('phone') },
    consent: { id: `${ids}-consent`, label: s('completeConsent') },
  };
  return (
    <DialogTrigger onOpenChange={(open) => open && setError(null)}>
      <Button
        className="button button-small button-secondary"
        aria-label={s('completeOf', { town: need.town })}
      >
        {s('complete')}
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
                  const text = (value: string) => value.trim() || null;
                  try {
                    const updated = await censusApi.complete(need.id, {
                      ...(need.kind === 'person'
                        ? { firstName: text(firstName), lastName: text(lastName) }
                        : { associationName: text(associationName) }),
                      email: text(email),
                      phone: text(phone),
                      consent,
                    });
                    setBusy(false);
                    onDone(updated);
                    close();
                  } catch (err) {
                    setBusy(false);
                    setError(err);
                  }
                }}
              >
                <Heading slot="title" className="dialog-title">
                  {s('completeTitle')}
                </Heading>
                <p className="dialog-body">{s('completeHelp')}</p>
                <ErrorSummary error={error} fields={fields} />
                {need.kind === 'person' ? (
                  <div className="field-row">
                    <Field
                      id={`${ids}-first`}
                      name="firstName"
                      label={p('firstName')}
                      isRequired
                      value={firstName}
                      onChange={setFirstName}
                      maxLength={100}
                    />
                    <Field
                      id={`${ids}-last`}
                      name="lastName"
                      label={p('lastName')}
                      isRequired
                      value={lastName}
                      onChange={setLastName}
                      maxLength={100}
                    />
                  </div>
                ) : (
                  <Field
                    id={`${ids}-association`}
                    name="associationName"
                    label={p('associationName')}
                    isRequired
                    value={associationName}
                    onChange={setAssociationName}
                    maxLength={200}
                  />
                )}
                <div className="field-row">
                  <Field
                    id={`${ids}-email`}
                    name="email"
                    type="email"
                    label={p('email')}
                    optional
                    value={email}
                    onChange={setEmail}
                    maxLength={254}
                  />
                  <Field
                    id={`${ids}-phone`}
                    name="phone"
                    label={p('phone')}
                    optional
                    value={phone}
                    onChange={setPhone}
                    maxLength={40}
                  />
                </div>
                <CheckboxField
                  id={`${ids}-consent`}
                  name="consent"
                  label={s('completeConsent')}
                  isSelected={consent}
                  onChange={setConsent}
                />
                <div className="dialog-actions">
                  <Button className="button button-secondary" onPress={close} isDisabled={busy}>
                    {s('cancel')}
                  </Button>
                  <SubmitButton busy={busy}>{s('completeSave')}</SubmitButton>
                </div>
              </Form>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
