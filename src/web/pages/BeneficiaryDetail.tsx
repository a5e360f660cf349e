/**
 * A person (or an association): the record in words, their referrals with "Orienter vers un programme"
 * (verdict shown at once), consents, the timeline across programmes, merging a duplicate, and the rights
 * of the person (export, erasure). An erased record says so and offers no action; a record merged into
 * another links to it.
 */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { ConsentsPanel, MergePanel, RightsPanel } from '../components/BeneficiaryPanels.tsx';
import { PersonFollowUpsSection } from '../components/followup/sections.tsx';
import { PersonInternetAids } from '../components/InternetAids.tsx';
import { formatDay } from '../components/inventory.tsx';
import { PersonAllocations } from '../components/PersonAllocations.tsx';
import {
  beneficiaryName,
  duplicateDetails,
  formatMoney,
  ReasonList,
  ReferralStatusBadge,
} from '../components/people.tsx';
import { ReferForm, ReferralList } from '../components/Referrals.tsx';
import { PersonTraining } from '../components/training/PersonTraining.tsx';
import { ErrorAlert, formatDate, Loading, Page, SuccessNotice, useLoad } from '../components/ui.tsx';
import {
  type BeneficiaryDetail as Detail,
  peopleApi,
  type ReferralStatus,
  type TimelineEntry,
} from '../peopleApi.ts';
import { distributesFor, useMe } from '../session.tsx';
import type { CreatedState } from './BeneficiaryForm.tsx';

/** The referrals that may receive an internet aid (in progress: not ineligible, not exited). */
const AID_STATUSES: readonly ReferralStatus[] = [
  'eligible',
  'in_training',
  'trained',
  'equipped',
  'followed_up',
];

