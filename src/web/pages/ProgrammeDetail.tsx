/**
 * A programme: its settings in words (mode, period, price, subsidies and the contribution left to the
 * beneficiary, loan, internet aid, training, targets), its eligibility rules as sentences, its partners;
 * for its managers "Modifier", "Copier pour l'an prochain" and close / reopen (confirmed). Then the names of
 * its participants (for the owner and the partners the server gives them to: trainers see only these), its
 * waiting list in priority order ("3e sur 12", the owner sets the priority flag) and every referral, by
 * status (for the owner and the prescribers). For the owner's staff: suggested allocations, the allocations
 * and the group handover days.
 */
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { readsBudget } from '../budgetsApi.ts';
import { AllocateButton, AllocationsSection } from '../components/Allocations.tsx';
import { FollowUpSettingsCard } from '../components/followup/sections.tsx';
import { ConfirmButton } from '../components/forms.tsx';
import { HandoverEventsSection, SuggestionsSection } from '../components/GroupHandovers.tsx';
import { InternetAidsSection } from '../components/InternetAids.tsx';
import { formatDay } from '../components/inventory.tsx';
import { ShowMore, usePagedList } from '../components/lists.tsx';
import {
  ParticipantsSection,
  programmeRelation,
  showsParticipants,
  showsReferrals,
} from '../components/Participants.tsx';
import {
  formatMoney,
  modeLabel,
  ProgrammeState,
  positionText,
  ReferralStatusBadge,
  referralPersonName,
  rulesSentences,
} from '../components/people.tsx';
import { ProgrammeAssociationsLink } from '../components/portal/links.tsx';
import { readsFunderReport, readsProgrammeReport } from '../components/reports/access.ts';
import {
  ErrorAlert,
  Loading,
  Page,
  SuccessNotice,
  TableScroll,
  useAnnounce,
  useLoad,
} from '../components/ui.tsx';
import { type Allocation, distributionApi } from '../distributionApi.ts';
import {
  type DeviceNeed,
  type Programme,
  peopleApi,
  REFERRAL_STATUSES,
  type ReferralStatus,
  type ReferralSummary,
} from '../peopleApi.ts';
import { distributesFor, useMe } from '../session.tsx';
import type { NoticeState } from './OrganisationForm.tsx';

const PAGE_SIZE = 50;

