/**
 * The public registration page of a programme (`/associations/inscription/<programme>`, no account): who
 * runs it and its limits, then the association's details (RNA or SIRET checked as the server checks them)
 * and its contact person, every field with a help text. The server answers the same « check your e-mail »
 * whatever the address, so the page does too. A hidden « website » field, left empty by people, catches
 * form-filling robots. A programme that takes no association says so kindly.
 */
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { isValidPostcode, isValidRna, isValidSiret } from '../../lib/identifiers.ts';
import { NAME_MAX_LENGTH } from '../../lib/limits.ts';
import { ApiError } from '../api.ts';
import {
  ErrorSummary,
  Field,
  SubmitButton,
  type SummaryField,
  TextAreaField,
  useServerPathErrors,
} from '../components/forms.tsx';
import { ErrorAlert, Loading, Page, useLoad } from '../components/ui.tsx';
import { PORTAL_LIMITS, portalApi } from '../portalApi.ts';

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function Sent({ email }: { email: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  // The message takes the focus: the form it replaces is gone.
  useEffect(() => ref.current?.focus(), []);
  return (
    <section className="card" aria-labelledby="portal-sent">
      <h2 id="portal-sent" ref={ref} tabIndex={-1}>
        {t('portal.register.sentTitle')}
      </h2>
      <p>{t('portal.register.sentText', { email })}</p>
    </section>
  );
}

export default function PortalRegister() {
  const { t } = useTranslation();
  const { programmeId = '' } = useParams();
  const loaded = useLoad((signal) => portalApi.publicProgramme(programmeId, signal), [programmeId]);
  const [name, setName] = useState('');
  const [rna, setRna] = useState('');
  const [siret, setSiret] = useState('');
  const [address, setAddress] = useState('');
  const [postcode, setPostcode] = useState('');
  const [city, setCity] = useState('');
  const [activity, setActivity] = useState('');
  const [peopleServed, setPeopleServed] = useState('');
  const [contactName, setContactName] = useState('');
  const [contactEmail, setContactEmail] = useState('');
  const [contactPhone, setContactPhone] = useState('');
  const [website, setWebsite] = useState('');
  const [identifierMissing, setIdentifierMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sentTo, setSentTo] = useState('');
  const serverErrors = useServerPathErrors(error);
  const identifierMessage = t('portal.register.identifierRequired');
  const validationErrors = useMemo(
    () => (identifierMissing ? { ...serverErrors, rna: identifierMessage } : serverErrors),
    [serverErrors, identifierMissing, identifierMessage],
  );

  const closed = loaded.error instanceof ApiError && loaded.error.status === 404;
  if (closed || (loaded.data && !loaded.data.accepts)) {
    return (
      <Page help="inscrire-une-association" title={t('portal.register.closedTitle')} className="page-narrow">
        <p>{t('portal.register.closedText')}</p>
      </Page>
    );
  }
  const programme = loaded.data;

  const fields: Record<string, SummaryField> = {
    name: { id: 'portal-name', label: t('portal.register.name') },
    rna: { id: 'portal-rna', label: t('portal.register.rna') },
    siret: { id: 'portal-siret', label: t('portal.register.siret') },
    address: { id: 'portal-address', label: t('portal.register.address') },
    postcode: { id: 'portal-postcode', label: t('portal.register.postcode') },
    city: { id: 'portal-city', label: t('portal.register.city') },
    activity: { id: 'portal-activity', label: t('portal.register.activity') },
    peopleServed: { id: 'portal-people', label: t('portal.register.peopleServed') },
    contactName: { id: 'portal-contact-name', label: t('portal.register.contactName') },
    contactEmail: { id: 'portal-contact-email', label: t('portal.register.contactEmail') },
    contactPhone: { id: 'portal-contact-phone', label: t('portal.register.contactPhone') },
  };

  const required = (value: string) => (value.trim() ? null : t('validation.required'));
  const optional = (check: (value: string) => boolean, message: string) => (value: string) =>
    value.trim() && !check(value.trim()) ? message : null;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (!rna.trim() && !siret.trim()) {
      setIdentifierMissing(true);
      setError(null);
      return;
    }
    setIdentifierMissing(false);
    setBusy(true);
    setError(null);
    try {
      await portalApi.register(programmeId, {
        name: name.trim(),
        ...(rna.trim() ? { rna: rna.trim().toUpperCase() } : {}),
        ...(siret.trim() ? { siret: siret.trim() } : {}),
        address: address.trim(),
        postcode: postcode.trim(),
        city: city.trim(),
        activity: activity.trim(),
        // « 1 200 » is how people write numbers in French: the check already ignores the spaces.
        peopleServed: Number(peopleServed.replace(/\s/g, '')),
        contactName: contactName.trim(),
        contactEmail: contactEmail.trim(),
        ...(contactPhone.trim() ? { contactPhone: contactPhone.trim() } : {}),
        website,
      });
      setBusy(false);
      setSentTo(contactEmail.trim());
    } catch (err) {
      setBusy(false);
      setError(err);
    }
  }

  return (
    <Page help="inscrire-une-association" title={t('portal.register.title')} className="page-narrow">
      <ErrorAlert error={closed ? null : loaded.error} onRetry={loaded.reload} />
      {!programme && !loaded.error && <Loading />}
      {programme && (
        <>
          <p>
            {t('portal.register.programme', {
              programme: programme.programmeName,
              organisation: programme.organisationName,
            })}
          </p>
          {programme.intro && <p className="pre-line">{programme.intro}</p>}
          <p>{t('portal.register.steps', { organisation: programme.organisationName })}</p>
          <p className="help">
            {t('portal.register.limits', {
              devices: t('portal.register.limitsDevices', { count: programme.maxDevicesPerYear }),
              orders: t('portal.register.limitsOrders', { count: programme.maxOpenOrders }),
            })}
          </p>
          {sentTo ? (
            <Sent email={sentTo} />
          ) : (
            <Form
              className="card form"
              onSubmit={submit}
              validationErrors={validationErrors}
              aria-busy={busy}
            >
              <ErrorSummary
                error={error}
                fields={fields}
                {...(identifierMissing ? { clientErrors: { rna: identifierMessage } } : {})}
              />
              <fieldset className="fieldset">
                <legend>{t('portal.register.associationSection')}</legend>
                <Field
                  id="portal-name"
                  name="name"
                  label={t('portal.register.name')}
                  description={t('portal.register.nameHelp')}
                  isRequired
                  value={name}
                  onChange={setName}
                  maxLength={NAME_MAX_LENGTH}
                  autoComplete="organization"
                  validate={required}
                />
                <div className="field-row">
                  <Field
                    id="portal-rna"
                    name="rna"
                    label={t('portal.register.rna')}
                    description={t('portal.register.rnaHelp')}
                    value={rna}
                    onChange={(value) => {
                      setRna(value);
                      setIdentifierMissing(false);
                    }}
                    inputProps={{ autoComplete: 'off', spellCheck: false }}
                    validate={optional(isValidRna, t('validation.rna'))}
                  />
                  <Field
                    id="portal-siret"
                    name="siret"
                    label={t('portal.register.siret')}
                    description={t('portal.register.siretHelp')}
                    value={siret}
                    onChange={(value) => {
                      setSiret(value);
                      setIdentifierMissing(false);
                    }}
                    inputProps={{ inputMode: 'numeric', autoComplete: 'off', spellCheck: false }}
                    validate={optional(isValidSiret, t('validation.siret'))}
                  />
                </div>
                <Field
                  id="portal-address"
                  name="address"
                  label={t('portal.register.address')}
                  description={t('portal.register.addressHelp')}
                  isRequired
                  value={address}
                  onChange={setAddress}
                  maxLength={300}
                  autoComplete="street-address"
                  validate={required}
                />
                <div className="field-row">
                  <Field
                    id="portal-postcode"
                    name="postcode"
                    label={t('portal.register.postcode')}
                    isRequired
                    value={postcode}
                    onChange={setPostcode}
                    inputProps={{
                      inputMode: 'numeric',
                      autoComplete: 'postal-code',
                      className: 'input-short',
                    }}
                    validate={(value) =>
                      !value.trim()
                        ? t('validation.required')
                        : isValidPostcode(value.trim())
                          ? null
                          : t('validation.postcode')
                    }
                  />
                  <Field
                    id="portal-city"
                    name="city"
                    label={t('portal.register.city')}
                    isRequired
                    value={city}
                    onChange={setCity}
                    maxLength={NAME_MAX_LENGTH}
                    autoComplete="address-level2"
                    validate={required}
                  />
                </div>
                <TextAreaField
                  id="portal-activity"
                  name="activity"
                  label={t('portal.register.activity')}
                  description={t('portal.register.activityHelp', {
                    min: PORTAL_LIMITS.activityMin,
                    max: PORTAL_LIMITS.activityMax,
                  })}
                  isRequired
                  rows={5}
                  value={activity}
                  onChange={setActivity}
                  maxLength={PORTAL_LIMITS.activityMax}
                  validate={(value) =>
                    !value.trim()
                      ? t('validation.required')
                      : value.trim().length < PORTAL_LIMITS.activityMin
                        ? t('portal.register.activityShort', { min: PORTAL_LIMITS.activityMin })
                        : null
                  }
                />
                <Field
                  id="portal-people"
                  name="peopleServed"
                  label={t('portal.register.peopleServed')}
                  description={t('portal.register.peopleServedHelp')}
                  isRequired
                  value={peopleServed}
                  onChange={setPeopleServed}
                  inputProps={{ inputMode: 'numeric', className: 'input-short' }}
                  validate={(value) => {
                    const text = value.trim().replace(/\s/g, '');
                    if (!text) return t('validation.required');
                    const number = Number(text);
                    return /^\d+$/.test(text) && number >= 1 && number <= PORTAL_LIMITS.peopleServedMax
                      ? null
                      : t('portal.register.peopleServedInvalid');
                  }}
                />
              </fieldset>
              <fieldset className="fieldset">
                <legend>{t('portal.register.contactSection')}</legend>
                <Field
                  id="portal-contact-name"
                  name="contactName"
                  label={t('portal.register.contactName')}
                  description={t('portal.register.contactNameHelp')}
                  isRequired
                  value={contactName}
                  onChange={setContactName}
                  maxLength={NAME_MAX_LENGTH}
                  autoComplete="name"
                  validate={required}
                />
                <Field
                  id="portal-contact-email"
                  name="contactEmail"
                  type="email"
                  label={t('portal.register.contactEmail')}
                  description={t('portal.register.contactEmailHelp')}
                  isRequired
                  value={contactEmail}
                  onChange={setContactEmail}
                  maxLength={254}
                  autoComplete="email"
                  validate={(value) =>
                    !value.trim()
                      ? t('validation.required')
                      : EMAIL_PATTERN.test(value.trim())
                        ? null
                        : t('validation.email')
                  }
                />
                <Field
                  id="portal-contact-phone"
                  name="contactPhone"
                  label={t('portal.register.contactPhone')}
                  description={t('portal.register.contactPhoneHelp')}
                  optional
                  value={contactPhone}
                  onChange={setContactPhone}
                  maxLength={40}
                  autoComplete="tel"
                  inputProps={{ inputMode: 'tel' }}
                />
              </fieldset>
              {/* Left empty by people (hidden from sight, screen readers and the keyboard); robots fill it. */}
              <div className="visually-hidden" aria-hidden="true">
                <label htmlFor="portal-website">{t('portal.register.website')}</label>
                <input
                  id="portal-website"
                  name="website"
                  type="text"
                  tabIndex={-1}
                  autoComplete="off"
                  value={website}
                  onChange={(event) => setWebsite(event.target.value)}
                />
              </div>
              <SubmitButton busy={busy}>{t('portal.register.submit')}</SubmitButton>
            </Form>
          )}
        </>
      )}
    </Page>
  );
}