function Properties({ record }: { record: Detail }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const none = t('common.none');
  const yesNo = (value: boolean | null) => (value === null ? none : value ? t('common.yes') : t('common.no'));
  const text = (value: string | number | null | undefined) =>
    value === null || value === undefined || value === '' ? none : String(value);
  const rows: [string, string][] =
    record.kind === 'association'
      ? [
          [t('beneficiaryFields.name'), text(record.name)],
          [t('beneficiaryFields.rna'), text(record.rna)],
          [t('beneficiaryFields.siret'), text(record.siret)],
          [t('beneficiaryFields.contactName'), text(record.contactName)],
          [t('beneficiaryFields.peopleServed'), text(record.peopleServed)],
        ]
      : [
          [t('beneficiaryFields.firstName'), text(record.firstName)],
          [t('beneficiaryFields.lastName'), text(record.lastName)],
          [t('beneficiaryFields.birthYear'), text(record.birthYear)],
          [
            t('beneficiaryFields.targetGroup'),
            record.targetGroup ? t(`targetGroups.${record.targetGroup}`) : none,
          ],
          [
            t('beneficiaryFields.householdType'),
            record.householdType ? t(`householdTypes.${record.householdType}`) : none,
          ],
          [t('beneficiaryFields.childrenCount'), text(record.childrenCount)],
          [
            t('beneficiaryFields.incomeSituation'),
            record.incomeSituation ? t(`incomeSituations.${record.incomeSituation}`) : none,
          ],
          [
            t('beneficiaryFields.familyQuotient'),
            record.familyQuotientCents === null ? none : formatMoney(record.familyQuotientCents, language),
          ],
          [
            t('beneficiaryFields.employmentSituation'),
            record.employmentSituation ? t(`employmentSituations.${record.employmentSituation}`) : none,
          ],
          [
            t('beneficiaryFields.deviceNeed'),
            record.deviceNeed ? t(`deviceNeeds.${record.deviceNeed}`) : none,
          ],
          [t('beneficiaryFields.accessibilityNeeds'), yesNo(record.accessibilityNeeds)],
        ];
  rows.push(
    [t('beneficiaryFields.postcode'), text(record.postcode)],
    [t('beneficiaryFields.city'), text(record.city)],
  );
  if (record.kind === 'person') rows.push([t('beneficiaryFields.priorityZone'), yesNo(record.priorityZone)]);
  rows.push(
    [t('beneficiaryFields.phone'), text(record.phone)],
    [t('beneficiaryFields.email'), text(record.email)],
  );
  return (
    <dl className="properties properties-columns">
      {rows.map(([label, value]) => (
        <div key={label} className="property">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Timeline({ id, version }: { id: string; version: number }) {
  const { t, i18n } = useTranslation();
  const loaded = useLoad((signal) => peopleApi.timeline(id, signal), [id, version]);
  const items = loaded.data?.items ?? [];
  return (
    <section className="card" aria-labelledby="timeline-title" aria-busy={loaded.loading}>
      <h2 id="timeline-title">{t('timeline.title')}</h2>
      <p className="help">{t('timeline.intro')}</p>
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      {loaded.loading && !loaded.data && <Loading />}
      {loaded.data && items.length === 0 && <p className="empty">{t('timeline.empty')}</p>}
      {items.length > 0 && (
        <ol className="timeline">
          {items.map((entry: TimelineEntry) => (
            <li key={`${entry.at}-${entry.kind}-${entry.referralId ?? ''}`} className="timeline-item">
              <p className="timeline-title">
                <strong>{t(`timeline.kinds.${entry.kind}`)}</strong>
                {entry.programmeName && (
                  <>
                    {' – '}
                    {entry.programmeId ? (
                      <Link to={`/programmes/${entry.programmeId}`}>{entry.programmeName}</Link>
                    ) : (
                      entry.programmeName
                    )}
                  </>
                )}
              </p>
              {entry.toStatus && (
                <p>
                  {entry.fromStatus ? (
                    <>
                      <ReferralStatusBadge status={entry.fromStatus} /> <span aria-hidden="true">→</span>
                      <span className="visually-hidden"> {t('timeline.to')} </span>{' '}
                    </>
                  ) : null}
                  <ReferralStatusBadge status={entry.toStatus} />
                </p>
              )}
              {entry.reasons && entry.reasons.length > 0 && (
                <ReasonList verdict={{ eligible: false, reasons: entry.reasons }} />
              )}
              {entry.exitReason && (
                <p>{t('referral.exitedBecause', { reason: t(`exitReasons.${entry.exitReason}`) })}</p>
              )}
              {entry.kind === 'updated' && entry.fields && entry.fields.length > 0 && (
                <p className="small">{t('timeline.fields', { count: entry.fields.length })}</p>
              )}
              <p className="muted small">
                {entry.authorName ? `${entry.authorName} · ` : ''}
                {formatDay(entry.on, i18n.language)}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export default function BeneficiaryDetail() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { id = '' } = useParams();
  const location = useLocation();
  const created = (location.state as CreatedState | null) ?? null;
  const loaded = useLoad((signal) => peopleApi.beneficiary(id, signal), [id]);
  const record = loaded.data?.id === id ? loaded.data : undefined;
  const [notice, setNotice] = useState(created?.notice ?? '');
  const [version, setVersion] = useState(0);
  const noticeRef = useRef<HTMLDivElement>(null);
  const reported = created?.possibleDuplicates ?? [];

  function changed(message: string) {
    setNotice(message);
    loaded.reload();
    setVersion((v) => v + 1);
    window.setTimeout(() => noticeRef.current?.focus(), 0);
  }

  const erased = Boolean(record?.anonymisedAt);
  const merged = Boolean(record?.mergedIntoId);
  const active = record && !erased && !merged;
  const title = record ? beneficiaryName(record) : t('beneficiary.titleShort');

  return (
    <Page
      help="orienter-une-personne"
      title={title}
      heading={
        record ? (
          <>
            {title}
            <span className="heading-sub">{t(`beneficiaryKinds.${record.kind}`)}</span>
          </>
        ) : (
          title
        )
      }
    >
      <p className="breadcrumbs">
        <Link to="/beneficiaires">{t('beneficiary.back')}</Link>
      </p>
      <div ref={noticeRef} tabIndex={-1} className="notice-anchor">
        <SuccessNotice>{notice}</SuccessNotice>
      </div>
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      {loaded.loading && !record && <Loading />}
      {record && (
        <>
          {erased && record.anonymisedAt && (
            <p className="alert alert-info">
              {t('beneficiary.erasedOn', { date: formatDate(record.anonymisedAt, i18n.language) })}
            </p>
          )}
          {merged && (
            <p className="alert alert-info">
              {t('beneficiary.mergedInto')}{' '}
              <Link to={`/beneficiaires/${record.mergedIntoId}`}>{t('beneficiary.openKept')}</Link>
            </p>
          )}
          {active && reported.length > 0 && (
            <div className="alert alert-warning">
              <p>
                <strong>{t('beneficiary.duplicatesAfterSave', { count: reported.length })}</strong>
              </p>
              <ul>
                {reported.map((duplicate) => (
                  <li key={duplicate.id}>
                    <Link to={`/beneficiaires/${duplicate.id}`}>
                      {beneficiaryName({ kind: 'person', ...duplicate })}
                      {duplicateDetails(duplicate) ? ` (${duplicateDetails(duplicate)})` : ''}
                    </Link>
                  </li>
                ))}
              </ul>
              <p>{t('beneficiary.duplicatesMergeHint')}</p>
            </div>
          )}

          <section className="card" aria-labelledby="record-title">
            <div className="card-heading">
              <h2 id="record-title">{t('beneficiary.record')}</h2>
              {active && record.can.edit && (
                <Link to={`/beneficiaires/${record.id}/modifier`} className="button button-secondary">
                  {t('beneficiary.edit')}
                </Link>
              )}
            </div>
            <Properties record={record} />
          </section>

          <section className="card" aria-labelledby="referrals-title">
            <h2 id="referrals-title">{t('beneficiary.referrals')}</h2>
            <ReferralList
              referrals={record.referrals}
              actions={Boolean(active && record.can.refer)}
              editable={Boolean(active)}
              onChanged={changed}
            />
            {active && record.can.refer && (
              <ReferForm
                record={record}
                onReferred={() => {
                  loaded.reload();
                  setVersion((v) => v + 1);
                }}
              />
            )}
          </section>

          <PersonAllocations
            beneficiaryId={record.id}
            referrals={record.referrals}
            version={version}
            onChanged={changed}
          />
          <PersonInternetAids
            beneficiaryId={record.id}
            programmes={record.referrals.map((r) => ({ id: r.programmeId, name: r.programmeName }))}
            manageable={
              active
                ? record.referrals
                    .filter(
                      (r) =>
                        AID_STATUSES.includes(r.status) &&
                        distributesFor(me, {
                          ownerOrganisationId: r.programmeOwnerOrganisationId,
                          can: { manage: false },
                        }),
                    )
                    .map((r) => ({ id: r.programmeId, name: r.programmeName }))
                : []
            }
          />
          {!erased && <PersonTraining beneficiaryId={record.id} version={version} />}
          {!erased && record.kind === 'person' && (
            <PersonFollowUpsSection beneficiaryId={record.id} version={version} />
          )}
          {active && <ConsentsPanel record={record} editable={record.can.edit} onChanged={changed} />}
          <Timeline id={record.id} version={version} />
          {active && record.can.edit && (
            <MergePanel record={record} reported={reported} version={version} onMerged={changed} />
          )}
          {active && <RightsPanel record={record} onErased={() => changed(t('rights.erased'))} />}
        </>
      )}
    </Page>
  );
}