function Settings({ programme }: { programme: Programme }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const language = i18n.language;
  const money = (cents: number) => formatMoney(cents, language);
  const subsidyTotal = programme.subsidies.reduce((sum, s) => sum + s.amountCents, 0);
  const targets = programme.targets;
  const groupTargets = Object.entries(targets?.byGroup ?? {}).filter(
    (entry): entry is [keyof NonNullable<NonNullable<Programme['targets']>['byGroup']>, number] =>
      typeof entry[1] === 'number',
  );
  const rate = targets?.autonomyRate;
  const internetAidText = (aid: Programme['internetAid']) => {
    if (!aid) return t('programme.noInternetAid');
    const text = t('programme.internetAidText', { amount: money(aid.amountCents), count: aid.months });
    return aid.funderName ? t('programme.internetAidFunder', { aid: text, funder: aid.funderName }) : text;
  };
  const rows: [string, string][] = [
    [t('programmeForm.owner'), programme.ownerOrganisationName],
    [t('programmeForm.mode'), modeLabel(programme.mode)],
    [
      t('programme.period'),
      t('programmes.period', {
        from: formatDay(programme.startsOn, language),
        to: formatDay(programme.endsOn, language),
      }),
    ],
    [
      t('programme.unitPrice'),
      programme.unitPriceCents === null ? t('programme.noPrice') : money(programme.unitPriceCents),
    ],
    [
      t('programme.contribution'),
      programme.unitPriceCents === null
        ? t('common.none')
        : programme.subsidies.length === 0
          ? t('programme.contributionNoSubsidy', { contribution: money(programme.contributionCents) })
          : t('programmeForm.contribution', {
              price: money(programme.unitPriceCents),
              subsidies: money(subsidyTotal),
              contribution: money(programme.contributionCents),
            }),
    ],
  ];
  if (programme.mode === 'loan') {
    rows.push([
      t('programme.loan'),
      !programme.loanMonths
        ? t('common.none')
        : programme.loanRenewable && programme.loanMaxRenewals !== null
          ? t('programme.loanRenewableCapped', {
              count: programme.loanMonths,
              max: programme.loanMaxRenewals,
            })
          : t(programme.loanRenewable ? 'programme.loanRenewable' : 'programme.loanNotRenewable', {
              count: programme.loanMonths,
            }),
    ]);
  }
  rows.push(
    [t('programme.internetAid'), internetAidText(programme.internetAid)],
    [
      t('programme.training'),
      programme.trainingRequired
        ? programme.trainingMinSessions
          ? t('programme.trainingSessions', { count: programme.trainingMinSessions })
          : t('programme.trainingRequired')
        : t('programme.trainingOptional'),
    ],
    [t('programmeForm.maxDevices'), String(programme.maxDevicesPerPerson ?? 1)],
  );
  const targetParts: string[] = [];
  if (targets?.beneficiaries !== undefined)
    targetParts.push(t('programme.targetBeneficiaries', { count: targets.beneficiaries }));
  if (targets?.devices !== undefined)
    targetParts.push(t('programme.targetDevices', { count: targets.devices }));
  if (rate !== undefined)
    targetParts.push(
      t('programme.targetAutonomy', { rate: Math.round((rate <= 1 ? rate * 100 : rate) * 10) / 10 }),
    );
  for (const [group, value] of groupTargets) {
    targetParts.push(t('programme.targetGroup', { group: t(`targetGroups.${group}`), count: value }));
  }
  rows.push([
    t('programmeForm.targets'),
    targetParts.length ? targetParts.join(' · ') : t('programme.noTargets'),
  ]);

  return (
    <section className="card" aria-labelledby="settings-title">
      <h2 id="settings-title">{t('programme.settings')}</h2>
      {programme.description && <p className="pre-line">{programme.description}</p>}
      <dl className="properties properties-columns">
        {rows.map(([label, value]) => (
          <div key={label} className="property">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {programme.subsidies.length > 0 && (
        <>
          <h3 className="subheading">{t('programmeForm.subsidies')}</h3>
          <ul>
            {programme.subsidies.map((s) => (
              <li key={s.funderOrganisationId}>
                {t('programme.subsidyLine', {
                  funder: s.funderName,
                  amount: money(s.amountCents),
                })}
                {readsFunderReport(me, programme, s.funderOrganisationId) && (
                  <>
                    {' · '}
                    <Link to={`/rapports/financeurs/${s.funderOrganisationId}`}>
                      {t('reports.links.funderReport', { name: s.funderName })}
                    </Link>
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function Rules({ programme }: { programme: Programme }) {
  const { t, i18n } = useTranslation();
  const sentences = rulesSentences(programme.eligibility, i18n.language);
  return (
    <section className="card" aria-labelledby="rules-title">
      <h2 id="rules-title">{t('rules.title')}</h2>
      {sentences.length === 0 ? (
        <p>{t('rules.none')}</p>
      ) : (
        <ul>
          {sentences.map((sentence) => (
            <li key={sentence}>{sentence}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Partners({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="partners-title">
      <h2 id="partners-title">{t('programmeForm.partners')}</h2>
      {programme.partners.length === 0 ? (
        <p>{t('programme.noPartners')}</p>
      ) : (
        <ul>
          {programme.partners.map((p) => (
            <li key={`${p.organisationId}-${p.role}`}>
              {t('programme.partnerLine', {
                name: p.organisationName,
                role: t(`partnerRoles.${p.role}`),
              })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Actions({ programme, onChanged }: { programme: Programme; onChanged: (notice: string) => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  if (!programme.can.manage) return null;
  return (
    <div className="actions page-actions">
      <Link to={`/programmes/${programme.id}/modifier`} className="button button-primary">
        {t('programme.edit')}
      </Link>
      <ConfirmButton
        label={t('programme.copy')}
        title={t('programme.copyTitle')}
        message={<p>{t('programme.copyText', { name: programme.name })}</p>}
        confirmLabel={t('programme.copyConfirm')}
        danger={false}
        className="button button-secondary"
        onConfirm={async () => {
          const copy = await peopleApi.copyProgramme(programme.id);
          navigate(`/programmes/${copy.id}/modifier`, {
            state: { notice: t('programme.copied', { name: copy.name }) } satisfies NoticeState,
          });
        }}
      />
      {programme.closed ? (
        <ConfirmButton
          label={t('programme.reopen')}
          title={t('programme.reopenTitle')}
          message={<p>{t('programme.reopenText')}</p>}
          confirmLabel={t('programme.reopenConfirm')}
          danger={false}
          className="button button-secondary"
          onConfirm={async () => {
            await peopleApi.updateProgramme(programme.id, { closed: false });
            onChanged(t('programme.reopened'));
          }}
        />
      ) : (
        <ConfirmButton
          label={t('programme.close')}
          title={t('programme.closeTitle')}
          message={<p>{t('programme.closeText')}</p>}
          confirmLabel={t('programme.closeConfirm')}
          className="button button-danger-outline"
          onConfirm={async () => {
            await peopleApi.updateProgramme(programme.id, { closed: true });
            onChanged(t('programme.closed'));
          }}
        />
      )}
    </div>
  );
}

/** What the waiting list shows and does for the staff of the programme's owner (allocations). */
interface WaitingDistribution {
  allocations: Allocation[];
  /** Device needs by beneficiary id (from the people list). */
  needs: ReadonlyMap<string, DeviceNeed | null>;
  /** Changes when allocations or handovers may have changed the list. */
  version: number;
  onAllocated: (allocation: Allocation, name: string) => void;
  onNames: (names: Map<string, string>) => void;
}

function WaitingList({
  programme,
  distribution,
}: {
  programme: Programme;
  distribution?: WaitingDistribution | undefined;
}) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const onNames = distribution?.onNames;
  const loaded = useLoad(
    async (signal) => {
      const page = await peopleApi.referrals(
        { programmeId: programme.id, waiting: true, limit: 500 },
        signal,
      );
      onNames?.(new Map(page.items.map((r) => [r.beneficiaryId, referralPersonName(r)])));
      return page;
    },
    [programme.id, distribution?.version],
  );
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const items = loaded.data?.items ?? [];

  async function togglePriority(referral: ReferralSummary) {
    if (busy) return;
    setBusy(referral.id);
    setError(null);
    try {
      await peopleApi.updateReferral(referral.id, { priority: !referral.priority });
      loaded.reload();
      announce(
        referral.priority
          ? t('waiting.priorityRemoved', { name: referralPersonName(referral) })
          : t('waiting.priorityGiven', { name: referralPersonName(referral) }),
      );
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="card" aria-labelledby="waiting-title" aria-busy={loaded.loading}>
      <h2 id="waiting-title">{t('waiting.title')}</h2>
      <p className="help">{t('waiting.intro')}</p>
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      <ErrorAlert error={error} />
      {loaded.loading && !loaded.data && <Loading />}
      {loaded.data && items.length === 0 && <p className="empty">{t('waiting.empty')}</p>}
      {items.length > 0 && (
        <TableScroll label={t('waiting.caption')}>
          <table>
            <caption className="visually-hidden">{t('waiting.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('waiting.colPosition')}</th>
                <th scope="col">{t('waiting.colName')}</th>
                <th scope="col">{t('waiting.colReferredOn')}</th>
                <th scope="col">{t('waiting.colReferrer')}</th>
                <th scope="col">{t('waiting.colPriority')}</th>
                <th scope="col">{t('waiting.colStatus')}</th>
                {distribution && <th scope="col">{t('distribution.waitingDevice')}</th>}
              </tr>
            </thead>
            <tbody>
              {items.map((referral, index) => {
                const name = referralPersonName(referral);
                const canPrioritise = referral.can.prioritise;
                const held = (distribution?.allocations ?? []).filter(
                  (a) => a.beneficiaryId === referral.beneficiaryId && a.status !== 'cancelled',
                );
                const mayAllocate =
                  referral.beneficiaryKind === 'association' || held.length < programme.maxDevicesPerPerson;
                return (
                  <tr key={referral.id}>
                    <td className="nowrap">
                      {positionText(
                        referral.position ?? index + 1,
                        referral.waitingTotal ?? items.length,
                        i18n.language,
                      )}
                    </td>
                    <th scope="row">
                      <Link to={`/beneficiaires/${referral.beneficiaryId}`}>{name}</Link>
                    </th>
                    <td className="nowrap">{formatDay(referral.referredOn, i18n.language)}</td>
                    <td>{referral.referringOrganisationName}</td>
                    <td>
                      <div className="row-actions">
                        {referral.priority ? (
                          <span className="status status-pending">{t('waiting.priority')}</span>
                        ) : (
                          <span className="muted">{t('common.no')}</span>
                        )}
                        {canPrioritise && (
                          <button
                            type="button"
                            className="button button-small button-secondary"
                            aria-disabled={busy !== null}
                            aria-label={
                              referral.priority
                                ? t('waiting.removePriorityOf', { name })
                                : t('waiting.givePriorityOf', { name })
                            }
                            onClick={() => void togglePriority(referral)}
                          >
                            {busy === referral.id
                              ? t('common.saving')
                              : referral.priority
                                ? t('waiting.removePriority')
                                : t('waiting.givePriority')}
                          </button>
                        )}
                      </div>
                      {referral.priorityReason && <p className="small muted">{referral.priorityReason}</p>}
                    </td>
                    <td>
                      <ReferralStatusBadge status={referral.status} />
                    </td>
                    {distribution && (
                      <td>
                        <div className="row-actions">
                          {held.map((a) => (
                            <span key={a.id} className="status status-pending">
                              {t('distribution.reservedTag', { tag: a.assetTag })}
                            </span>
                          ))}
                          {mayAllocate && (
                            <AllocateButton
                              programme={programme}
                              beneficiaryId={referral.beneficiaryId}
                              name={name}
                              need={distribution.needs.get(referral.beneficiaryId) ?? null}
                              onAllocated={(allocation) => distribution.onAllocated(allocation, name)}
                            />
                          )}
                        </div>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

/**
 * The waiting list with « Attribuer un appareil », then the programme's allocations, for the staff of its
 * owner: one list of allocations for both, reloaded after each change.
 */
function Distribution({ programme }: { programme: Programme }) {
  const { t, i18n } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState('');
  const [waitingNames, setWaitingNames] = useState<Map<string, string>>(() => new Map());
  const allocations = useLoad(
    (signal) => distributionApi.allocations({ programmeId: programme.id, limit: 500 }, signal),
    [programme.id, version],
  );
  const participants = useLoad((signal) => peopleApi.participants(programme.id, signal), [programme.id]);
  const people = useLoad(
    (signal) => peopleApi.beneficiaries({ programmeId: programme.id, limit: 500 }, signal),
    [programme.id],
  );
  const needs = useMemo(
    () => new Map((people.data?.items ?? []).map((p) => [p.id, p.deviceNeed] as const)),
    [people.data],
  );
  const names = useMemo(() => {
    const out = new Map<string, string>();
    for (const p of participants.data?.items ?? []) {
      const name =
        p.kind === 'association' ? p.name : [p.firstName, p.lastName].filter(Boolean).join(' ') || p.name;
      if (name) out.set(p.beneficiaryId, name);
    }
    for (const [id, name] of waitingNames) out.set(id, name);
    return out;
  }, [participants.data, waitingNames]);

  // Reload the waiting list, the allocations and the referrals without a notice (suggestions, days).
  function refresh() {
    setVersion((v) => v + 1);
  }

  // The notice sits in a status region: screen readers hear it without a second announcement.
  function changed(message: string) {
    setNotice(message);
    setVersion((v) => v + 1);
    window.setTimeout(() => headingRef.current?.focus(), 0);
  }

  return (
    <>
      <WaitingList
        programme={programme}
        distribution={{
          allocations: allocations.data?.items ?? [],
          needs,
          version,
          onAllocated: (allocation, name) => changed(t('allocate.done', { tag: allocation.assetTag, name })),
          onNames: setWaitingNames,
        }}
      />
      {!programme.closed && <SuggestionsSection programme={programme} onAllocated={refresh} />}
      <AllocationsSection
        programme={programme}
        allocations={allocations.data?.items}
        loading={allocations.loading}
        error={allocations.error}
        onRetry={allocations.reload}
        names={names}
        notice={notice}
        headingRef={headingRef}
        onHandedOver={(allocation, name) =>
          changed(
            allocation.loan
              ? t('distribution.handedOverLoan', {
                  tag: allocation.assetTag,
                  name,
                  date: formatDay(allocation.loan.dueOn, i18n.language),
                })
              : t('distribution.handedOverDone', { tag: allocation.assetTag, name }),
          )
        }
        onCancelled={(allocation) => changed(t('distribution.cancelledDone', { tag: allocation.assetTag }))}
        onTakenBack={(allocation) => changed(t('takeBack.done', { tag: allocation.assetTag }))}
        onTicketOpened={(ticket) => changed(t('tickets.opened', { tag: ticket.assetTag }))}
      />
      <InternetAidsSection programme={programme} people={names} version={version} />
      <HandoverEventsSection
        programme={programme}
        allocations={allocations.data?.items ?? []}
        names={names}
        version={version}
        onChanged={refresh}
      />
      {/* A handover moves the referral to "equipped". */}
      <AllReferrals programme={programme} version={version} />
    </>
  );
}

function AllReferrals({ programme, version = 0 }: { programme: Programme; version?: number }) {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<ReferralStatus | ''>('');
  const first = useLoad(
    (signal) =>
      peopleApi.referrals(
        { programmeId: programme.id, ...(status ? { status } : {}), limit: PAGE_SIZE },
        signal,
      ),
    [programme.id, status, version],
  );
  const list = usePagedList(first.data, (cursor) =>
    peopleApi.referrals({
      programmeId: programme.id,
      ...(status ? { status } : {}),
      limit: PAGE_SIZE,
      cursor,
    }),
  );
  return (
    <section className="card" aria-labelledby="referrals-title" aria-busy={first.loading}>
      <h2 id="referrals-title">{t('programme.referrals')}</h2>
      <div className="field">
        <label htmlFor="referrals-status">{t('programme.statusFilter')}</label>
        <select
          id="referrals-status"
          value={status}
          onChange={(event) => setStatus(REFERRAL_STATUSES.find((s) => s === event.target.value) ?? '')}
        >
          <option value="">{t('programme.allStatuses')}</option>
          {REFERRAL_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`referralStatuses.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <ErrorAlert error={first.error} onRetry={first.reload} />
      {first.loading && list.items.length === 0 && <Loading />}
      <p className="results-count" role="status">
        {first.data ? t('programme.referralResults', { count: list.items.length }) : ''}
      </p>
      {list.items.length > 0 && (
        <TableScroll label={t('programme.referralsCaption')}>
          <table>
            <caption className="visually-hidden">{t('programme.referralsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('waiting.colName')}</th>
                <th scope="col">{t('waiting.colStatus')}</th>
                <th scope="col">{t('waiting.colReferredOn')}</th>
                <th scope="col">{t('waiting.colReferrer')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((referral) => (
                <tr key={referral.id}>
                  <th scope="row">
                    <Link to={`/beneficiaires/${referral.beneficiaryId}`}>
                      {referralPersonName(referral)}
                    </Link>
                  </th>
                  <td>
                    <ReferralStatusBadge status={referral.status} />
                  </td>
                  <td className="nowrap">{formatDay(referral.referredOn, i18n.language)}</td>
                  <td>{referral.referringOrganisationName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <ShowMore list={list} />
    </section>
  );
}

export default function ProgrammeDetail() {
  const { t } = useTranslation();
  const me = useMe();
  const { id = '' } = useParams();
  const location = useLocation();
  const loaded = useLoad((signal) => peopleApi.programme(id, signal), [id]);
  const programme = loaded.data?.id === id ? loaded.data : undefined;
  const [notice, setNotice] = useState((location.state as NoticeState | null)?.notice ?? '');
  const relation = programme ? programmeRelation(me, programme) : null;

  return (
    <Page help="remettre-les-ordinateurs" title={programme ? programme.name : t('programme.titleShort')}>
      <p className="breadcrumbs">
        <Link to="/programmes">{t('programme.back')}</Link>
      </p>
      <SuccessNotice>{notice}</SuccessNotice>
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      {loaded.loading && !programme && <Loading />}
      {programme && relation && (
        <>
          <p className="status-now">
            <ProgrammeState programme={programme} />
          </p>
          {readsProgrammeReport(me, programme) && (
            <p>
              <Link to={`/programmes/${programme.id}/rapport`}>{t('reports.links.programmeReport')}</Link>
            </p>
          )}
          {readsBudget(me, programme) && (
            <p>
              <Link to={`/programmes/${programme.id}/budget`}>{t('budgets.link')}</Link>
            </p>
          )}
          {relation.owner && <ProgrammeAssociationsLink programmeId={programme.id} />}
          {(relation.owner || relation.prescriber) && (
            <p>
              <Link to={`/programmes/${programme.id}/besoins`}>{t('census.staff.link')}</Link>
            </p>
          )}
          <Actions
            programme={programme}
            onChanged={(message) => {
              setNotice(message);
              loaded.reload();
            }}
          />
          <Settings programme={programme} />
          {programme.can.manage && <FollowUpSettingsCard programmeId={programme.id} manage />}
          <div className="detail-grid">
            <Rules programme={programme} />
            <Partners programme={programme} />
          </div>
          {showsParticipants(relation) && <ParticipantsSection programme={programme} relation={relation} />}
          {showsReferrals(me, relation) &&
            (distributesFor(me, programme) ? (
              <Distribution programme={programme} />
            ) : (
              <>
                <WaitingList programme={programme} />
                <AllReferrals programme={programme} />
              </>
            ))}
        </>
      )}
    </Page>
  );
}
