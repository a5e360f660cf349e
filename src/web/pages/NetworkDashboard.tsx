/**
 * « Réseau » (`/reseau`, `?organisation=&du=&au=`): a coordinator's dashboard over its network —
 * stock by status and type, flows per month (chart and table), people equipped by public and mode,
 * training and impact. Aggregates only: a count of 1 to 4 people comes as "<5" and reads « moins de 5 ».
 * Then the network's organisations: invite one, withdraw or end a membership (the coordinator's
 * administrators; both sides must agree before an organisation is counted).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmButton } from '../components/forms.tsx';
import { OrganisationPicker, type PickedOrganisation } from '../components/OrganisationPicker.tsx';
import { reportOrganisations } from '../components/reports/access.ts';
import { BarChart } from '../components/reports/charts.tsx';
import { formatCount, formatMonth, formatReportDay, PeopleFigure } from '../components/reports/format.tsx';
import {
  Downloads,
  ImpactFigures,
  KeyFigures,
  PeriodFilter,
  usePeriodParams,
} from '../components/reports/parts.tsx';
import {
  DateTime,
  ErrorAlert,
  Loading,
  Page,
  SuccessNotice,
  TableScroll,
  useLoad,
} from '../components/ui.tsx';
import {
  type NetworkDashboard as DashboardData,
  type NetworkMember,
  reportFiles,
  reportsApi,
} from '../reportsApi.ts';
import { useMe, useSession } from '../session.tsx';

function FlowsSection({ dashboard }: { dashboard: DashboardData }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const keys = ['received', 'ready', 'handedOver', 'recycled'] as const;
  const sameYear = new Set(dashboard.flows.map((f) => f.month.slice(0, 4))).size === 1;
  const moved = dashboard.flows.some((flow) => keys.some((key) => flow[key] !== 0));
  return (
    <section className="card" aria-labelledby="network-flows-title">
      <h2 id="network-flows-title">{t('reports.network.flows')}</h2>
      <KeyFigures
        label={t('reports.network.flowTotals')}
        figures={keys.map((key) => ({
          key,
          label: t(`reports.network.flow.${key}`),
          value: <PeopleFigure value={dashboard.flowTotals[key]} />,
        }))}
      />
      {moved ? (
        <BarChart
          layout="columns"
          title={t('reports.network.flowsChart')}
          rowHeader={t('reports.network.colMonth')}
          series={keys.map((key) => ({ label: t(`reports.network.flow.${key}`) }))}
          rows={dashboard.flows.map((flow) => {
            const label = formatMonth(flow.month, language);
            return {
              key: flow.month,
              label,
              shortLabel: sameYear ? label.replace(/\s*\d{4}$/, '') : label,
              // Handovers are people: a month of 1 to 4 comes masked, read « moins de 5 » and not drawn.
              values: keys.map((key) => flow[key]),
            };
          })}
          format={(value) => formatCount(value, language)}
        />
      ) : (
        <p className="empty">{t('reports.network.noFlows')}</p>
      )}
    </section>
  );
}

function StockSection({ dashboard }: { dashboard: DashboardData }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const types = dashboard.stock.byType.filter((row) => row.count > 0);
  return (
    <section className="card" aria-labelledby="network-stock-title">
      <h2 id="network-stock-title">{t('reports.network.stock')}</h2>
      <p>{t('reports.network.stockTotal', { count: dashboard.stock.total })}</p>
      {types.length > 0 && (
        <BarChart
          title={t('reports.network.stockByType')}
          rowHeader={t('reports.colType')}
          series={[{ label: t('reports.colDevices') }]}
          rows={types.map((row) => ({
            key: row.type,
            label: t(`deviceTypes.${row.type}`),
            values: [row.count],
          }))}
          format={(value) => formatCount(value, language)}
        />
      )}
      <TableScroll label={t('reports.network.stockByStatus')}>
        <table>
          <caption className="visually-hidden">{t('reports.network.stockByStatus')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reports.colStatus')}</th>
              <th scope="col" className="numeric">
                {t('reports.colDevices')}
              </th>
            </tr>
          </thead>
          <tbody>
            {dashboard.stock.byStatus.map((row) => (
              <tr key={row.status}>
                <th scope="row">{t(`statuses.${row.status}`)}</th>
                <td className="numeric">{formatCount(row.count, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

function PeopleSection({ dashboard }: { dashboard: DashboardData }) {
  const { t } = useTranslation();
  const people = dashboard.people;
  return (
    <section className="card" aria-labelledby="network-people-title">
      <h2 id="network-people-title">{t('reports.network.people')}</h2>
      <p className="base-note">{t('reports.network.maskingRule')}</p>
      <p className="count-large">
        {t('reports.network.equippedLabel')} <PeopleFigure value={people.equipped} />
      </p>
      <div className="detail-grid">
        <TableScroll label={t('reports.network.byGroup')}>
          <table>
            <caption className="visually-hidden">{t('reports.network.byGroup')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.colPublic')}</th>
                <th scope="col" className="numeric">
                  {t('reports.network.colEquipped')}
                </th>
              </tr>
            </thead>
            <tbody>
              {people.byGroup.map((row) => (
                <tr key={row.group}>
                  <th scope="row">{t(`targetGroups.${row.group}`)}</th>
                  <td className="numeric">
                    <PeopleFigure value={row.equipped} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
        <TableScroll label={t('reports.network.byMode')}>
          <table>
            <caption className="visually-hidden">{t('reports.network.byMode')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.network.colMode')}</th>
                <th scope="col" className="numeric">
                  {t('reports.network.colEquipped')}
                </th>
              </tr>
            </thead>
            <tbody>
              {people.byMode.map((row) => (
                <tr key={row.mode}>
                  <th scope="row">{t(`programmeModes.${row.mode}`)}</th>
                  <td className="numeric">
                    <PeopleFigure value={row.equipped} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </div>
      <p className="help">{t('reports.network.byModeNote')}</p>
    </section>
  );
}

function TrainingSection({ dashboard }: { dashboard: DashboardData }) {
  const { t, i18n } = useTranslation();
  const training = dashboard.training;
  return (
    <section className="card" aria-labelledby="network-training-title">
      <h2 id="network-training-title">{t('reports.network.training')}</h2>
      <dl className="properties">
        <dt>{t('reports.network.sessionsHeld')}</dt>
        <dd>{formatCount(training.sessionsHeld, i18n.language)}</dd>
        <dt>{t('reports.network.peopleTrained')}</dt>
        <dd>
          <PeopleFigure value={training.peopleTrained} />
        </dd>
        <dt>{t('reports.network.anonymousActivities')}</dt>
        <dd>{formatCount(training.anonymousActivities, i18n.language)}</dd>
        <dt>{t('reports.network.anonymousParticipants')}</dt>
        <dd>
          <PeopleFigure value={training.anonymousParticipants} />
        </dd>
      </dl>
    </section>
  );
}

function MembersSection({ coordinatorId, canManage }: { coordinatorId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState('');
  const [picked, setPicked] = useState<PickedOrganisation | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const members = useLoad(
    (signal) => reportsApi.networkMembers(coordinatorId, signal),
    [coordinatorId, version],
  );

  async function invite() {
    if (!picked || busy) return;
    setBusy(true);
    setError(null);
    try {
      const member = await reportsApi.agreeToMembership(coordinatorId, picked.id);
      setNotice(t(`reports.network.members.done.${member.status}`, { name: member.name }));
      setPicked(null);
      setVersion((v) => v + 1);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const items: NetworkMember[] = members.data?.items ?? [];
  return (
    <section className="card" aria-labelledby="network-members-title">
      <h2 id="network-members-title">{t('reports.network.members.title')}</h2>
      <p className="help">{t('reports.network.members.intro')}</p>
      <SuccessNotice>{notice}</SuccessNotice>
      <ErrorAlert error={members.error} onRetry={members.reload} />
      {members.loading && !members.data && <Loading />}
      {members.data && items.length === 0 && <p className="empty">{t('reports.network.members.empty')}</p>}
      {items.length > 0 && (
        <TableScroll label={t('reports.network.members.caption')}>
          <table>
            <caption className="visually-hidden">{t('reports.network.members.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.network.members.colName')}</th>
                <th scope="col">{t('reports.network.members.colKinds')}</th>
                <th scope="col">{t('reports.colStatus')}</th>
                <th scope="col">{t('reports.network.members.colSince')}</th>
                {canManage && <th scope="col">{t('reports.network.members.colActions')}</th>}
              </tr>
            </thead>
            <tbody>
              {items.map((member) => (
                <tr key={member.organisationId}>
                  <th scope="row">
                    <Link to={`/organisations/${member.organisationId}`}>{member.name}</Link>
                  </th>
                  <td>{member.kinds.map((kind) => t(`kinds.${kind}`)).join(', ')}</td>
                  <td>
                    <span
                      className={member.status === 'active' ? 'status status-ok' : 'status status-pending'}
                    >
                      {t(`reports.network.members.status.${member.status}`)}
                    </span>
                  </td>
                  <td className="nowrap">
                    <DateTime value={member.addedAt} dateOnly />
                  </td>
                  {canManage && (
                    <td>
                      <ConfirmButton
                        label={t(
                          member.status === 'active'
                            ? 'reports.network.members.remove'
                            : 'reports.network.members.withdraw',
                        )}
                        ariaLabel={t(
                          member.status === 'active'
                            ? 'reports.network.members.removeOf'
                            : 'reports.network.members.withdrawOf',
                          { name: member.name },
                        )}
                        title={t('reports.network.members.removeTitle')}
                        message={<p>{t('reports.network.members.removeText', { name: member.name })}</p>}
                        confirmLabel={t('reports.network.members.removeConfirm')}
                        onConfirm={async () => {
                          await reportsApi.removeMember(coordinatorId, member.organisationId);
                          setNotice(t('reports.network.members.removed', { name: member.name }));
                          setVersion((v) => v + 1);
                        }}
                      />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {canManage && (
        <div className="inline-form">
          <OrganisationPicker
            id="network-invite"
            name="organisationId"
            label={t('reports.network.members.pick')}
            description={t('reports.network.members.pickHelp')}
            value={picked}
            onChange={setPicked}
          />
          <button
            type="button"
            className="button button-primary"
            aria-disabled={busy || !picked}
            onClick={() => void invite()}
          >
            {busy ? t('common.saving') : t('reports.network.members.invite')}
          </button>
          <ErrorAlert error={error} />
        </div>
      )}
    </section>
  );
}

function Dashboard({ coordinatorId, canManage }: { coordinatorId: string; canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { from, to, set } = usePeriodParams();
  const loaded = useLoad(
    (signal) => reportsApi.networkDashboard(coordinatorId, { from, to }, signal),
    [coordinatorId, from, to],
  );
  const dashboard = loaded.data?.coordinator.id === coordinatorId ? loaded.data : undefined;
  return (
    <>
      <PeriodFilter shown={dashboard?.period} onSubmit={set} />
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      {loaded.loading && !dashboard && <Loading />}
      <p className="results-count" role="status">
        {dashboard && !loaded.loading
          ? t('reports.periodShown', {
              from: formatReportDay(dashboard.period.from, language),
              to: formatReportDay(dashboard.period.to, language),
            })
          : ''}
      </p>
      {dashboard && (
        <div aria-busy={loaded.loading}>
          <Downloads
            title={t('reports.downloads.title')}
            files={(['pdf', 'csv'] as const).map((format) => ({
              key: format,
              label: t(`reports.downloads.${format}`),
              address: reportFiles.network(coordinatorId, format, dashboard.period),
              fileName: `tableau-de-bord-reseau.${format}`,
            }))}
          />
          <section className="card" aria-labelledby="network-key-title">
            <h2 id="network-key-title">{t('reports.keyFigures')}</h2>
            <KeyFigures
              label={t('reports.keyFigures')}
              figures={[
                {
                  key: 'organisations',
                  label: t('reports.network.organisations'),
                  value: formatCount(dashboard.organisations.length, language),
                },
                {
                  key: 'stock',
                  label: t('reports.network.stockNow'),
                  value: formatCount(dashboard.stock.total, language),
                },
                {
                  key: 'handedOver',
                  label: t('reports.network.flow.handedOver'),
                  value: <PeopleFigure value={dashboard.flowTotals.handedOver} />,
                },
                {
                  key: 'equipped',
                  label: t('reports.network.equipped'),
                  value: <PeopleFigure value={dashboard.people.equipped} />,
                },
                {
                  key: 'trained',
                  label: t('reports.network.peopleTrained'),
                  value: <PeopleFigure value={dashboard.training.peopleTrained} />,
                },
              ]}
            />
            <details>
              <summary>
                {t('reports.network.organisationsList', { count: dashboard.organisations.length })}
              </summary>
              <ul>
                {dashboard.organisations.map((organisation) => (
                  <li key={organisation.id}>
                    <Link to={`/organisations/${organisation.id}`}>{organisation.name}</Link>
                  </li>
                ))}
              </ul>
            </details>
          </section>
          <StockSection dashboard={dashboard} />
          <FlowsSection dashboard={dashboard} />
          <PeopleSection dashboard={dashboard} />
          <TrainingSection dashboard={dashboard} />
          <section className="card" aria-labelledby="network-impact-title">
            <h2 id="network-impact-title">{t('reports.impact.title')}</h2>
            <ImpactFigures
              co2eAvoidedKg={dashboard.impact.co2eAvoidedKg}
              weeeAvoidedKg={dashboard.impact.weeeAvoidedKg}
              method={dashboard.impact.method}
            />
          </section>
        </div>
      )}
      <MembersSection coordinatorId={coordinatorId} canManage={canManage} />
    </>
  );
}

export default function NetworkDashboardPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { currentOrganisationId } = useSession();
  const { params, update } = usePeriodParams();
  const coordinators = reportOrganisations(me, 'coordinator');
  const asked = params.get('organisation');
  const [picked, setPicked] = useState<PickedOrganisation | null>(null);
  const chosen =
    coordinators.find((o) => o.id === asked) ??
    (asked && me.user.isPlatformAdmin ? { id: asked, name: picked?.name ?? '' } : undefined) ??
    coordinators.find((o) => o.id === currentOrganisationId) ??
    coordinators[0];
  const canManage =
    !!chosen &&
    (me.user.isPlatformAdmin ||
      me.memberships.some((m) => m.organisation.id === chosen.id && m.role === 'admin'));
  const title = chosen?.name
    ? t('reports.network.title', { name: chosen.name })
    : t('reports.network.titleShort');

  return (
    <Page help="rapport-annuel" title={title}>
      <p className="help">{t('reports.network.intro')}</p>
      {coordinators.length > 1 && (
        <div className="field">
          <label htmlFor="network-coordinator">{t('reports.network.coordinator')}</label>
          <select
            id="network-coordinator"
            value={chosen?.id ?? ''}
            onChange={(event) => update({ organisation: event.target.value, du: undefined, au: undefined })}
          >
            {coordinators.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {me.user.isPlatformAdmin && coordinators.length === 0 && (
        <OrganisationPicker
          id="network-coordinator-pick"
          name="coordinatorOrganisationId"
          kind="coordinator"
          label={t('reports.network.coordinator')}
          value={picked}
          onChange={(organisation) => {
            setPicked(organisation);
            if (organisation) update({ organisation: organisation.id });
          }}
        />
      )}
      {chosen ? (
        <Dashboard key={chosen.id} coordinatorId={chosen.id} canManage={canManage} />
      ) : (
        !me.user.isPlatformAdmin && <p className="empty">{t('reports.network.none')}</p>
      )}
    </Page>
  );
}
