/**
 * Internet aids, on a programme's page (its totals for the year, the aids granted, « Accorder une aide
 * internet » choosing the person) and on a person's page (their aids, the same button choosing the
 * programme). The amount and the months are pre-filled from the programme's internet aid; money is typed
 * in euros and sent in cents.
 */
import { useEffect, useId, useState } from 'react';
import { Button, Dialog, DialogTrigger, Form, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { distributionApi, type InternetAidGrant } from '../distributionApi.ts';
import { type Programme, peopleApi } from '../peopleApi.ts';
import {
  CheckboxField,
  ErrorSummary,
  Field,
  SelectField,
  SubmitButton,
  type SummaryField,
  useServerPathErrors,
} from './forms.tsx';
import { formatDay, todayDay } from './inventory.tsx';
import { ShowMore, usePagedList } from './lists.tsx';
import { euroError, eurosText, formatMoney, parseEuros, parseWhole } from './people.tsx';
import { ErrorAlert, Loading, TableScroll, useLoad } from './ui.tsx';

const PAGE_SIZE = 50;
const PROVIDER_MAX_LENGTH = 200;
const MAX_MONTHS = 120;

export interface Choice {
  id: string;
  name: string;
}

/** The first and last days of the current year. */
export function yearPeriod(year = new Date().getFullYear()): { from: string; to: string } {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

function GrantForm({
  programme: fixedProgramme,
  programmes,
  beneficiaryId: fixedBeneficiary,
  people,
  close,
  onGranted,
}: {
  programme?: Programme;
  programmes?: readonly Choice[];
  beneficiaryId?: string;
  people?: readonly Choice[];
  close: () => void;
  onGranted: (aid: InternetAidGrant) => void;
}) {
  const {
    t,
    i18n: { language },
  } = useTranslation();
  const ids = useId();
  const [programmeId, setProgrammeId] = useState(fixedProgramme?.id ?? '');
  const [beneficiaryId, setBeneficiaryId] = useState(fixedBeneficiary ?? '');
  const chosen = useLoad(
    async (signal) =>
      fixedProgramme ?? (programmeId ? await peopleApi.programme(programmeId, signal) : undefined),
    [programmeId, fixedProgramme],
  );
  const programme = chosen.data?.id === programmeId ? chosen.data : fixedProgramme;
  const [amount, setAmount] = useState('');
  const [months, setMonths] = useState('');
  const [day, setDay] = useState(todayDay);
  const [provider, setProvider] = useState('');
  const [proof, setProof] = useState(false);
  const [choiceErrors, setChoiceErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const serverErrors = useServerPathErrors(error);

  // The programme's aid, as the starting point (a different amount may be agreed).
  const aid = programme?.internetAid ?? null;
  useEffect(() => {
    if (!aid) return;
    setAmount(eurosText(aid.amountCents, language));
    setMonths(String(aid.months));
  }, [aid, language]);

  const fields: Record<string, SummaryField> = {
    programmeId: { id: `${ids}-programme`, label: t('internetAids.programme') },
    beneficiaryId: { id: `${ids}-person`, label: t('internetAids.person') },
    amountCents: { id: `${ids}-amount`, label: t('internetAids.amount') },
    months: { id: `${ids}-months`, label: t('internetAids.months') },
    grantedOn: { id: `${ids}-day`, label: t('internetAids.grantedOn') },
    provider: { id: `${ids}-provider`, label: t('internetAids.provider') },
  };

  return (
    <Form
      className="form"
      validationErrors={serverErrors}
      aria-busy={busy}
      onSubmit={async (event) => {
        event.preventDefault();
        if (busy) return;
        const missing: Record<string, string> = {};
        if (!programmeId) missing.programmeId = t('internetAids.programmeRequired');
        if (!beneficiaryId) missing.beneficiaryId = t('internetAids.personRequired');
        setChoiceErrors(missing);
        const cents = parseEuros(amount);
        const count = parseWhole(months, MAX_MONTHS);
        if (
          Object.keys(missing).length > 0 ||
          cents === undefined ||
          Number.isNaN(cents) ||
          !count ||
          Number.isNaN(count)
        ) {
          return;
        }
        setBusy(true);
        setError(null);
        try {
          const granted = await distributionApi.grantInternetAid({
            programmeId,
            beneficiaryId,
            amountCents: cents,
            months: count,
            grantedOn: day,
            proofReceived: proof,
            ...(provider.trim() ? { provider: provider.trim() } : {}),
          });
          setBusy(false);
          close();
          onGranted(granted);
        } catch (err) {
          setBusy(false);
          setError(err);
        }
      }}
    >
      <Heading slot="title" className="dialog-title">
        {t('internetAids.grantTitle')}
      </Heading>
      <ErrorSummary error={error} fields={fields} clientErrors={choiceErrors} />
      {programmes && (
        <SelectField
          id={`${ids}-programme`}
          name="programmeId"
          label={t('internetAids.programme')}
          isRequired
          value={programmeId}
          onChange={(value) => {
            setProgrammeId(value);
            setChoiceErrors(({ programmeId: _done, ...rest }) => rest);
          }}
          placeholder={t('internetAids.choose')}
          error={choiceErrors.programmeId ?? null}
          options={programmes.map((p) => ({ value: p.id, label: p.name }))}
        />
      )}
      {people && (
        <SelectField
          id={`${ids}-person`}
          name="beneficiaryId"
          label={t('internetAids.person')}
          isRequired
          value={beneficiaryId}
          onChange={(value) => {
            setBeneficiaryId(value);
            setChoiceErrors(({ beneficiaryId: _done, ...rest }) => rest);
          }}
          placeholder={t('internetAids.choose')}
          error={choiceErrors.beneficiaryId ?? null}
          options={people.map((p) => ({ value: p.id, label: p.name }))}
        />
      )}
      {chosen.loading && programmeId && !fixedProgramme && <Loading />}
      <ErrorAlert error={chosen.error} />
      {programme && !aid && <p className="alert alert-info">{t('internetAids.noAid')}</p>}
      <Field
        id={`${ids}-amount`}
        name="amountCents"
        label={t('internetAids.amount')}
        {...(aid
          ? {
              description: t('internetAids.amountHelp', {
                amount: formatMoney(aid.amountCents, language),
                count: aid.months,
              }),
            }
          : {})}
        isRequired
        value={amount}
        onChange={setAmount}
        inputProps={{ className: 'input-short', inputMode: 'decimal' }}
        validate={(value) => (value.trim() ? euroError(value) : t('internetAids.amountRequired'))}
      />
      <Field
        id={`${ids}-months`}
        name="months"
        label={t('internetAids.months')}
        isRequired
        value={months}
        onChange={setMonths}
        inputProps={{ className: 'input-short', inputMode: 'numeric' }}
        validate={(value) => {
          const count = parseWhole(value, MAX_MONTHS);
          return count && !Number.isNaN(count) ? null : t('internetAids.monthsRequired');
        }}
      />
      <Field
        id={`${ids}-day`}
        name="grantedOn"
        type="date"
        label={t('internetAids.grantedOn')}
        isRequired
        value={day}
        onChange={setDay}
        inputProps={{
          className: 'input-short',
          max: todayDay(),
          ...(programme ? { min: programme.startsOn } : {}),
        }}
        validate={(value) => (value ? null : t('validation.required'))}
      />
      <Field
        id={`${ids}-provider`}
        name="provider"
        label={t('internetAids.provider')}
        description={t('internetAids.providerHelp')}
        optional
        value={provider}
        onChange={setProvider}
        maxLength={PROVIDER_MAX_LENGTH}
      />
      <CheckboxField
        id={`${ids}-proof`}
        name="proofReceived"
        label={t('internetAids.proof')}
        isSelected={proof}
        onChange={setProof}
      />
      <div className="dialog-actions">
        <Button className="button button-secondary" onPress={close} isDisabled={busy}>
          {t('common.cancel')}
        </Button>
        <SubmitButton busy={busy}>{t('internetAids.confirm')}</SubmitButton>
      </div>
    </Form>
  );
}

/** « Accorder une aide internet »: a dialog choosing the person (programme page) or the programme (person page). */
export function GrantAidButton(props: {
  programme?: Programme;
  programmes?: readonly Choice[];
  beneficiaryId?: string;
  people?: readonly Choice[];
  onGranted: (aid: InternetAidGrant) => void;
}) {
  const { t } = useTranslation();
  return (
    <DialogTrigger>
      <Button className="button button-secondary">{t('internetAids.grant')}</Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">{({ close }) => <GrantForm {...props} close={close} />}</Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

/** The aids of a programme or of a person, newest first, page after page. */
function AidList({
  programmeId,
  beneficiaryId,
  names,
  programmeNames,
  version,
  empty,
}: {
  programmeId?: string;
  beneficiaryId?: string;
  /** People's names (programme page): a column of people. */
  names?: ReadonlyMap<string, string>;
  /** Programmes' names (person page): a column of programmes. */
  programmeNames?: ReadonlyMap<string, string>;
  version: number;
  empty: string;
}) {
  const {
    t,
    i18n: { language },
  } = useTranslation();
  const query = {
    ...(programmeId ? { programmeId } : {}),
    ...(beneficiaryId ? { beneficiaryId } : {}),
    limit: PAGE_SIZE,
  };
  const first = useLoad(
    (signal) => distributionApi.internetAids(query, signal),
    [programmeId, beneficiaryId, version],
  );
  const list = usePagedList(first.data, (cursor) => distributionApi.internetAids({ ...query, cursor }));
  return (
    <>
      <ErrorAlert error={first.error} onRetry={first.reload} />
      {first.loading && list.items.length === 0 && <Loading />}
      {first.data && !first.loading && list.items.length === 0 && <p className="empty">{empty}</p>}
      {list.items.length > 0 && (
        <TableScroll label={t('internetAids.caption')}>
          <table>
            <caption className="visually-hidden">{t('internetAids.caption')}</caption>
            <thead>
              <tr>
                {names && <th scope="col">{t('internetAids.colPerson')}</th>}
                {programmeNames && <th scope="col">{t('internetAids.colProgramme')}</th>}
                <th scope="col">{t('internetAids.colAmount')}</th>
                <th scope="col">{t('internetAids.colGrantedOn')}</th>
                <th scope="col">{t('internetAids.colProvider')}</th>
                <th scope="col">{t('internetAids.colProof')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((aid) => (
                <tr key={aid.id}>
                  {names && (
                    <th scope="row">
                      <Link to={`/beneficiaires/${aid.beneficiaryId}`}>
                        {names.get(aid.beneficiaryId) ?? t('distribution.seePerson')}
                      </Link>
                    </th>
                  )}
                  {programmeNames && (
                    <th scope="row">
                      <Link to={`/programmes/${aid.programmeId}`}>
                        {programmeNames.get(aid.programmeId) ?? t('internetAids.colProgramme')}
                      </Link>
                    </th>
                  )}
                  <td>
                    {t('internetAids.amountMonths', {
                      amount: formatMoney(aid.amountCents, language),
                      count: aid.months,
                    })}
                  </td>
                  <td className="nowrap">{formatDay(aid.grantedOn, language)}</td>
                  <td>{aid.provider ?? t('common.none')}</td>
                  <td>
                    {aid.proofReceived ? t('internetAids.proofReceived') : t('internetAids.proofMissing')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <ShowMore list={list} />
    </>
  );
}

/** The totals of a programme's aids this year (from the server, recomputed from the rows). */
function ProgrammeTotals({ programmeId, version }: { programmeId: string; version: number }) {
  const {
    t,
    i18n: { language },
  } = useTranslation();
  const totals = useLoad(
    (signal) => distributionApi.internetAidTotals({ programmeId, ...yearPeriod() }, signal),
    [programmeId, version],
  );
  if (totals.error) return <ErrorAlert error={totals.error} onRetry={totals.reload} />;
  // None yet: the list's empty state says what to do.
  if (!totals.data || totals.data.count === 0) return null;
  return (
    <p className="results-count">
      {t('internetAids.totals', {
        count: totals.data.count,
        amount: formatMoney(totals.data.totalCents, language),
      })}
    </p>
  );
}

/** The aids of a programme, for its owner's staff. */
export function InternetAidsSection({
  programme,
  people,
  version,
}: {
  programme: Programme;
  /** The people of the programme (waiting list and participants) by id. */
  people: ReadonlyMap<string, string>;
  version: number;
}) {
  const {
    t,
    i18n: { language },
  } = useTranslation();
  const [granted, setGranted] = useState(0);
  const [notice, setNotice] = useState('');
  const choices = [...people].map(([id, name]) => ({ id, name }));
  choices.sort((a, b) => a.name.localeCompare(b.name, language));
  return (
    <section className="card" aria-labelledby="aids-title">
      <div className="card-heading">
        <h2 id="aids-title">{t('internetAids.title')}</h2>
        {!programme.closed && choices.length > 0 && (
          <GrantAidButton
            programme={programme}
            people={choices}
            onGranted={(aid) => {
              setNotice(
                t('internetAids.granted', {
                  amount: formatMoney(aid.amountCents, language),
                  count: aid.months,
                }),
              );
              setGranted((v) => v + 1);
            }}
          />
        )}
      </div>
      <p className="help">{t('internetAids.intro')}</p>
      {!programme.internetAid && <p className="help">{t('internetAids.noAid')}</p>}
      {choices.length === 0 && <p className="help">{t('internetAids.noPeople')}</p>}
      <div role="status">{notice && <p className="alert alert-success">{notice}</p>}</div>
      <ProgrammeTotals programmeId={programme.id} version={version + granted} />
      <AidList
        programmeId={programme.id}
        names={people}
        version={version + granted}
        empty={t('internetAids.empty')}
      />
    </section>
  );
}

/** The aids of a person, with « Accorder une aide internet » for the programmes one manages. */
export function PersonInternetAids({
  beneficiaryId,
  programmes,
  manageable,
}: {
  beneficiaryId: string;
  /** Every programme the person is referred to (names for the list). */
  programmes: readonly Choice[];
  /** Those whose owner one works for (to grant). */
  manageable: readonly Choice[];
}) {
  const {
    t,
    i18n: { language },
  } = useTranslation();
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState('');
  const programmeNames = new Map(programmes.map((p) => [p.id, p.name] as const));
  return (
    <section className="card" aria-labelledby="person-aids-title">
      <div className="card-heading">
        <h2 id="person-aids-title">{t('internetAids.title')}</h2>
        {manageable.length > 0 && (
          <GrantAidButton
            programmes={manageable}
            beneficiaryId={beneficiaryId}
            onGranted={(aid) => {
              setNotice(
                t('internetAids.granted', {
                  amount: formatMoney(aid.amountCents, language),
                  count: aid.months,
                }),
              );
              setVersion((v) => v + 1);
            }}
          />
        )}
      </div>
      <p className="help">{t('internetAids.introPerson')}</p>
      <div role="status">{notice && <p className="alert alert-success">{notice}</p>}</div>
      <AidList
        beneficiaryId={beneficiaryId}
        programmeNames={programmeNames}
        version={version}
        empty={t('internetAids.emptyPerson')}
      />
    </section>
  );
}
