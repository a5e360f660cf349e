/**
 * The insertion workforce (`/equipe`): the technicians under contract with this month's hours, a form to
 * add a member's contract, and the insertion clauses with their progress. For the administrators and
 * managers of a refurbisher only.
 */
import { type FormEvent, useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api.ts';
import {
  ConfirmButton,
  ErrorSummary,
  Field,
  SelectField,
  SubmitButton,
  type SummaryField,
  useServerPathErrors,
} from '../components/forms.tsx';
import { EmptyState } from '../components/help.tsx';
import { ErrorAlert, Loading, Page, SuccessNotice, TableScroll, useLoad } from '../components/ui.tsx';
import {
  CONTRACT_TYPES,
  type ContractType,
  parseHours,
  type Technician,
  workforceApi,
} from '../components/workforce/api.ts';
import {
  ClauseProgress,
  ContractDates,
  ContractTypeText,
  dayText,
  deName,
  todayDay,
  useHours,
  useWorkforceOrganisation,
} from '../components/workforce/common.tsx';

function TechniciansTable({ technicians }: { technicians: Technician[] }) {
  const { t } = useTranslation();
  const hours = useHours();
  return (
    <TableScroll label={t('workforce.technicians.caption')}>
      <table>
        <caption className="visually-hidden">{t('workforce.technicians.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('workforce.technicians.person')}</th>
            <th scope="col">{t('workforce.technicians.contract')}</th>
            <th scope="col">{t('workforce.technicians.weekly')}</th>
            <th scope="col">{t('workforce.technicians.month')}</th>
          </tr>
        </thead>
        <tbody>
          {technicians.map((p) => (
            <tr key={p.userId}>
              <th scope="row">
                <Link to={`/equipe/${p.userId}`}>{p.name}</Link>
                {p.role === null && (
                  <span className="help"> ({t('workforce.technicians.formerMember')})</span>
                )}
              </th>
              <td>
                {p.contract && (
                  <>
                    <ContractTypeText type={p.contract.contractType} />
                    <br />
                    <ContractDates startsOn={p.contract.startsOn} endsOn={p.contract.endsOn} />
                  </>
                )}
              </td>
              <td>{p.contract ? hours(p.contract.weeklyMinutes) : ''}</td>
              <td>
                {hours(p.monthMinutes)}
                <br />
                <span className="help">
                  {t('workforce.technicians.monthDetail', {
                    entered: t('workforce.technicians.monthEntered', { count: p.monthEnteredWeeks }),
                    derived: t('workforce.technicians.monthDerived', { count: p.monthDerivedWeeks }),
                  })}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function AddContract({
  organisationId,
  onSaved,
}: {
  organisationId: string;
  onSaved: (name: string) => void;
}) {
  const { t } = useTranslation();
  const members = useLoad((signal) => api.members(organisationId, { limit: 500 }, signal), [organisationId]);
  const [userId, setUserId] = useState('');
  const [type, setType] = useState<ContractType | ''>('');
  const [startsOn, setStartsOn] = useState(todayDay());
  const [endsOn, setEndsOn] = useState('');
  const [weekly, setWeekly] = useState('');
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const serverErrors = useServerPathErrors(error);
  const fields: Record<string, SummaryField> = {
    userId: { id: 'contract-member', label: t('workforce.contract.member') },
    contractType: { id: 'contract-type', label: t('workforce.contract.type') },
    startsOn: { id: 'contract-start', label: t('workforce.contract.startsOn') },
    endsOn: { id: 'contract-end', label: t('workforce.contract.endsOn') },
    weeklyMinutes: { id: 'contract-weekly', label: t('workforce.contract.weekly') },
    note: { id: 'contract-note', label: t('workforce.contract.note') },
  };
  const weeklyMinutes = parseHours(weekly);
  const weeklyValid = !Number.isNaN(weeklyMinutes) && weeklyMinutes >= 60 && weeklyMinutes <= 48 * 60;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setTried(true);
    if (busy || !userId || !type || !weeklyValid) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await workforceApi.createContract(organisationId, {
        userId,
        contractType: type,
        startsOn,
        endsOn: endsOn || null,
        weeklyMinutes,
        note: note.trim() || null,
      });
      setBusy(false);
      setTried(false);
      setUserId('');
      setType('');
      setWeekly('');
      setEndsOn('');
      setNote('');
      onSaved(saved.personName);
    } catch (err) {
      setBusy(false);
      setError(err);
    }
  }

  return (
    <section className="card" aria-labelledby="contract-add-title">
      <h2 id="contract-add-title">{t('workforce.contract.add')}</h2>
      <ErrorAlert error={members.error} onRetry={members.reload} />
      <Form className="form" onSubmit={submit} validationErrors={serverErrors} aria-busy={busy}>
        <ErrorSummary error={error} fields={fields} />
        <SelectField
          id="contract-member"
          name="userId"
          label={t('workforce.contract.member')}
          description={t('workforce.contract.memberHelp')}
          isRequired
          value={userId}
          onChange={setUserId}
          placeholder={t('workforce.contract.choose')}
          error={tried && !userId ? t('validation.required') : null}
          options={(members.data?.items ?? []).map((m) => ({
            value: m.userId,
            label: `${m.name} (${m.email})`,
          }))}
        />
        <SelectField
          id="contract-type"
          name="contractType"
          label={t('workforce.contract.type')}
          description={t('workforce.contract.typeHelp')}
          isRequired
          value={type}
          onChange={(value) => setType(value as ContractType | '')}
          placeholder={t('workforce.contract.choose')}
          error={tried && !type ? t('validation.required') : null}
          options={CONTRACT_TYPES.map((c) => ({ value: c, label: t(`workforce.contractTypes.${c}`) }))}
        />
        <div className="field-row">
          <Field
            id="contract-start"
            name="startsOn"
            type="date"
            label={t('workforce.contract.startsOn')}
            isRequired
            value={startsOn}
            onChange={setStartsOn}
            validate={(value) => (value ? null : t('validation.required'))}
          />
          <Field
            id="contract-end"
            name="endsOn"
            type="date"
            label={t('workforce.contract.endsOn')}
            optional
            value={endsOn}
            onChange={setEndsOn}
          />
        </div>
        <Field
          id="contract-weekly"
          name="weeklyMinutes"
          label={t('workforce.contract.weekly')}
          description={t('workforce.contract.weeklyHelp')}
          isRequired
          inputMode="decimal"
          value={weekly}
          onChange={setWeekly}
          validate={(value) => {
            const minutes = parseHours(value);
            return !Number.isNaN(minutes) && minutes >= 60 && minutes <= 48 * 60
              ? null
              : t('workforce.contract.weeklyInvalid');
          }}
        />
        <Field
          id="contract-note"
          name="note"
          label={t('workforce.contract.note')}
          optional
          value={note}
          maxLength={500}
          onChange={setNote}
        />
        <div className="actions">
          <SubmitButton busy={busy}>{t('workforce.contract.save')}</SubmitButton>
        </div>
      </Form>
    </section>
  );
}

function AddClause({ organisationId, onSaved }: { organisationId: string; onSaved: (name: string) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [buyer, setBuyer] = useState('');
  const [reference, setReference] = useState('');
  const [required, setRequired] = useState('');
  const [startsOn, setStartsOn] = useState(todayDay());
  const [endsOn, setEndsOn] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const serverErrors = useServerPathErrors(error);
  const fields: Record<string, SummaryField> = {
    name: { id: 'clause-name', label: t('workforce.clauses.name') },
    buyer: { id: 'clause-buyer', label: t('workforce.clauses.buyer') },
    reference: { id: 'clause-reference', label: t('workforce.clauses.reference') },
    requiredHours: { id: 'clause-required', label: t('workforce.clauses.requiredHours') },
    startsOn: { id: 'clause-start', label: t('workforce.clauses.startsOn') },
    endsOn: { id: 'clause-end', label: t('workforce.clauses.endsOn') },
  };
  const requiredHours = /^\d{1,7}$/.test(required.trim()) ? Number(required.trim()) : Number.NaN;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy || !name.trim() || !(requiredHours >= 1) || !endsOn) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await workforceApi.createClause(organisationId, {
        name: name.trim(),
        buyer: buyer.trim() || null,
        reference: reference.trim() || null,
        requiredHours,
        startsOn,
        endsOn,
      });
      setBusy(false);
      setName('');
      setBuyer('');
      setReference('');
      setRequired('');
      setEndsOn('');
      onSaved(saved.name);
    } catch (err) {
      setBusy(false);
      setError(err);
    }
  }

  return (
    <Form className="card form" onSubmit={submit} validationErrors={serverErrors} aria-busy={busy}>
      <h3>{t('workforce.clauses.add')}</h3>
      <ErrorSummary error={error} fields={fields} />
      <Field
        id="clause-name"
        name="name"
        label={t('workforce.clauses.name')}
        isRequired
        value={name}
        maxLength={200}
        onChange={setName}
        validate={(value) => (value.trim() ? null : t('validation.required'))}
      />
      <div className="field-row">
        <Field
          id="clause-buyer"
          name="buyer"
          label={t('workforce.clauses.buyer')}
          optional
          value={buyer}
          maxLength={200}
          onChange={setBuyer}
        />
        <Field
          id="clause-reference"
          name="reference"
          label={t('workforce.clauses.reference')}
          optional
          value={reference}
          maxLength={100}
          onChange={setReference}
        />
      </div>
      <Field
        id="clause-required"
        name="requiredHours"
        label={t('workforce.clauses.requiredHours')}
        isRequired
        inputMode="numeric"
        value={required}
        onChange={setRequired}
        validate={(value) =>
          /^\d{1,7}$/.test(value.trim()) && Number(value) >= 1 ? null : t('workforce.clauses.requiredInvalid')
        }
      />
      <div className="field-row">
        <Field
          id="clause-start"
          name="startsOn"
          type="date"
          label={t('workforce.clauses.startsOn')}
          isRequired
          value={startsOn}
          onChange={setStartsOn}
          validate={(value) => (value ? null : t('validation.required'))}
        />
        <Field
          id="clause-end"
          name="endsOn"
          type="date"
          label={t('workforce.clauses.endsOn')}
          isRequired
          value={endsOn}
          onChange={setEndsOn}
          validate={(value) => (value ? null : t('validation.required'))}
        />
      </div>
      <div className="actions">
        <SubmitButton busy={busy}>{t('workforce.clauses.save')}</SubmitButton>
      </div>
    </Form>
  );
}

function Clauses({ organisationId, onNotice }: { organisationId: string; onNotice: (text: string) => void }) {
  const { t, i18n } = useTranslation();
  const clauses = useLoad((signal) => workforceApi.clauses(organisationId, signal), [organisationId]);
  return (
    <section aria-labelledby="clauses-title">
      <h2 id="clauses-title">{t('workforce.clauses.title')}</h2>
      <p className="help">{t('workforce.clauses.intro')}</p>
      <ErrorAlert error={clauses.error} onRetry={clauses.reload} />
      {clauses.loading && !clauses.data && <Loading />}
      {clauses.data?.length === 0 && (
        <EmptyState message={t('workforce.clauses.empty')} next={t('workforce.clauses.emptyNext')} />
      )}
      {clauses.data && clauses.data.length > 0 && (
        <ul className="plain-list">
          {clauses.data.map((c) => (
            <li key={c.id} className="card">
              <h3>{c.name}</h3>
              <p>
                {[c.buyer, c.reference].filter(Boolean).join(' — ')}
                {(c.buyer || c.reference) && <br />}
                {t('workforce.dates', {
                  from: dayText(c.startsOn, i18n.language),
                  to: dayText(c.endsOn, i18n.language),
                })}
              </p>
              <ClauseProgress name={c.name} doneMinutes={c.doneMinutes} requiredHours={c.requiredHours} />
              <div className="actions">
                <ConfirmButton
                  label={t('workforce.clauses.delete')}
                  ariaLabel={t('workforce.clauses.deleteOf', { name: c.name })}
                  title={t('workforce.clauses.deleteTitle')}
                  message={t('workforce.clauses.deleteMessage', { name: c.name })}
                  confirmLabel={t('workforce.clauses.delete')}
                  onConfirm={async () => {
                    await workforceApi.deleteClause(c.id);
                    onNotice(t('workforce.clauses.deleted'));
                    clauses.reload();
                  }}
                />
              </div>
            </li>
          ))}
        </ul>
      )}
      <AddClause
        organisationId={organisationId}
        onSaved={(name) => {
          onNotice(t('workforce.clauses.saved', { name }));
          clauses.reload();
        }}
      />
    </section>
  );
}

export default function Workforce() {
  const { t } = useTranslation();
  const organisation = useWorkforceOrganisation();
  const organisationId = organisation?.id ?? '';
  const technicians = useLoad(
    (signal) => (organisationId ? workforceApi.technicians(organisationId, signal) : Promise.resolve([])),
    [organisationId],
  );
  const [notice, setNotice] = useState('');

  return (
    <Page help="effacer-et-certifier" title={t('workforce.title')}>
      {!organisation ? (
        <p className="empty">{t('workforce.noOrganisation')}</p>
      ) : (
        <>
          <p className="help">
            {t('workforce.intro', {
              organisation: organisation.name,
              deOrganisation: deName(organisation.name),
            })}
          </p>
          <p className="actions">
            <Link className="button button-secondary" to="/equipe/rapport">
              {t('workforce.reportLink')}
            </Link>
            <Link className="button button-secondary" to="/equipe/reglages">
              {t('workforce.settingsLink')}
            </Link>
          </p>
          <SuccessNotice>{notice}</SuccessNotice>
          <section aria-labelledby="technicians-title">
            <h2 id="technicians-title">{t('workforce.technicians.title')}</h2>
            <ErrorAlert error={technicians.error} onRetry={technicians.reload} />
            {technicians.loading && !technicians.data && <Loading />}
            {technicians.data?.length === 0 && (
              <EmptyState
                message={t('workforce.technicians.empty')}
                next={t('workforce.technicians.emptyNext')}
              />
            )}
            {technicians.data && technicians.data.length > 0 && (
              <TechniciansTable technicians={technicians.data} />
            )}
          </section>
          <AddContract
            organisationId={organisationId}
            onSaved={(name) => {
              setNotice(t('workforce.contract.saved', { name, deName: deName(name) }));
              technicians.reload();
            }}
          />
          <Clauses organisationId={organisationId} onNotice={setNotice} />
        </>
      )}
    </Page>
  );
}
