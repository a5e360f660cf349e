/**
 * The form of a need, on the public page (plain words, one question at a time) and on the staff page (a
 * prescriber registering a need for someone). Who (a person or an association, a group), what device,
 * why, which town, and optionally a name and contact with the consent box. Every problem is listed in the
 * summary at the top, which takes the focus, each linked to its field; the field says it too.
 */
import { type FormEvent, useId, useMemo, useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { isValidPostcode } from '../../../lib/identifiers.ts';
import { CENSUS_LIMITS, type NeedInput } from '../../censusApi.ts';
import type { PublicKey } from '../../i18n/fr-census.ts';
import { DEVICE_NEEDS, type DeviceNeed, type TargetGroup } from '../../peopleApi.ts';
import {
  CheckboxField,
  ErrorSummary,
  Field,
  SelectField,
  SubmitButton,
  type SummaryField,
  TextAreaField,
  useServerPathErrors,
} from '../forms.tsx';

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PERSON_GROUPS: TargetGroup[] = ['pupil', 'job_seeker', 'senior', 'household'];

export function NeedForm({
  organisationName,
  towns,
  kinds,
  staff = false,
  onSubmit,
  submitLabel,
}: {
  organisationName: string;
  towns: string[];
  kinds: ('person' | 'association')[];
  /** The staff page's form: the consent is the person's, said by the worker. */
  staff?: boolean;
  onSubmit: (input: NeedInput & { website?: string }) => Promise<void>;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const ids = useId();
  const [kind, setKind] = useState<'person' | 'association'>(kinds[0] ?? 'person');
  const [group, setGroup] = useState('');
  const [device, setDevice] = useState<DeviceNeed | ''>('');
  const [reason, setReason] = useState('');
  const [town, setTown] = useState('');
  const [postcode, setPostcode] = useState('');
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [associationName, setAssociationName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [consent, setConsent] = useState(false);
  const [website, setWebsite] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const serverErrors = useServerPathErrors(error);
  const validationErrors = useMemo(
    () => ({ ...serverErrors, ...clientErrors }),
    [serverErrors, clientErrors],
  );
  const id = (name: string) => `${ids}-${name}`;
  const p = (key: PublicKey, options?: Record<string, unknown>) => t(`census.public.${key}`, options ?? {});

  const fields: Record<string, SummaryField> = {
    kind: { id: id('kind-person'), label: p('kind') },
    targetGroup: { id: id('group'), label: p('group') },
    deviceNeed: { id: id('device-laptop'), label: p('device') },
    reason: { id: id('reason'), label: p('reason') },
    town: { id: id('town'), label: p('town') },
    postcode: { id: id('postcode'), label: p('postcode') },
    firstName: { id: id('first'), label: p('firstName') },
    lastName: { id: id('last'), label: p('lastName') },
    associationName: { id: id('association'), label: p('associationName') },
    email: { id: id('email'), label: p('email') },
    phone: { id: id('phone'), label: p('phone') },
    consent: {
      id: id('consent'),
      label: staff ? t('census.staff.consentStaff') : p('consent', { organisation: organisationName }),
    },
  };

  function check(): Record<string, string> {
    const errors: Record<string, string> = {};
    if (!device) errors.deviceNeed = p('deviceMissing');
    if (!town.trim()) errors.town = p('townMissing');
    if (postcode.trim() && !isValidPostcode(postcode)) errors.postcode = t('validation.postcode');
    if (reason.trim().length > CENSUS_LIMITS.reasonMax)
      errors.reason = p('reasonHelp', { max: CENSUS_LIMITS.reasonMax });
    if (email.trim() && !EMAIL_PATTERN.test(email.trim())) errors.email = t('validation.email');
    const personal =
      kind === 'person' ? [firstName, lastName, email, phone] : [associationName, email, phone];
    if (personal.some((v) => v.trim())) {
      if (kind === 'person') {
        if (!firstName.trim()) errors.firstName = p('nameMissing');
        if (!lastName.trim()) errors.lastName = p('nameMissing');
      } else if (!associationName.trim()) errors.associationName = p('associationNameMissing');
      if (!consent) errors.consent = p('consentMissing');
    }
    return errors;
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const errors = check();
    setClientErrors(errors);
    setError(null);
    if (Object.keys(errors).length > 0) return;
    setBusy(true);
    const text = (value: string) => value.trim() || null;
    try {
      await onSubmit({
        kind,
        ...(kind === 'person' && group ? { targetGroup: group as TargetGroup } : {}),
        deviceNeed: device as DeviceNeed,
        reason: text(reason),
        town: town.trim(),
        postcode: text(postcode),
        ...(kind === 'person'
          ? { firstName: text(firstName), lastName: text(lastName) }
          : { associationName: text(associationName) }),
        email: text(email),
        phone: text(phone),
        consent,
        ...(staff ? {} : { website }),
      });
      setBusy(false);
    } catch (err) {
      setBusy(false);
      setError(err);
    }
  }

  const radioError = (name: string) =>
    validationErrors[name] ? (
      <p className="field-error" id={id(`${name}-error`)}>
        {validationErrors[name]}
      </p>
    ) : null;

  return (
    <Form
      className="card form"
      onSubmit={submit}
      validationBehavior="aria"
      validationErrors={validationErrors}
      aria-busy={busy}
    >
      <ErrorSummary error={error} fields={fields} clientErrors={clientErrors} />
      {!staff && <p className="help">{p('required')}</p>}
      <fieldset className="fieldset">
        <legend>{p('whoSection')}</legend>
        {kinds.length > 1 && (
          <fieldset
            className="field radio-group"
            aria-describedby={validationErrors.kind ? id('kind-error') : undefined}
          >
            <legend>{p('kind')}</legend>
            {kinds.map((value) => (
              <label key={value} className="radio-line">
                <input
                  type="radio"
                  id={id(`kind-${value}`)}
                  name="kind"
                  value={value}
                  checked={kind === value}
                  onChange={() => setKind(value)}
                />{' '}
                {t(`census.kinds.${value}`)}
              </label>
            ))}
            {radioError('kind')}
          </fieldset>
        )}
        {kind === 'person' && (
          <SelectField
            id={id('group')}
            name="targetGroup"
            label={p('group')}
            description={p('groupHelp')}
            optional
            value={group}
            onChange={setGroup}
            placeholder={t('census.groups.unknown')}
            options={PERSON_GROUPS.map((value) => ({ value, label: t(`census.groups.${value}`) }))}
          />
        )}
      </fieldset>
      <fieldset className="fieldset">
        <legend>{p('needSection')}</legend>
        <fieldset
          className="field radio-group"
          aria-describedby={validationErrors.deviceNeed ? id('deviceNeed-error') : undefined}
        >
          <legend>
            {p('device')} <span className="field-flag">({t('common.required')})</span>
          </legend>
          {DEVICE_NEEDS.map((value) => (
            <label key={value} className="radio-line">
              <input
                type="radio"
                id={id(`device-${value}`)}
                name="deviceNeed"
                value={value}
                checked={device === value}
                aria-invalid={validationErrors.deviceNeed ? true : undefined}
                onChange={() => {
                  setDevice(value);
                  setClientErrors(({ deviceNeed: _d, ...rest }) => rest);
                }}
              />{' '}
              {t(`census.devices.${value}`)}
            </label>
          ))}
          {radioError('deviceNeed')}
        </fieldset>
        <TextAreaField
          id={id('reason')}
          name="reason"
          label={p('reason')}
          description={p('reasonHelp', { max: CENSUS_LIMITS.reasonMax })}
          optional
          rows={3}
          value={reason}
          onChange={setReason}
          maxLength={CENSUS_LIMITS.reasonMax}
        />
      </fieldset>
      <fieldset className="fieldset">
        <legend>{p('townSection')}</legend>
        <div className="field-row">
          <Field
            id={id('town')}
            name="town"
            label={p('town')}
            description={p('townHelp')}
            isRequired
            value={town}
            onChange={setTown}
            maxLength={120}
            autoComplete="address-level2"
            inputProps={towns.length > 0 ? { list: id('towns') } : {}}
          />
          <Field
            id={id('postcode')}
            name="postcode"
            label={p('postcode')}
            description={p('postcodeHelp')}
            optional
            value={postcode}
            onChange={setPostcode}
            autoComplete="postal-code"
            inputProps={{ inputMode: 'numeric', className: 'input-short' }}
          />
        </div>
        {towns.length > 0 && (
          <datalist id={id('towns')}>
            {towns.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        )}
      </fieldset>
      <fieldset className="fieldset">
        <legend>{p('contactSection')}</legend>
        <p className="help">{p('contactIntro')}</p>
        {kind === 'person' ? (
          <div className="field-row">
            <Field
              id={id('first')}
              name="firstName"
              label={p('firstName')}
              optional
              value={firstName}
              onChange={setFirstName}
              maxLength={100}
              autoComplete="given-name"
            />
            <Field
              id={id('last')}
              name="lastName"
              label={p('lastName')}
              optional
              value={lastName}
              onChange={setLastName}
              maxLength={100}
              autoComplete="family-name"
            />
          </div>
        ) : (
          <Field
            id={id('association')}
            name="associationName"
            label={p('associationName')}
            optional
            value={associationName}
            onChange={setAssociationName}
            maxLength={200}
            autoComplete="organization"
          />
        )}
        <div className="field-row">
          <Field
            id={id('email')}
            name="email"
            type="email"
            label={p('email')}
            optional
            value={email}
            onChange={setEmail}
            maxLength={254}
            autoComplete="email"
          />
          <Field
            id={id('phone')}
            name="phone"
            label={p('phone')}
            optional
            value={phone}
            onChange={setPhone}
            maxLength={40}
            autoComplete="tel"
            inputProps={{ inputMode: 'tel' }}
          />
        </div>
        <CheckboxField
          id={id('consent')}
          name="consent"
          label={staff ? t('census.staff.consentStaff') : p('consent', { organisation: organisationName })}
          description={p('consentHelp')}
          isSelected={consent}
          onChange={(value) => {
            setConsent(value);
            setClientErrors(({ consent: _c, ...rest }) => rest);
          }}
        />
        {radioError('consent')}
      </fieldset>
      {!staff && (
        // Left empty by people (hidden from sight, screen readers and the keyboard); robots fill it.
        <div className="visually-hidden" aria-hidden="true">
          <label htmlFor={id('website')}>{p('website')}</label>
          <input
            id={id('website')}
            name="website"
            type="text"
            tabIndex={-1}
            autoComplete="off"
            value={website}
            onChange={(event) => setWebsite(event.target.value)}
          />
        </div>
      )}
      <SubmitButton busy={busy}>{submitLabel}</SubmitButton>
    </Form>
  );
}
