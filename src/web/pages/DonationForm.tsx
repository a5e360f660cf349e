/**
 * Record a donation: who gives (searched in the directory), which refurbisher receives (the current
 * organisation when it is one), when, from where, how many devices were announced, and a note.
 */
import { type FormEvent, useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, type DonationInput } from '../api.ts';
import {
  ErrorSummary,
  Field,
  SubmitButton,
  type SummaryField,
  TextAreaField,
  useServerFieldErrors,
} from '../components/forms.tsx';
import { todayDay } from '../components/inventory.tsx';
import { OrganisationPicker, type PickedOrganisation } from '../components/OrganisationPicker.tsx';
import { Page } from '../components/ui.tsx';
import { canRecordDonations, stockOrganisations, useMe, useSession } from '../session.tsx';
import type { NoticeState } from './OrganisationForm.tsx';

export default function DonationForm() {
  const { t } = useTranslation();
  const me = useMe();
  const { currentOrganisationId } = useSession();
  const navigate = useNavigate();
  const refurbishers = stockOrganisations(me);
  const current = refurbishers.find((o) => o.id === currentOrganisationId) ?? refurbishers[0] ?? null;
  const currentMembership = me.memberships.find((m) => m.organisation.id === currentOrganisationId);
  const currentIsDonor = currentMembership?.organisation.kinds.includes('donor') ?? false;
  const [donor, setDonor] = useState<PickedOrganisation | null>(
    currentIsDonor && currentMembership
      ? { id: currentMembership.organisation.id, name: currentMembership.organisation.name }
      : null,
  );
  const [refurbisher, setRefurbisher] = useState<PickedOrganisation | null>(
    current ? { id: current.id, name: current.name } : null,
  );
  const [receivedOn, setReceivedOn] = useState(todayDay);
  const [pickupAddress, setPickupAddress] = useState('');
  const [declaredCount, setDeclaredCount] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const serverErrors = useServerFieldErrors(error);

  const fields: Record<string, SummaryField> = {
    donorOrganisationId: { id: 'donation-donor', label: t('donationForm.donor') },
    refurbisherOrganisationId: { id: 'donation-refurbisher', label: t('donationForm.refurbisher') },
    receivedOn: { id: 'donation-received-on', label: t('donationForm.receivedOn') },
    pickupAddress: { id: 'donation-pickup', label: t('donationForm.pickupAddress') },
    declaredCount: { id: 'donation-declared', label: t('donationForm.declaredCount') },
    note: { id: 'donation-note', label: t('donationForm.note') },
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy || !donor || !refurbisher) return;
    const input: DonationInput = {
      donorOrganisationId: donor.id,
      refurbisherOrganisationId: refurbisher.id,
      receivedOn,
    };
    if (pickupAddress.trim()) input.pickupAddress = pickupAddress.trim();
    if (declaredCount.trim()) input.declaredCount = Number(declaredCount.trim());
    if (note.trim()) input.note = note.trim();
    setBusy(true);
    setError(null);
    try {
      const donation = await api.createDonation(input);
      navigate(`/dons/${donation.id}`, {
        state: { notice: t('donationForm.created') } satisfies NoticeState,
      });
    } catch (err) {
      setBusy(false);
      setError(err);
    }
  }

  return (
    <Page help="recevoir-un-lot" title={t('donationForm.title')}>
      <p>
        <Link to="/dons">{t('donation.back')}</Link>
      </p>
      {!canRecordDonations(me) && <p className="alert alert-info">{t('donationForm.forbidden')}</p>}
      <Form className="card form" onSubmit={submit} validationErrors={serverErrors} aria-busy={busy}>
        <ErrorSummary error={error} fields={fields} />
        <p className="help">{t('donationForm.intro')}</p>
        <div className="field-row">
          <OrganisationPicker
            id="donation-donor"
            name="donorOrganisationId"
            label={t('donationForm.donor')}
            description={t('donationForm.pickerHelp')}
            kind="donor"
            value={donor}
            onChange={setDonor}
            isRequired
          />
          <OrganisationPicker
            id="donation-refurbisher"
            name="refurbisherOrganisationId"
            label={t('donationForm.refurbisher')}
            description={t('donationForm.pickerHelp')}
            kind="refurbisher"
            value={refurbisher}
            onChange={setRefurbisher}
            isRequired
          />
        </div>
        <div className="field-row">
          <Field
            id="donation-received-on"
            name="receivedOn"
            type="date"
            label={t('donationForm.receivedOn')}
            isRequired
            value={receivedOn}
            onChange={setReceivedOn}
            inputProps={{ className: 'input-short' }}
            validate={(value) => (value ? null : t('validation.required'))}
          />
          <Field
            id="donation-declared"
            name="declaredCount"
            label={t('donationForm.declaredCount')}
            description={t('donationForm.declaredCountHelp')}
            optional
            value={declaredCount}
            onChange={setDeclaredCount}
            inputProps={{ inputMode: 'numeric', className: 'input-short', autoComplete: 'off' }}
            validate={(value) =>
              value.trim() && !/^\d{1,6}$/.test(value.trim()) ? t('validation.wholeNumber') : null
            }
          />
        </div>
        <TextAreaField
          id="donation-pickup"
          name="pickupAddress"
          label={t('donationForm.pickupAddress')}
          optional
          rows={2}
          value={pickupAddress}
          onChange={setPickupAddress}
          maxLength={500}
          autoComplete="street-address"
        />
        <TextAreaField
          id="donation-note"
          name="note"
          label={t('donationForm.note')}
          optional
          value={note}
          onChange={setNote}
          maxLength={2000}
        />
        <div className="actions">
          <SubmitButton busy={busy}>{t('donationForm.create')}</SubmitButton>
          <Link to="/dons" className="button button-secondary">
            {t('common.cancel')}
          </Link>
        </div>
      </Form>
    </Page>
  );
}
