/**
 * Create an organisation (platform administrators) or edit one (its administrators). SIRET, RNA and
 * postcode are checked as you submit, with the same functions the server uses; the server's own field
 * errors then show next to their fields and in a summary that takes focus.
 */
import { type FormEvent, useState } from 'react';
import { Checkbox, CheckboxGroup, FieldError, Form, Label, Text } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isValidPostcode, isValidRna, isValidSiret } from '../../lib/identifiers.ts';
import { NAME_MAX_LENGTH } from '../../lib/limits.ts';
import {
  api,
  ORGANISATION_KINDS,
  type Organisation,
  type OrganisationInput,
  type OrganisationKind,
} from '../api.ts';
import { ErrorSummary, Field, type SummaryField, useServerFieldErrors } from '../components/forms.tsx';
import { ErrorAlert, Loading, Page, useLoad } from '../components/ui.tsx';
import { useMe, useSession } from '../session.tsx';

export interface NoticeState {
  notice?: string;
}

function CheckMark() {
  return (
    <svg viewBox="0 0 18 18" aria-hidden="true" focusable="false">
      <polyline points="3.5 9.5 7.5 13 14.5 5" fill="none" stroke="currentColor" strokeWidth="2.5" />
    </svg>
  );
}

/** Only what was changed, so that the audit log names the fields that really changed. */
function changes(existing: Organisation, body: OrganisationInput): Partial<OrganisationInput> {
  const out: Partial<OrganisationInput> = {};
  if (body.name !== existing.name) out.name = body.name;
  if ([...body.kinds].sort().join() !== [...existing.kinds].sort().join()) out.kinds = body.kinds;
  for (const key of ['siret', 'rna', 'postcode', 'city'] as const) {
    if ((body[key] ?? null) !== existing[key]) out[key] = body[key] ?? null;
  }
  return out;
}

