/**
 * The needs census of a programme, for its owner and its prescribing partners
 * (`/programmes/<id>/besoins`): the public page's settings with its address to copy; the counts by town,
 * group, device, origin and status as tables; the needs with filters and search, each named one referred
 * in one click (« Orienter », confirmed first, a lookalike record offered instead of a second one, its
 * result said and linked), an anonymous one completed
 * first, any one withdrawn (confirmed; its personal data is erased); and a form to register a need.
 */
import { type FormEvent, useId, useRef, useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  CENSUS_LIMITS,
  type CensusSettings,
  type Count,
  censusApi,
  NEED_SOURCES,
  NEED_STATUSES,
  type Need,
  type NeedFilters,
  type NeedSource,
  type NeedStatus,
} from '../censusApi.ts';
import { CompleteButton } from '../components/census/CompleteButton.tsx';
import { NeedForm } from '../components/census/NeedForm.tsx';
import { ReferButton } from '../components/census/ReferButton.tsx';
import {
  CheckboxField,
  ConfirmButton,
  ErrorSummary,
  Field,
  SubmitButton,
  type SummaryField,
  TextAreaField,
  useServerPathErrors,
} from '../components/forms.tsx';
import { EmptyState } from '../components/help.tsx';
import { ShowMore, usePagedList } from '../components/lists.tsx';
import { formatCount } from '../components/reports/format.tsx';
import { CopyField, DateTime, ErrorAlert, Loading, Page, TableScroll, useLoad } from '../components/ui.tsx';
import type { StaffKey } from '../i18n/fr-census.ts';
import {
  DEVICE_NEEDS,
  type DeviceNeed,
  type EligibilityRules,
  type Programme,
  peopleApi,
  type ReferralStatus,
  TARGET_GROUPS,
  type TargetGroup,
} from '../peopleApi.ts';
import { useSession } from '../session.tsx';

const PAGE_SIZE = 50;

function SettingsForm({
  settings,
  onSaved,
}: {
  settings: CensusSettings;
  onSaved: (s: CensusSettings) => void;
}) {
  const { t } = useTranslation();
  const ids = useId();
  const [open, setOpen] = useState(settings.publicOpen);
  const [closesOn, setClosesOn] = useState(settings.closesOn ?? '');
  const [introduction, setIntroduction] = useState(settings.introduction ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const serverErrors = useServerPathErrors(error);
  const fields: Record<string, SummaryField> = {
    publicOpen: { id: `${ids}-open`, label: t('census.staff.publicOpen') },
    closesOn: { id: `${ids}-closes`, label: t('census.staff.closesOn') },
    introduction: { id: `${ids}-intro`, label: t('census.staff.introduction') },
  };
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await censusApi.saveSettings(settings.programmeId, {
        publicOpen: open,
        closesOn: closesOn || null,
        introduction: introduction.trim() || null,
      });
      setBusy(false);
      onSaved(saved);
    } catch (err) {
      setBusy(false);
      setError(err);
    }
  }
  return (
    <Form className="form" onSubmit={submit} validationErrors={serverErrors} aria-busy={busy}>
      <ErrorSummary error={error} fields={fields} />
      <CheckboxField
        id={`${ids}-open`}
        name="publicOpen"
        label={t('census.staff.publicOpen')}
        description={t('census.staff.publicOpenHelp')}
        isSelected={open}
        onChange={setOpen}
      />
      <Field
        id={`${ids}-closes`}
        name="closesOn"
        type="date"
        label={t('census.staff.closesOn')}
        description={t('census.staff.closesOnHelp')}
        optional
        value={closesOn}
        onChange={setClosesOn}
        inputProps={{ className: 'input-short' }}
      />
      <TextAreaField
        id={`${ids}-intro`}
        name="introduction"
        label={t('census.staff.introduction')}
        description={t('census.staff.introductionHelp')}
        optional
        rows={3}
        value={introduction}
        onChange={setIntroduction}
        maxLength={CENSUS_LIMITS.introductionMax}
      />
      <SubmitButton busy={busy}>{t('census.staff.save')}</SubmitButton>
    </Form>
  );
}

