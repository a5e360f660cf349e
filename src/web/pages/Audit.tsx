/**
 * The audit log, newest first: platform administrators see everything, organisation administrators
 * their organisations. Filters by organisation, action and dates; "show more" pages.
 */
import { type FormEvent, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AuditQuery, api } from '../api.ts';
import { EmptyState } from '../components/help.tsx';
import { ShowMore, usePagedList } from '../components/lists.tsx';
import { ErrorAlert, formatDateTime, Loading, Page, TableScroll, useLoad } from '../components/ui.tsx';
import { useMe } from '../session.tsx';

const PAGE_SIZE = 50;

export const KNOWN_ACTIONS = [
  'organisation.create',
  'organisation.update',
  'member.add',
  'member.change_role',
  'member.remove',
  'member.reinvite',
  'session.login',
  'session.logout',
  'session.logout_everywhere',
  'user.create',
  'user.create_platform_admin',
  'user.change_password',
  'user.reset_password',
  'user.totp_start',
  'user.totp_enable',
  'user.totp_disable',
  'user.totp_remove',
  'token.create',
  'token.revoke',
  'invitation.accept',
  'donation.create',
  'device.import',
  'location.create',
  'location.update',
  'recycling_batch.create',
] as const;
type KnownAction = (typeof KNOWN_ACTIONS)[number];

const KNOWN_ENTITY_TYPES = [
  'organisation',
  'membership',
  'user',
  'api_token',
  'donation',
  'location',
  'recycling_batch',
] as const;
type KnownEntityType = (typeof KNOWN_ENTITY_TYPES)[number];

function isKnownAction(action: string): action is KnownAction {
  return (KNOWN_ACTIONS as readonly string[]).includes(action);
}

function isKnownEntityType(type: string): type is KnownEntityType {
  return (KNOWN_ENTITY_TYPES as readonly string[]).includes(type);
}

interface Filters {
  organisationId: string;
  action: string;
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { organisationId: '', action: '', from: '', to: '' };

function toQuery(filters: Filters): AuditQuery {
  const query: AuditQuery = { limit: PAGE_SIZE };
  if (filters.organisationId) query.organisationId = filters.organisationId;
  if (filters.action) query.action = filters.action;
  if (filters.from) query.from = filters.from;
  if (filters.to) query.to = filters.to;
  return query;
}

export default function Audit() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const ids = useId();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [applied, setApplied] = useState<Filters>(NO_FILTERS);

  // The organisations one may filter on: all of them for a platform administrator, else those one runs.
  const isPlatformAdmin = me.user.isPlatformAdmin;
  const allOrganisations = useLoad(
    async (signal) => (isPlatformAdmin ? (await api.organisations({ limit: 500 }, signal)).items : []),
    [isPlatformAdmin],
  );
  const organisationOptions = useMemo(() => {
    const options = new Map<string, string>();
    for (const organisation of allOrganisations.data ?? []) options.set(organisation.id, organisation.name);
    for (const membership of me.memberships) {
      if (isPlatformAdmin || membership.role === 'admin') {
        options.set(membership.organisation.id, membership.organisation.name);
      }
    }
    return [...options].sort((a, b) => a[1].localeCompare(b[1], i18n.language));
  }, [allOrganisations.data, me.memberships, isPlatformAdmin, i18n.language]);
  const organisationNames = useMemo(() => {
    const names = new Map(organisationOptions);
    for (const membership of me.memberships)
      names.set(membership.organisation.id, membership.organisation.name);
    return names;
  }, [organisationOptions, me.memberships]);

  const first = useLoad((signal) => api.audit(toQuery(applied), signal), [applied]);
  const list = usePagedList(first.data, (cursor) => api.audit({ ...toQuery(applied), cursor }));
  const { items } = list;

  function actionLabel(action: string): string {
    return isKnownAction(action) ? t(`audit.actions.${action}`) : action;
  }

  function entityTypeLabel(type: string): string {
    return isKnownEntityType(type) ? t(`audit.entityTypes.${type}`) : type;
  }