function OrganisationFields({ existing }: { existing: Organisation | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { refresh } = useSession();
  const [name, setName] = useState(existing?.name ?? '');
  const [kinds, setKinds] = useState<string[]>(existing?.kinds ?? []);
  const [siret, setSiret] = useState(existing?.siret ?? '');
  const [rna, setRna] = useState(existing?.rna ?? '');
  const [postcode, setPostcode] = useState(existing?.postcode ?? '');
  const [city, setCity] = useState(existing?.city ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const serverErrors = useServerFieldErrors(error);

  const fields: Record<string, SummaryField> = {
    name: { id: 'org-name', label: t('orgForm.name') },
    kinds: { id: `org-kind-${ORGANISATION_KINDS[0]}`, label: t('orgForm.kinds') },
    siret: { id: 'org-siret', label: t('orgForm.siret') },
    rna: { id: 'org-rna', label: t('orgForm.rna') },
    postcode: { id: 'org-postcode', label: t('orgForm.postcode') },
    city: { id: 'org-city', label: t('orgForm.city') },
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const body: OrganisationInput = {
      name: name.trim(),
      kinds: kinds as OrganisationKind[],
      siret: siret.trim() || null,
      rna: rna.trim() || null,
      postcode: postcode.trim() || null,
      city: city.trim() || null,
    };
    setBusy(true);
    setError(null);
    try {
      const saved = existing
        ? await api.updateOrganisation(existing.id, changes(existing, body))
        : await api.createOrganisation(body);
      const notice = existing ? t('orgForm.saved') : t('orgForm.created', { name: saved.name });
      // The header's organisation switcher shows the names of one's own organisations.
      if (existing && saved.myRole) void refresh();
      navigate(`/organisations/${saved.id}`, { state: { notice } satisfies NoticeState });
    } catch (err) {
      setBusy(false);
      setError(err);
    }
  }

  const optional = (check: (value: string) => boolean, message: string) => (value: string) =>
    value.trim() && !check(value) ? message : null;

  return (
    <Form className="card form" onSubmit={submit} validationErrors={serverErrors} aria-busy={busy}>
      <ErrorSummary error={error} fields={fields} />
      <p className="help">{t('orgForm.intro')}</p>
      <Field
        id="org-name"
        name="name"
        label={t('orgForm.name')}
        isRequired
        value={name}
        onChange={setName}
        maxLength={NAME_MAX_LENGTH}
        autoComplete="organization"
        validate={(value) => (value.trim() ? null : t('validation.required'))}
      />
      <CheckboxGroup
        className="field checkbox-group"
        name="kinds"
        value={kinds}
        onChange={setKinds}
        isRequired
        validate={(value) => (value.length > 0 ? null : t('validation.kinds'))}
      >
        <Label>
          {t('orgForm.kinds')}
          <span className="field-flag"> ({t('common.required')})</span>
        </Label>
        <Text slot="description" className="help">
          {t('orgForm.kindsHelp')}
        </Text>
        <div className="checkbox-grid">
          {ORGANISATION_KINDS.map((kind) => (
            <Checkbox key={kind} id={`org-kind-${kind}`} value={kind} className="checkbox">
              <span className="checkbox-box" aria-hidden="true">
                <CheckMark />
              </span>
              {t(`kinds.${kind}`)}
            </Checkbox>
          ))}
        </div>
        <FieldError className="field-error" />
      </CheckboxGroup>
      <div className="field-row">
        <Field
          id="org-siret"
          name="siret"
          label={t('orgForm.siret')}
          optional
          description={t('orgForm.siretHelp')}
          value={siret}
          onChange={setSiret}
          inputProps={{ inputMode: 'numeric', autoComplete: 'off', spellCheck: false }}
          validate={optional(isValidSiret, t('validation.siret'))}
        />
        <Field
          id="org-rna"
          name="rna"
          label={t('orgForm.rna')}
          optional
          description={t('orgForm.rnaHelp')}
          value={rna}
          onChange={setRna}
          inputProps={{ autoComplete: 'off', spellCheck: false }}
          validate={optional(isValidRna, t('validation.rna'))}
        />
      </div>
      <div className="field-row">
        <Field
          id="org-postcode"
          name="postcode"
          label={t('orgForm.postcode')}
          optional
          value={postcode}
          onChange={setPostcode}
          inputProps={{ inputMode: 'numeric', autoComplete: 'postal-code', className: 'input-short' }}
          validate={optional(isValidPostcode, t('validation.postcode'))}
        />
        <Field
          id="org-city"
          name="city"
          label={t('orgForm.city')}
          optional
          value={city}
          onChange={setCity}
          maxLength={NAME_MAX_LENGTH}
          autoComplete="address-level2"
        />
      </div>
      <div className="actions">
        <button type="submit" className="button button-primary" aria-disabled={busy}>
          {busy
            ? existing
              ? t('common.saving')
              : t('orgForm.creating')
            : existing
              ? t('orgForm.save')
              : t('orgForm.create')}
        </button>
        <Link
          to={existing ? `/organisations/${existing.id}` : '/organisations'}
          className="button button-secondary"
        >
          {t('common.cancel')}
        </Link>
      </div>
    </Form>
  );
}

export default function OrganisationForm() {
  const { t } = useTranslation();
  const me = useMe();
  const { id } = useParams();
  const existing = useLoad((signal) => (id ? api.organisation(id, signal) : Promise.resolve(null)), [id]);

  if (!id) {
    return (
      <Page help="premiers-pas" title={t('orgForm.createTitle')}>
        {!me.user.isPlatformAdmin && <p className="alert alert-info">{t('orgForm.createForbidden')}</p>}
        <OrganisationFields existing={null} />
      </Page>
    );
  }
  const organisation = existing.data;
  return (
    <Page
      help="premiers-pas"
      title={organisation ? t('orgForm.editTitle', { name: organisation.name }) : t('orgForm.editTitleShort')}
    >
      <ErrorAlert error={existing.error} onRetry={existing.reload} />
      {existing.loading && !organisation && <Loading />}
      {organisation && !organisation.can.update && (
        <p className="alert alert-info">{t('orgForm.editForbidden')}</p>
      )}
      {organisation && <OrganisationFields key={organisation.id} existing={organisation} />}
    </Page>
  );
}
