/**
 * A technician's page (`/equipe/:userId`): contracts, the last 12 weeks' hours (entered, or derived from
 * the production the person signed — each week says which), a form to enter a week, the production, and
 * the skills grid with each level's history.
 */
import { type FormEvent, useState } from 'react';
import { Button, Dialog, DialogTrigger, Form, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
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
  type Clause,
  CONTRACT_TYPES,
  type Contract,
  type ContractType,
  type Person,
  parseHours,
  STEPS,
  workforceApi,
} from '../components/workforce/api.ts';
import {
  ContractDates,
  ContractTypeText,
  dayText,
  deName,
  hoursInputText,
  ProductionText,
  todayDay,
  useHours,
  useWorkforceOrganisation,
} from '../components/workforce/common.tsx';

/**
 * « Modifier » on a contract: a dialog with its type, dates, weekly hours and note, checked as when it was
 * added; Escape or « Annuler » closes it, and the focus goes back to the button.
 */
function EditContract({
  contract,
  personName,
  onSaved,
}: {
  contract: Contract;
  personName: string;
  onSaved: (notice: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [type, setType] = useState<ContractType>(contract.contractType);
  const [startsOn, setStartsOn] = useState(contract.startsOn);
  const [endsOn, setEndsOn] = useState(contract.endsOn ?? '');
  const [weekly, setWeekly] = useState(hoursInputText(contract.weeklyMinutes, i18n.language));
  const [note, setNote] = useState(contract.note ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const serverErrors = useServerPathErrors(error);
  const id = (field: string) => `contract-${contract.id}-${field}`;
  const fields: Record<string, SummaryField> = {
    contractType: { id: id('type'), label: t('workforce.contract.type') },
    startsOn: { id: id('start'), label: t('workforce.contract.startsOn') },
    endsOn: { id: id('end'), label: t('workforce.contract.endsOn') },
    weeklyMinutes: { id: id('weekly'), label: t('workforce.contract.weekly') },
    note: { id: id('note'), label: t('workforce.contract.note') },
  };
  const weeklyMinutes = parseHours(weekly);
  const weeklyValid = !Number.isNaN(weeklyMinutes) && weeklyMinutes >= 60 && weeklyMinutes <= 48 * 60;
  const typeText = t(`workforce.contractTypes.${contract.contractType}`);
  const from = dayText(contract.startsOn, i18n.language);

  function reset() {
    setType(contract.contractType);
    setStartsOn(contract.startsOn);
    setEndsOn(contract.endsOn ?? '');
    setWeekly(hoursInputText(contract.weeklyMinutes, i18n.language));
    setNote(contract.note ?? '');
    setError(null);
  }

  return (
    <DialogTrigger
      onOpenChange={(open) => {
        if (open) reset();
      }}
    >
      <Button
        className="button button-small button-secondary"
        aria-label={t('workforce.contract.editOf', { type: typeText, from })}
      >
        {t('workforce.contract.edit')}
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
                  if (busy || !startsOn || !weeklyValid) return;
                  setBusy(true);
                  setError(null);
                  try {
                    await workforceApi.updateContract(contract.id, {
                      contractType: type,
                      startsOn,
                      endsOn: endsOn || null,
                      weeklyMinutes,
                      note: note.trim() || null,
                    });
                    setBusy(false);
                    close();
                    onSaved(t('workforce.contract.edited', { name: personName, deName: deName(personName) }));
                  } catch (err) {
                    setBusy(false);
                    setError(err);
                  }
                }}
              >
                <Heading slot="title" className="dialog-title">
                  {t('workforce.contract.editTitle')}
                </Heading>
                <ErrorSummary error={error} fields={fields} />
                <SelectField
                  id={id('type')}
                  name="contractType"
                  label={t('workforce.contract.type')}
                  description={t('workforce.contract.typeHelp')}
                  isRequired
                  value={type}
                  onChange={(value) => setType(value as ContractType)}
                  options={CONTRACT_TYPES.map((c) => ({
                    value: c,
                    label: t(`workforce.contractTypes.${c}`),
                  }))}
                />
                <div className="field-row">
                  <Field
                    id={id('start')}
                    name="startsOn"
                    type="date"
                    label={t('workforce.contract.startsOn')}
                    isRequired
                    value={startsOn}
                    onChange={setStartsOn}
                    validate={(value) => (value ? null : t('validation.required'))}
                  />
                  <Field
                    id={id('end')}
                    name="endsOn"
                    type="date"
                    label={t('workforce.contract.endsOn')}
                    optional
                    value={endsOn}
                    onChange={setEndsOn}
                  />
                </div>
                <Field
                  id={id('weekly')}
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
                  id={id('note')}
                  name="note"
                  label={t('workforce.contract.note')}
                  optional
                  value={note}
                  maxLength={500}
                  onChange={setNote}
                />
                <div className="dialog-actions">
                  <Button className="button button-secondary" onPress={close} isDisabled={busy}>
                    {t('common.cancel')}
                  </Button>
                  <SubmitButton busy={busy}>{t('workforce.contract.editSave')}</SubmitButton>
                </div>
              </Form>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

function Contracts({ person, onChange }: { person: Person; onChange: (notice: string) => void }) {
  const { t, i18n } = useTranslation();
  const hours = useHours();
  return (
    <section aria-labelledby="person-contracts">
      <h2 id="person-contracts">{t('workforce.person.contracts')}</h2>
      {person.contracts.length === 0 ? (
        <p className="empty">{t('workforce.contract.none')}</p>
      ) : (
        <ul className="plain-list">
          {person.contracts.map((c) => (
            <li key={c.id} className="row-list-item">
              <span>
                <ContractTypeText type={c.contractType} /> —{' '}
                <ContractDates startsOn={c.startsOn} endsOn={c.endsOn} /> —{' '}
                {t('workforce.perWeek', { hours: hours(c.weeklyMinutes) })}
              </span>
              <EditContract contract={c} personName={person.person.name} onSaved={onChange} />
              <ConfirmButton
                label={t('workforce.contract.delete')}
                ariaLabel={t('workforce.contract.deleteOf', {
                  type: t(`workforce.contractTypes.${c.contractType}`),
                  from: dayText(c.startsOn, i18n.language),
                })}
                title={t('workforce.contract.deleteTitle')}
                message={t('workforce.contract.deleteMessage', {
                  type: t(`workforce.contractTypes.${c.contractType}`),
                  from: dayText(c.startsOn, i18n.language),
                })}
                confirmLabel={t('workforce.contract.delete')}
                onConfirm={async () => {
                  await workforceApi.deleteContract(c.id);
                  onChange(t('workforce.contract.deleted'));
                }}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Weeks({
  organisationId,
  person,
  clauses,
  onChange,
}: {
  organisationId: string;
  person: Person;
  clauses: Clause[];
  onChange: (notice: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const hours = useHours();
  const clauseName = (id: string | null) => clauses.find((c) => c.id === id)?.name ?? '';
  return (
    <section aria-labelledby="person-weeks">
      <h2 id="person-weeks">{t('workforce.person.weeks')}</h2>
      <p className="help">{t('workforce.person.weeksIntro')}</p>
      <p>
        {t('workforce.person.totals', {
          total: hours(person.totals.totalMinutes),
          insertion: hours(person.totals.insertionMinutes),
          entered: hours(person.totals.enteredMinutes),
          derived: hours(person.totals.derivedMinutes),
        })}
      </p>
      <TableScroll label={t('workforce.person.weeksCaption')}>
        <table>
          <caption className="visually-hidden">{t('workforce.person.weeksCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('workforce.person.week')}</th>
              <th scope="col">{t('workforce.person.hours')}</th>
              <th scope="col">{t('workforce.person.source')}</th>
              <th scope="col">{t('workforce.person.production')}</th>
              <th scope="col">{t('workforce.person.clause')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('workforce.person.removeEntry')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {person.weeks.map((w) => {
              const week = dayText(w.weekStart, i18n.language);
              return (
                <tr key={w.weekStart}>
                  <th scope="row">
                    {week}
                    {!w.contracted && <span className="help"> ({t('workforce.person.noContract')})</span>}
                  </th>
                  <td>
                    {hours(w.minutes)}
                    {w.overContract && (
                      <>
                        <br />
                        <span className="tag">
                          {t('workforce.person.overContract', { hours: hours(w.contractMinutes) })}
                        </span>
                      </>
                    )}
                  </td>
                  <td>
                    {w.source === 'entered' ? (
                      <>
                        <span className="tag">{t('workforce.person.entered')}</span>
                        <br />
                        <span className="help">
                          {t('workforce.person.derivedDetail', { hours: hours(w.derivedMinutes) })}
                        </span>
                      </>
                    ) : (
                      <span className="help">
                        {t('workforce.person.derived')}
                        {w.productionMinutes > w.derivedMinutes && (
                          <>
                            <br />
                            {t('workforce.person.capped', { hours: hours(w.productionMinutes) })}
                          </>
                        )}
                      </span>
                    )}
                  </td>
                  <td>
                    <ProductionText production={w.production} />
                  </td>
                  <td>{clauseName(w.clauseId)}</td>
                  <td>
                    {w.source === 'entered' && (
                      <ConfirmButton
                        label={t('workforce.person.removeEntry')}
                        ariaLabel={t('workforce.person.removeEntryOf', { week })}
                        title={t('workforce.person.removeTitle')}
                        message={t('workforce.person.removeMessage', { week, hours: hours(w.minutes) })}
                        confirmLabel={t('workforce.person.removeEntry')}
                        onConfirm={async () => {
                          await workforceApi.deleteWeek(organisationId, person.person.id, w.weekStart);
                          onChange(t('workforce.person.removed'));
                        }}
                      />
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

function EnterWeek({
  organisationId,
  person,
  clauses,
  onSaved,
}: {
  organisationId: string;
  person: Person;
  clauses: Clause[];
  onSaved: (notice: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const hours = useHours();
  const weeks = person.weeks.filter((w) => w.contracted);
  const [week, setWeek] = useState(weeks[0]?.weekStart ?? '');
  const [text, setText] = useState('');
  const [clauseId, setClauseId] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const serverErrors = useServerPathErrors(error);
  const fields: Record<string, SummaryField> = {
    weekStart: { id: 'week-start', label: t('workforce.person.enterWeek') },
    minutes: { id: 'week-hours', label: t('workforce.person.enterHours') },
    clauseId: { id: 'week-clause', label: t('workforce.person.enterClause') },
    note: { id: 'week-note', label: t('workforce.person.enterNote') },
  };
  if (weeks.length === 0) return null;
  const minutes = parseHours(text);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy || !week || Number.isNaN(minutes) || minutes < 0 || minutes > 3600) return;
    setBusy(true);
    setError(null);
    try {
      await workforceApi.putWeek(organisationId, person.person.id, week, {
        minutes,
        clauseId: clauseId || null,
        note: note.trim() || null,
      });
      setBusy(false);
      setText('');
      setNote('');
      onSaved(t('workforce.person.entered_', { week: dayText(week, i18n.language), hours: hours(minutes) }));
    } catch (err) {
      setBusy(false);
      setError(err);
    }
  }

  return (
    <section className="card" aria-labelledby="week-enter-title">
      <h2 id="week-enter-title">{t('workforce.person.enter')}</h2>
      <Form className="form" onSubmit={submit} validationErrors={serverErrors} aria-busy={busy}>
        <ErrorSummary error={error} fields={fields} />
        <SelectField
          id="week-start"
          name="weekStart"
          label={t('workforce.person.enterWeek')}
          isRequired
          value={week}
          onChange={setWeek}
          options={weeks.map((w) => ({ value: w.weekStart, label: dayText(w.weekStart, i18n.language) }))}
        />
        <Field
          id="week-hours"
          name="minutes"
          label={t('workforce.person.enterHours')}
          description={t('workforce.person.enterHoursHelp')}
          isRequired
          inputMode="decimal"
          value={text}
          onChange={setText}
          validate={(value) => {
            const m = parseHours(value);
            return !Number.isNaN(m) && m >= 0 && m <= 3600 ? null : t('workforce.person.enterHoursInvalid');
          }}
        />
        <SelectField
          id="week-clause"
          name="clauseId"
          label={t('workforce.person.enterClause')}
          optional
          value={clauseId}
          onChange={setClauseId}
          placeholder={t('workforce.person.noClause')}
          options={clauses.map((c) => ({ value: c.id, label: c.name }))}
        />
        <Field
          id="week-note"
          name="note"
          label={t('workforce.person.enterNote')}
          optional
          value={note}
          maxLength={500}
          onChange={setNote}
        />
        <div className="actions">
          <SubmitButton busy={busy}>{t('workforce.person.enterSave')}</SubmitButton>
        </div>
      </Form>
    </section>
  );
}

function Skills({
  organisationId,
  person,
  onSaved,
}: {
  organisationId: string;
  person: Person;
  onSaved: (notice: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [skillKey, setSkillKey] = useState(person.skills[0]?.key ?? '');
  const [level, setLevel] = useState('0');
  const [on, setOn] = useState(todayDay());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const serverErrors = useServerPathErrors(error);
  const fields: Record<string, SummaryField> = {
    skillKey: { id: 'level-skill', label: t('workforce.person.assessSkill') },
    level: { id: 'level-level', label: t('workforce.person.assessLevel') },
    assessedOn: { id: 'level-on', label: t('workforce.person.assessOn') },
  };
  const levels = Array.from({ length: person.maxLevel + 1 }, (_, i) => i);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy || !skillKey || !on) return;
    setBusy(true);
    setError(null);
    try {
      await workforceApi.recordLevel(organisationId, person.person.id, {
        skillKey,
        level: Number(level),
        assessedOn: on,
      });
      setBusy(false);
      onSaved(
        t('workforce.person.assessed', {
          skill: person.skills.find((s) => s.key === skillKey)?.label ?? skillKey,
          level: t('workforce.person.levelOf', { level, max: person.maxLevel }),
        }),
      );
    } catch (err) {
      setBusy(false);
      setError(err);
    }
  }

  return (
    <section aria-labelledby="person-skills">
      <h2 id="person-skills">{t('workforce.person.skills')}</h2>
      {person.skills.length === 0 ? (
        <EmptyState
          message={t('workforce.person.skillsEmpty')}
          next={t('workforce.person.skillsEmptyNext')}
          actions={
            <Link className="button button-secondary" to="/equipe/reglages">
              {t('workforce.settingsLink')}
            </Link>
          }
        />
      ) : (
        <>
          <TableScroll label={t('workforce.person.skillsCaption')}>
            <table>
              <caption className="visually-hidden">{t('workforce.person.skillsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('workforce.person.skill')}</th>
                  <th scope="col">{t('workforce.person.latest')}</th>
                  <th scope="col">{t('workforce.person.history')}</th>
                </tr>
              </thead>
              <tbody>
                {person.skills.map((s) => {
                  const history = person.levels.filter((l) => l.skillKey === s.key);
                  const latest = history[history.length - 1];
                  return (
                    <tr key={s.key}>
                      <th scope="row">{s.label}</th>
                      <td>
                        {latest
                          ? t('workforce.person.levelOf', { level: latest.level, max: person.maxLevel })
                          : t('workforce.person.notAssessed')}
                      </td>
                      <td>
                        {history
                          .map((l) =>
                            t('workforce.person.levelOn', {
                              level: l.level,
                              on: dayText(l.assessedOn, i18n.language),
                            }),
                          )
                          .join(' → ')}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
          <Form className="card form" onSubmit={submit} validationErrors={serverErrors} aria-busy={busy}>
            <h3>{t('workforce.person.assess')}</h3>
            <ErrorSummary error={error} fields={fields} />
            <div className="field-row">
              <SelectField
                id="level-skill"
                name="skillKey"
                label={t('workforce.person.assessSkill')}
                isRequired
                value={skillKey}
                onChange={setSkillKey}
                options={person.skills.map((s) => ({ value: s.key, label: s.label }))}
              />
              <SelectField
                id="level-level"
                name="level"
                label={t('workforce.person.assessLevel')}
                isRequired
                value={level}
                onChange={setLevel}
                options={levels.map((l) => ({
                  value: String(l),
                  label: t('workforce.person.levelOf', { level: l, max: person.maxLevel }),
                }))}
              />
              <Field
                id="level-on"
                name="assessedOn"
                type="date"
                label={t('workforce.person.assessOn')}
                isRequired
                value={on}
                onChange={setOn}
                validate={(value) => (value ? null : t('validation.required'))}
              />
            </div>
            <div className="actions">
              <SubmitButton busy={busy}>{t('workforce.person.assessSave')}</SubmitButton>
            </div>
          </Form>
        </>
      )}
    </section>
  );
}

export default function WorkforcePerson() {
  const { t } = useTranslation();
  const { userId = '' } = useParams();
  const organisation = useWorkforceOrganisation();
  const organisationId = organisation?.id ?? '';
  const person = useLoad(
    (signal) =>
      organisationId ? workforceApi.person(organisationId, userId, signal) : Promise.resolve(undefined),
    [organisationId, userId],
  );
  const clauses = useLoad(
    (signal) => (organisationId ? workforceApi.clauses(organisationId, signal) : Promise.resolve([])),
    [organisationId],
  );
  const [notice, setNotice] = useState('');
  const changed = (text: string) => {
    setNotice(text);
    person.reload();
    clauses.reload();
  };
  const data = person.data;

  return (
    <Page help="effacer-et-certifier" title={data?.person.name ?? t('workforce.title')}>
      <p className="breadcrumbs">
        <Link to="/equipe">{t('workforce.back')}</Link>
      </p>
      {!organisation && <p className="empty">{t('workforce.noOrganisation')}</p>}
      <SuccessNotice>{notice}</SuccessNotice>
      <ErrorAlert error={person.error} onRetry={person.reload} />
      {person.loading && !data && <Loading />}
      {data && (
        <>
          <p className="help">{data.person.email}</p>
          <Contracts person={data} onChange={changed} />
          <Weeks
            organisationId={organisationId}
            person={data}
            clauses={clauses.data ?? []}
            onChange={changed}
          />
          <EnterWeek
            key={data.weeks.map((w) => w.weekStart).join()}
            organisationId={organisationId}
            person={data}
            clauses={clauses.data ?? []}
            onSaved={changed}
          />
          <section aria-labelledby="person-production">
            <h2 id="person-production">{t('workforce.person.productionTitle')}</h2>
            <dl className="properties">
              {STEPS.map((step) => (
                <div key={step}>
                  <dt>{t(`workforce.steps.${step}`)}</dt>
                  <dd>
                    {data.production[step]}{' '}
                    <span className="help">
                      ({t(`workforce.stepsHelp.${step}`)}, {data.stepMinutes[step]} min)
                    </span>
                  </dd>
                </div>
              ))}
            </dl>
          </section>
          <Skills organisationId={organisationId} person={data} onSaved={changed} />
        </>
      )}
    </Page>
  );
}