  const field = (name: keyof Filters) => `${ids}-${name}`;
  const set = (name: keyof Filters) => (event: { target: { value: string } }) =>
    setDraft((previous) => ({ ...previous, [name]: event.target.value }));
  const hasFilters = Object.values(applied).some(Boolean);

  return (
    <Page title={t('audit.title')}>
      <p>{t('audit.intro')}</p>
      <form
        className="card filters"
        aria-label={t('audit.filters')}
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          setApplied({ ...draft });
        }}
      >
        <div className="field">
          <label htmlFor={field('organisationId')}>{t('audit.organisation')}</label>
          <select id={field('organisationId')} value={draft.organisationId} onChange={set('organisationId')}>
            <option value="">{t('audit.allOrganisations')}</option>
            {organisationOptions.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={field('action')}>{t('audit.action')}</label>
          <select id={field('action')} value={draft.action} onChange={set('action')}>
            <option value="">{t('audit.allActions')}</option>
            {KNOWN_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {actionLabel(action)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={field('from')}>{t('audit.from')}</label>
          <input
            id={field('from')}
            type="date"
            value={draft.from}
            max={draft.to || undefined}
            onChange={set('from')}
          />
        </div>
        <div className="field">
          <label htmlFor={field('to')}>{t('audit.to')}</label>
          <input
            id={field('to')}
            type="date"
            value={draft.to}
            min={draft.from || undefined}
            onChange={set('to')}
          />
        </div>
        <div className="filters-actions">
          <button type="submit" className="button button-primary">
            {t('audit.apply')}
          </button>
          {hasFilters && (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setDraft(NO_FILTERS);
                setApplied(NO_FILTERS);
              }}
            >
              {t('audit.reset')}
            </button>
          )}
        </div>
      </form>

      <section className="results" aria-busy={first.loading} aria-labelledby="audit-count">
        <ErrorAlert error={first.error} onRetry={first.reload} />
        {first.loading && items.length === 0 && <Loading />}
        <p id="audit-count" className="results-count" role="status">
          {first.data ? t('audit.results', { count: items.length }) : ''}
        </p>
        {first.data && items.length === 0 && !first.loading && (
          <EmptyState
            filtered={hasFilters}
            onClear={() => {
              setDraft(NO_FILTERS);
              setApplied(NO_FILTERS);
            }}
            message={hasFilters ? t('audit.empty') : t('audit.emptyAll')}
          />
        )}
        {items.length > 0 && (
          <TableScroll label={t('audit.caption')}>
            <table className="audit-table">
              <caption className="visually-hidden">{t('audit.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('audit.colAt')}</th>
                  <th scope="col">{t('audit.colAction')}</th>
                  <th scope="col">{t('audit.colEntityType')}</th>
                  <th scope="col">{t('audit.colEntityId')}</th>
                  <th scope="col">{t('audit.colFields')}</th>
                  <th scope="col">{t('audit.colOrganisation')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((entry) => (
                  <tr key={entry.id}>
                    <td className="nowrap">
                      <time dateTime={entry.at}>{formatDateTime(entry.at, i18n.language)}</time>
                    </td>
                    <td>
                      {actionLabel(entry.action)}
                      {isKnownAction(entry.action) && (
                        <>
                          <br />
                          <code className="muted small">{entry.action}</code>
                        </>
                      )}
                    </td>
                    <td>{entityTypeLabel(entry.entityType)}</td>
                    <td>
                      {entry.entityId ? <code className="id">{entry.entityId}</code> : t('common.none')}
                    </td>
                    <td>{entry.fields.length > 0 ? entry.fields.join(', ') : t('common.none')}</td>
                    <td>
                      {entry.organisationId ? (
                        <>
                          {organisationNames.get(entry.organisationId) ?? ''}
                          <br />
                          <code className="id muted small">{entry.organisationId}</code>
                        </>
                      ) : (
                        t('common.none')
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        <ShowMore list={list} />
      </section>
    </Page>
  );
}
