/**
 * The programme owner's side of the association portal (`/programmes/<id>/associations`): the portal's
 * settings (open or not, the limits per association, the public page's text) with the public registration
 * page's address to copy; the registrations to verify, each approved or refused with a reason (both
 * confirmed first, both e-mailed); and the associations' orders, filtered by status, each opening its page.
 */
import { type FormEvent, type ReactNode, useId, useRef, useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
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
import { OrdersTable, ReasonButton } from '../components/portal/shared.tsx';
import { formatCount } from '../components/reports/format.tsx';
import { CopyField, DateTime, ErrorAlert, Loading, Page, useLoad } from '../components/ui.tsx';
import { type Programme, peopleApi } from '../peopleApi.ts';
import {
  ORDER_STATUSES,
  type OrderStatus,
  PORTAL_LIMITS,
  type PortalSettings,
  portalApi,
  REGISTRATION_STATUSES,
  type Registration,
  type RegistrationStatus,
} from '../portalApi.ts';

const PAGE_SIZE = 50;

function wholeIn(text: string, max: number): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= 1 && value <= max ? value : null;
}

function SettingsForm({
  settings,
  onSaved,
}: {
  settings: PortalSettings;
  onSaved: (s: PortalSettings) => void;
}) {
  const { t } = useTranslation();
  const ids = useId();
  const [open, setOpen] = useState(settings.open);
  const [maxDevices, setMaxDevices] = useState(String(settings.maxDevicesPerYear));
  const [maxOrders, setMaxOrders] = useState(String(settings.maxOpenOrders));
  const [intro, setIntro] = useState(settings.intro ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const serverErrors = useServerPathErrors(error);
  const fields: Record<string, SummaryField> = {
    open: { id: `${ids}-open`, label: t('portal.owner.open') },
    maxDevicesPerYear: { id: `${ids}-devices`, label: t('portal.owner.maxDevicesPerYear') },
    maxOpenOrders: { id: `${ids}-orders`, label: t('portal.owner.maxOpenOrders') },
    intro: { id: `${ids}-intro`, label: t('portal.owner.introField') },
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await portalApi.saveSettings(settings.programmeId, {
        open,
        maxDevicesPerYear: wholeIn(maxDevices, PORTAL_LIMITS.maxDevicesPerYear) ?? 0,
        maxOpenOrders: wholeIn(maxOrders, PORTAL_LIMITS.maxOpenOrders) ?? 0,
        intro: intro.trim() || null,
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
        name="open"
        label={t('portal.owner.open')}
        description={t('portal.owner.openHelp')}
        isSelected={open}
        onChange={setOpen}
      />
      <div className="field-row">
        <Field
          id={`${ids}-devices`}
          name="maxDevicesPerYear"
          label={t('portal.owner.maxDevicesPerYear')}
          description={t('portal.owner.maxDevicesPerYearHelp', { max: PORTAL_LIMITS.maxDevicesPerYear })}
          isRequired
          value={maxDevices}
          onChange={setMaxDevices}
          inputProps={{ inputMode: 'numeric', className: 'input-short' }}
          validate={(value) =>
            wholeIn(value, PORTAL_LIMITS.maxDevicesPerYear) === null
              ? t('portal.owner.numberInvalid', { max: PORTAL_LIMITS.maxDevicesPerYear })
              : null
          }
        />
        <Field
          id={`${ids}-orders`}
          name="maxOpenOrders"
          label={t('portal.owner.maxOpenOrders')}
          description={t('portal.owner.maxOpenOrdersHelp', { max: PORTAL_LIMITS.maxOpenOrders })}
          isRequired
          value={maxOrders}
          onChange={setMaxOrders}
          inputProps={{ inputMode: 'numeric', className: 'input-short' }}
          validate={(value) =>
            wholeIn(value, PORTAL_LIMITS.maxOpenOrders) === null
              ? t('portal.owner.numberInvalid', { max: PORTAL_LIMITS.maxOpenOrders })
              : null
          }
        />
      </div>
      <TextAreaField
        id={`${ids}-intro`}
        name="intro"
        label={t('portal.owner.introField')}
        description={t('portal.owner.introHelp')}
        optional
        rows={3}
        value={intro}
        onChange={setIntro}
        maxLength={PORTAL_LIMITS.introMax}
      />
      <SubmitButton busy={busy}>{t('portal.owner.save')}</SubmitButton>
    </Form>
  );
}

function SettingsSection({ programme, editable }: { programme: Programme; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const loaded = useLoad((signal) => portalApi.settings(programme.id, signal), [programme.id]);
  const [notice, setNotice] = useState('');
  // Present from the start (a live region added with its text is often not read) and focused after a
  // save: the form is drawn anew with the saved values, so the focus would otherwise fall to the page.
  const noticeRef = useRef<HTMLDivElement>(null);
  const settings = loaded.data;
  return (
    <section className="card" aria-labelledby="portal-settings">
      <h2 id="portal-settings">{t('portal.owner.settings')}</h2>
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      {loaded.loading && !settings && <Loading />}
      <div role="status" ref={noticeRef} tabIndex={-1} className="notice-anchor">
        {notice && <p className="alert alert-success">{notice}</p>}
      </div>
      {settings && (
        <>
          <p className={settings.accepts ? 'status status-ok' : 'status status-off'}>
            {settings.accepts ? t('portal.owner.accepts') : t('portal.owner.notAccepting')}
          </p>
          <CopyField
            label={t('portal.owner.publicUrl')}
            value={settings.publicUrl}
            help={t('portal.owner.publicUrlHelp')}
          />
          {editable ? (
            <SettingsForm
              key={`${settings.open}-${settings.maxDevicesPerYear}-${settings.maxOpenOrders}`}
              settings={settings}
              onSaved={(saved) => {
                loaded.setData(saved);
                setNotice(t('portal.owner.saved'));
                window.setTimeout(() => noticeRef.current?.focus(), 0);
              }}
            />
          ) : (
            <>
              <p className="help">{t('portal.owner.readOnly')}</p>
              <ul>
                <li>{settings.open ? t('portal.owner.open') : t('portal.owner.openHelp')}</li>
                <li>
                  {t('portal.owner.maxDevicesPerYearValue', {
                    value: formatCount(settings.maxDevicesPerYear, i18n.language),
                  })}
                </li>
                <li>
                  {t('portal.owner.maxOpenOrdersValue', {
                    value: formatCount(settings.maxOpenOrders, i18n.language),
                  })}
                </li>
              </ul>
              {settings.intro && <p className="pre-line">{settings.intro}</p>}
            </>
          )}
        </>
      )}
    </section>
  );
}

function RegistrationCard({
  registration,
  onDecided,
}: {
  registration: Registration;
  onDecided: (updated: Registration, notice: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const headingId = `registration-${registration.id}`;
  const name = registration.name;
  const email = registration.contactEmail;
  const contact = [registration.contactName, registration.contactEmail, registration.contactPhone]
    .filter(Boolean)
    .join(' · ');
  const rows: [string, ReactNode][] = [
    [t('portal.owner.registrationStatus'), t(`portal.registrationStatuses.${registration.status}`)],
    ...(registration.rna ? ([[t('portal.owner.rna'), registration.rna]] as [string, string][]) : []),
    ...(registration.siret ? ([[t('portal.owner.siret'), registration.siret]] as [string, string][]) : []),
    [t('portal.owner.address'), `${registration.address}, ${registration.postcode} ${registration.city}`],
    [t('portal.owner.peopleServed'), formatCount(registration.peopleServed, i18n.language)],
    [t('portal.owner.contact'), contact],
    [t('portal.owner.registeredOn'), <DateTime key="created" value={registration.createdAt} />],
  ];
  if (registration.confirmedAt) {
    rows.push([t('portal.owner.confirmedOn'), <DateTime key="confirmed" value={registration.confirmedAt} />]);
  }
  if (registration.decidedAt) {
    rows.push([t('portal.owner.decidedOn'), <DateTime key="decided" value={registration.decidedAt} />]);
  }
  return (
    <li className="card" aria-labelledby={headingId}>
      <h3 id={headingId} className="card-title">
        {name}
      </h3>
      <dl className="properties properties-columns">
        {rows.map(([label, value]) => (
          <div key={label} className="property">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h4>{t('portal.owner.activity')}</h4>
      <p className="pre-line">{registration.activity}</p>
      {registration.refusalReason && (
        <p className="alert alert-info">
          <strong>{t('portal.owner.refusalReason')}</strong> {registration.refusalReason}
        </p>
      )}
      {registration.can.decide && (
        <div className="actions">
          <ConfirmButton
            className="button button-primary"
            danger={false}
            label={t('portal.owner.approve')}
            ariaLabel={t('portal.owner.approveOf', { name })}
            title={t('portal.owner.approveTitle', { name })}
            message={<p>{t('portal.owner.approveText', { email })}</p>}
            confirmLabel={t('portal.owner.approve')}
            onConfirm={async () =>
              onDecided(
                await portalApi.approveRegistration(registration.id),
                t('portal.owner.approved', { name, email }),
              )
            }
          />
          <ReasonButton
            small={false}
            label={t('portal.owner.refuse')}
            ariaLabel={t('portal.owner.refuseOf', { name })}
            title={t('portal.owner.refuseTitle', { name })}
            text={t('portal.owner.refuseText')}
            help={t('portal.owner.refuseHelp')}
            confirmLabel={t('portal.owner.refuse')}
            onConfirm={async (reason) =>
              onDecided(
                await portalApi.refuseRegistration(registration.id, reason),
                t('portal.owner.refused', { name }),
              )
            }
          />
        </div>
      )}
    </li>
  );
}

function RegistrationsSection({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const ids = useId();
  const [status, setStatus] = useState<RegistrationStatus>('pending');
  const [notice, setNotice] = useState('');
  const noticeRef = useRef<HTMLDivElement>(null);
  const first = useLoad(
    (signal) => portalApi.registrations(programme.id, { status, limit: PAGE_SIZE }, signal),
    [programme.id, status],
  );
  const list = usePagedList(first.data, (cursor) =>
    portalApi.registrations(programme.id, { status, limit: PAGE_SIZE, cursor }),
  );
  return (
    <section aria-labelledby="portal-registrations">
      <h2 id="portal-registrations">{t('portal.owner.registrations')}</h2>
      <form
        className="filters"
        aria-label={t('portal.owner.registrationsFilters')}
        onSubmit={(event) => event.preventDefault()}
      >
        <div className="field">
          <label htmlFor={`${ids}-status`}>{t('portal.owner.registrationStatus')}</label>
          <select
            id={`${ids}-status`}
            value={status}
            onChange={(event) => {
              setStatus(event.target.value as RegistrationStatus);
              setNotice('');
            }}
          >
            {REGISTRATION_STATUSES.map((value) => (
              <option key={value} value={value}>
                {t(`portal.registrationStatuses.${value}`)}
              </option>
            ))}
          </select>
        </div>
      </form>
      <div role="status" ref={noticeRef} tabIndex={-1} className="notice-anchor">
        {notice && <p className="alert alert-success">{notice}</p>}
      </div>
      <ErrorAlert error={first.error} onRetry={first.reload} />
      {first.loading && list.items.length === 0 && <Loading />}
      {first.data && !first.loading && list.items.length === 0 && (
        <EmptyState message={t(`portal.owner.registrationsEmpty.${status}`)} />
      )}
      {list.items.length > 0 && (
        <ul className="card-list registration-list">
          {list.items.map((registration) => (
            <RegistrationCard
              key={registration.id}
              registration={registration}
              onDecided={(updated, message) => {
                list.setItems((items) => items.map((r) => (r.id === updated.id ? updated : r)));
                setNotice(message);
                window.setTimeout(() => noticeRef.current?.focus(), 0);
              }}
            />
          ))}
        </ul>
      )}
      <ShowMore list={list} />
    </section>
  );
}

function OrdersSection({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const ids = useId();
  const [status, setStatus] = useState<OrderStatus | ''>('');
  const query = { programmeId: programme.id, ...(status ? { status } : {}), limit: PAGE_SIZE };
  const first = useLoad((signal) => portalApi.orders(query, signal), [programme.id, status]);
  const list = usePagedList(first.data, (cursor) => portalApi.orders({ ...query, cursor }));
  return (
    <section aria-labelledby="portal-orders">
      <h2 id="portal-orders">{t('portal.owner.orders')}</h2>
      <form
        className="filters"
        aria-label={t('portal.orders.filters')}
        onSubmit={(event) => event.preventDefault()}
      >
        <div className="field">
          <label htmlFor={`${ids}-status`}>{t('portal.orders.status')}</label>
          <select
            id={`${ids}-status`}
            value={status}
            onChange={(event) => setStatus(event.target.value as OrderStatus | '')}
          >
            <option value="">{t('portal.orders.allStatuses')}</option>
            {ORDER_STATUSES.map((value) => (
              <option key={value} value={value}>
                {t(`portal.statuses.${value}`)}
              </option>
            ))}
          </select>
        </div>
      </form>
      <ErrorAlert error={first.error} onRetry={first.reload} />
      {first.loading && list.items.length === 0 && <Loading />}
      <p className="results-count" role="status">
        {first.data
          ? t(list.nextCursor ? 'portal.orders.resultsMore' : 'portal.orders.results', {
              count: list.items.length,
            })
          : ''}
      </p>
      {first.data && !first.loading && list.items.length === 0 && (
        <EmptyState
          filtered={Boolean(status)}
          onClear={() => setStatus('')}
          message={status ? t('portal.orders.emptyFiltered') : t('portal.orders.empty')}
        />
      )}
      {list.items.length > 0 && <OrdersTable orders={list.items} showAssociation showProgramme={false} />}
      <ShowMore list={list} />
    </section>
  );
}

export default function ProgrammeAssociations() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const loaded = useLoad((signal) => peopleApi.programme(id, signal), [id]);
  const programme = loaded.data?.id === id ? loaded.data : undefined;
  return (
    <Page
      help="inscrire-une-association"
      title={
        programme ? t('portal.owner.title', { programme: programme.name }) : t('portal.owner.titleShort')
      }
    >
      <p className="breadcrumbs">
        <Link to={`/programmes/${id}`}>{t('portal.owner.back')}</Link>
      </p>
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      {loaded.loading && !programme && <Loading />}
      {programme && (
        <>
          <p className="help">{t('portal.owner.intro')}</p>
          <SettingsSection programme={programme} editable={programme.can.manage} />
          <RegistrationsSection programme={programme} />
          <OrdersSection programme={programme} />
        </>
      )}
    </Page>
  );
}