function SettingsSection({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const loaded = useLoad((signal) => censusApi.settings(programme.id, signal), [programme.id]);
  const [notice, setNotice] = useState('');
  const noticeRef = useRef<HTMLDivElement>(null);
  const settings = loaded.data;
  return (
    <section className="card" aria-labelledby="census-settings">
      <h2 id="census-settings">{t('census.staff.settings')}</h2>
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      {loaded.loading && !settings && <Loading />}
      <div role="status" ref={noticeRef} tabIndex={-1} className="notice-anchor">
        {notice && <p className="alert alert-success">{notice}</p>}
      </div>
      {settings && (
        <>
          <p className={settings.takesNeeds ? 'status status-ok' : 'status status-off'}>
            {settings.takesNeeds ? t('census.staff.takesNeeds') : t('census.staff.notTakingNeeds')}
          </p>
          <CopyField
            label={t('census.staff.publicUrl')}
            value={settings.publicUrl}
            help={t('census.staff.publicUrlHelp')}
          />
          {settings.can.manage ? (
            <SettingsForm
              key={`${settings.publicOpen}-${settings.closesOn}-${settings.introduction}`}
              settings={settings}
              onSaved={(saved) => {
                loaded.setData(saved);
                setNotice(t('census.staff.saved'));
                window.setTimeout(() => noticeRef.current?.focus(), 0);
              }}
            />
          ) : (
            <p className="help">{t('census.staff.readOnly')}</p>
          )}
        </>
      )}
    </section>
  );
}

function CountTable({
  caption,
  rows,
  label,
}: {
  caption: string;
  rows: Count[];
  label: (key: string) => string;
}) {
  const { t, i18n } = useTranslation();
  return (
    <TableScroll label={caption}>
      <table className="table table-compact">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('census.staff.key')}</th>
            <th scope="col" className="number">
              {t('census.staff.count')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{label(row.key)}</th>
              <td className="number">{formatCount(row.count, i18n.language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function CountsSection({ programmeId, version }: { programmeId: string; version: number }) {
  const { t } = useTranslation();
  const loaded = useLoad((signal) => censusApi.summary(programmeId, signal), [programmeId, version]);
  const summary = loaded.data;
  return (
    <section aria-labelledby="census-counts">
      <h2 id="census-counts">{t('census.staff.counts')}</h2>
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      {loaded.loading && !summary && <Loading />}
      {summary && summary.byStatus.length === 0 && <EmptyState message={t('census.staff.countsEmpty')} />}
      {summary && summary.byStatus.length > 0 && (
        <>
          <p>{t('census.staff.total', { count: summary.total })}</p>
          <div className="count-tables">
            <CountTable caption={t('census.staff.byTown')} rows={summary.byTown} label={(key) => key} />
            <CountTable
              caption={t('census.staff.byGroup')}
              rows={summary.byTargetGroup}
              label={(key) => t(`census.groups.${key as TargetGroup | 'unknown'}`)}
            />
            <CountTable
              caption={t('census.staff.byDevice')}
              rows={summary.byDeviceNeed}
              label={(key) => t(`census.devices.${key as DeviceNeed}`)}
            />
            <CountTable
              caption={t('census.staff.bySource')}
              rows={summary.bySource}
              label={(key) => t(`census.sources.${key as NeedSource}`)}
            />
            <CountTable
              caption={t('census.staff.byStatus')}
              rows={summary.byStatus}
              label={(key) => t(`census.statuses.${key as NeedStatus}`)}
            />
          </div>
        </>
      )}
    </section>
  );
}

function nameOf(need: Need): string {
  return need.kind === 'association'
    ? (need.associationName ?? '')
    : [need.firstName, need.lastName].filter(Boolean).join(' ');
}

/** What the list says after an action: a sentence, reasons or points to check, and a link to go on. */
interface NeedNotice {
  text: string;
  /** Why (the verdict's reasons in words), then what to check on the record. */
  reasons?: string[];
  details?: string[];
  /** Not done as hoped (an ineligible referral, a contact to check): shown as a warning. */
  warning?: boolean;
  link?: { to: string; label: string };
}

function NeedRow({
  need,
  rules,
  onChanged,
}: {
  need: Need;
  rules: EligibilityRules;
  onChanged: (updated: Need, notice: NeedNotice) => void;
}) {
  const { t } = useTranslation();
  const s = (key: StaffKey, options?: Record<string, unknown>) => t(`census.staff.${key}`, options ?? {});
  const name = nameOf(need);
  // A referred need's names and contact are on the person's record (the need keeps only its facts).
  const who =
    need.beneficiaryId && need.personalVisible && !name
      ? s('personRecord')
      : need.personalVisible
        ? name || s('anonymous')
        : need.named
          ? s('hidden')
          : s('anonymous');
  const contact = [need.email, need.phone].filter(Boolean).join(' · ');
  return (
    <tr>
      <td>
        {need.beneficiaryId && need.personalVisible ? (
          <Link to={`/beneficiaires/${need.beneficiaryId}`}>{who}</Link>
        ) : (
          who
        )}
        {contact && <div className="help">{contact}</div>}
      </td>
      <td>
        {need.town}
        {need.postcode ? ` (${need.postcode})` : ''}
      </td>
      <td>{t(`census.groups.${need.targetGroup ?? 'unknown'}`)}</td>
      <td>{t(`census.devices.${need.deviceNeed}`)}</td>
      <td>{need.reason ?? ''}</td>
      <td>{need.registeredByOrganisationName ?? t('census.sources.public')}</td>
      <td>
        <DateTime value={need.createdAt} dateOnly />
      </td>
      <td>{t(`census.statuses.${need.status}`)}</td>
      <td>
        <div className="actions actions-inline">
          {need.can.refer && (
            <ReferButton
              need={need}
              name={name}
              rules={rules}
              onDone={(done) => {
                const reasons = done.referral.eligibility.reasons.map((r) => r.message);
                const checks = done.notices.map((n) => n.message);
                onChanged(done.need, {
                  text: s('referred', {
                    name,
                    status: t(`referralStatuses.${done.referral.status as ReferralStatus}`),
                  }),
                  reasons,
                  details: checks,
                  warning: reasons.length > 0 || checks.length > 0,
                  link: {
                    to: `/beneficiaires/${done.beneficiaryId}`,
                    label: reasons.length > 0 || checks.length > 0 ? s('completeRecord') : s('openReferral'),
                  },
                });
              }}
            />
          )}
          {need.can.complete && !need.named && (
            <CompleteButton need={need} onDone={(updated) => onChanged(updated, { text: s('completed') })} />
          )}
          {need.can.withdraw && (
            <ConfirmButton
              label={s('withdraw')}
              ariaLabel={s('withdrawOf', { town: need.town })}
              title={s('withdrawTitle')}
              message={<p>{s('withdrawText')}</p>}
              confirmLabel={s('withdraw')}
              onConfirm={async () => onChanged(await censusApi.withdraw(need.id), { text: s('withdrawn') })}
            />
          )}
        </div>
      </td>
    </tr>
  );
}

function NeedsSection({
  programmeId,
  rules,
  version,
  onChanged,
}: {
  programmeId: string;
  rules: EligibilityRules;
  version: number;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const ids = useId();
  const s = (key: StaffKey, options?: Record<string, unknown>) => t(`census.staff.${key}`, options ?? {});
  const [filters, setFilters] = useState<NeedFilters>({});
  const [search, setSearch] = useState('');
  const [notice, setNotice] = useState<NeedNotice | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const query = { ...filters, limit: PAGE_SIZE };
  const first = useLoad(
    (signal) => censusApi.needs(programmeId, query, signal),
    [programmeId, JSON.stringify(filters), version],
  );
  const list = usePagedList(first.data, (cursor) => censusApi.needs(programmeId, { ...query, cursor }));
  const filtered = Object.values(filters).some(Boolean);
  const select = (name: keyof NeedFilters, label: string, options: { value: string; label: string }[]) => (
    <div className="field">
      <label htmlFor={`${ids}-${name}`}>{label}</label>
      <select
        id={`${ids}-${name}`}
        value={(filters[name] as string | undefined) ?? ''}
        onChange={(event) => setFilters((f) => ({ ...f, [name]: event.target.value || undefined }))}
      >
        <option value="">{s('all')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <section aria-labelledby="census-needs">
      <h2 id="census-needs">{s('list')}</h2>
      {/* biome-ignore lint/a11y/useSemanticElements: older browsers know role=search, not <search>. */}
      <form
        className="filters"
        role="search"
        aria-label={s('filters')}
        onSubmit={(event) => {
          event.preventDefault();
          setFilters((f) => ({ ...f, q: search.trim() || undefined }));
        }}
      >
        {select(
          'status',
          s('status'),
          NEED_STATUSES.map((value) => ({ value, label: t(`census.statuses.${value}`) })),
        )}
        {select(
          'targetGroup',
          s('group'),
          TARGET_GROUPS.map((value) => ({ value, label: t(`census.groups.${value}`) })),
        )}
        {select(
          'deviceNeed',
          s('device'),
          DEVICE_NEEDS.map((value) => ({ value, label: t(`census.devices.${value}`) })),
        )}
        {select(
          'source',
          s('source'),
          NEED_SOURCES.map((value) => ({ value, label: t(`census.sources.${value}`) })),
        )}
        <div className="field field-grow">
          <label htmlFor={`${ids}-q`}>{s('search')}</label>
          <p className="help" id={`${ids}-q-help`}>
            {s('searchHelp')}
          </p>
          <div className="input-with-button">
            <input
              id={`${ids}-q`}
              type="search"
              value={search}
              maxLength={100}
              onChange={(event) => setSearch(event.target.value)}
              aria-describedby={`${ids}-q-help`}
            />
            <button type="submit" className="button button-secondary">
              {s('searchButton')}
            </button>
          </div>
        </div>
      </form>
      <div role="status" ref={noticeRef} tabIndex={-1} className="notice-anchor">
        {notice && (
          <div className={notice.warning ? 'alert alert-warning' : 'alert alert-success'}>
            <p>{notice.text}</p>
            {notice.reasons && notice.reasons.length > 0 && (
              <>
                <p>{t('census.staff.verdictReasons')}</p>
                <ul data-testid="referral-reasons">
                  {notice.reasons.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              </>
            )}
            {notice.details && notice.details.length > 0 && (
              <ul>
                {notice.details.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            )}
            {notice.link && (
              <p>
                <Link to={notice.link.to}>{notice.link.label}</Link>
              </p>
            )}
          </div>
        )}
      </div>
      <ErrorAlert error={first.error} onRetry={first.reload} />
      {first.loading && list.items.length === 0 && <Loading />}
      <p className="results-count" role="status">
        {first.data ? t('census.staff.results', { count: list.items.length }) : ''}
      </p>
      {first.data && !first.loading && list.items.length === 0 && (
        <EmptyState
          filtered={filtered}
          onClear={() => {
            setFilters({});
            setSearch('');
          }}
          message={filtered ? s('emptyFiltered') : s('empty')}
        />
      )}
      {list.items.length > 0 && (
        <TableScroll label={s('list')}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{s('person')}</th>
                <th scope="col">{s('town')}</th>
                <th scope="col">{s('group')}</th>
                <th scope="col">{s('device')}</th>
                <th scope="col">{s('reason')}</th>
                <th scope="col">{s('registeredBy')}</th>
                <th scope="col">{s('registeredOn')}</th>
                <th scope="col">{s('status')}</th>
                <th scope="col">{s('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((need) => (
                <NeedRow
                  key={need.id}
                  need={need}
                  rules={rules}
                  onChanged={(updated, next) => {
                    list.setItems((items) => items.map((n) => (n.id === updated.id ? updated : n)));
                    setNotice(next);
                    onChanged();
                    window.setTimeout(() => noticeRef.current?.focus(), 0);
                  }}
                />
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <ShowMore list={list} />
    </section>
  );
}

function RegisterSection({ programme, onRegistered }: { programme: Programme; onRegistered: () => void }) {
  const { t } = useTranslation();
  const { currentOrganisationId } = useSession();
  const [round, setRound] = useState(0);
  const [notice, setNotice] = useState('');
  const referring = [
    programme.ownerOrganisationId,
    ...programme.partners.filter((p) => p.role === 'prescriber').map((p) => p.organisationId),
  ];
  const organisationId =
    currentOrganisationId && referring.includes(currentOrganisationId) ? currentOrganisationId : undefined;
  return (
    <section aria-labelledby="census-register">
      <h2 id="census-register">{t('census.staff.register')}</h2>
      <p className="help">{t('census.staff.registerHelp')}</p>
      <div role="status" className="notice-anchor">
        {notice && <p className="alert alert-success">{notice}</p>}
      </div>
      <NeedForm
        key={round}
        staff
        organisationName={programme.ownerOrganisationName}
        towns={programme.eligibility.cities ?? []}
        kinds={['person', 'association']}
        submitLabel={t('census.staff.registerSubmit')}
        onSubmit={async (input) => {
          await censusApi.register(programme.id, {
            ...input,
            ...(organisationId ? { registeredByOrganisationId: organisationId } : {}),
          });
          setNotice(t('census.staff.registeredNotice'));
          setRound((n) => n + 1);
          onRegistered();
        }}
      />
    </section>
  );
}

export default function CensusStaff() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const loaded = useLoad((signal) => peopleApi.programme(id, signal), [id]);
  const programme = loaded.data?.id === id ? loaded.data : undefined;
  const [version, setVersion] = useState(0);
  const bump = () => setVersion((v) => v + 1);
  return (
    <Page
      help="orienter-une-personne"
      title={
        programme ? t('census.staff.title', { programme: programme.name }) : t('census.staff.titleShort')
      }
    >
      <p className="breadcrumbs">
        <Link to={`/programmes/${id}`}>{t('census.staff.back')}</Link>
      </p>
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      {loaded.loading && !programme && <Loading />}
      {programme && (
        <>
          <p className="help">{t('census.staff.intro')}</p>
          <SettingsSection programme={programme} />
          <CountsSection programmeId={programme.id} version={version} />
          <NeedsSection
            programmeId={programme.id}
            rules={programme.eligibility}
            version={version}
            onChanged={bump}
          />
          {programme.can.refer && <RegisterSection programme={programme} onRegistered={bump} />}
        </>
      )}
    </Page>
  );
}
