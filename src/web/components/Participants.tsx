/**
 * Who a programme's page shows people to, as the server decides it, and the "Participants" section: the
 * names of the people whose referral is in progress (`GET /programmes/{id}/participants`), all that a
 * trainer partner sees of them. The owner and trainer partners see everyone; a prescribing partner the
 * people it referred. The server answers 404 to anybody else: then the section is not shown.
 */
import { useTranslation } from 'react-i18next';
import { ApiError, type Me } from '../api.ts';
import { type Participant, type Programme, peopleApi } from '../peopleApi.ts';
import { canSeePeople } from '../session.tsx';
import { beneficiaryName } from './people.tsx';
import { ErrorAlert, Loading, useLoad } from './ui.tsx';

/** What the account is to a programme (a platform administrator counts as its owner). */
export interface ProgrammeRelation {
  owner: boolean;
  prescriber: boolean;
  trainer: boolean;
}

export function programmeRelation(me: Me, programme: Programme): ProgrammeRelation {
  const member = (organisationId: string) => me.memberships.some((m) => m.organisation.id === organisationId);
  const partner = (role: Programme['partners'][number]['role']) =>
    programme.partners.some((p) => p.role === role && member(p.organisationId));
  return {
    owner: me.user.isPlatformAdmin || member(programme.ownerOrganisationId),
    prescriber: partner('prescriber'),
    trainer: partner('trainer'),
  };
}

/**
 * Whether the waiting list and the referrals show: referrals are the referring organisation's and the
 * owner's (a trainer, refurbisher or funder would find them empty), for roles that work with people.
 */
export function showsReferrals(me: Me, relation: ProgrammeRelation): boolean {
  return canSeePeople(me) && (relation.owner || relation.prescriber);
}

/** Whether the server gives this account the participants' names (`listParticipants`). */
export function showsParticipants(relation: ProgrammeRelation): boolean {
  return relation.owner || relation.trainer || relation.prescriber;
}

function locale(language: string): string {
  return language === 'en' ? 'en-GB' : 'fr-FR';
}

/** "Dupré, Amélie" (a list by last name, as an attendance sheet), or the association's name. */
function listedName(participant: Participant): string {
  if (participant.kind === 'person' && participant.lastName && participant.firstName) {
    return `${participant.lastName}, ${participant.firstName}`;
  }
  return beneficiaryName(participant);
}

/** By last name then first name (or the association's name), accents and case aside. */
function sortedParticipants(items: readonly Participant[], language: string): Participant[] {
  const collator = new Intl.Collator(locale(language), { sensitivity: 'base', numeric: true });
  const key = (p: Participant) =>
    p.kind === 'association' ? [p.name ?? '', ''] : [p.lastName ?? '', p.firstName ?? ''];
  return [...items].sort((a, b) => {
    const [aLast = '', aFirst = ''] = key(a);
    const [bLast = '', bFirst = ''] = key(b);
    return collator.compare(aLast, bLast) || collator.compare(aFirst, bFirst);
  });
}

export function ParticipantsSection({
  programme,
  relation,
}: {
  programme: Programme;
  relation: ProgrammeRelation;
}) {
  const { t, i18n } = useTranslation();
  const loaded = useLoad((signal) => peopleApi.participants(programme.id, signal), [programme.id]);
  // The server decides: a 404 means this account is not given the names (the section is not for them).
  if (loaded.error instanceof ApiError && loaded.error.status === 404) return null;
  const items = loaded.data ? sortedParticipants(loaded.data.items, i18n.language) : [];
  const everyone = relation.owner || relation.trainer;
  const intro = relation.owner
    ? t('participants.introOwner')
    : relation.trainer
      ? t('participants.introTrainer')
      : t('participants.introPrescriber');
  return (
    <section className="card" aria-labelledby="participants-title" aria-busy={loaded.loading}>
      <h2 id="participants-title">{t('participants.title')}</h2>
      <p className="help">{intro}</p>
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      {loaded.loading && !loaded.data && <Loading />}
      {loaded.data && items.length === 0 && (
        <p className="empty">{everyone ? t('participants.empty') : t('participants.emptyOwn')}</p>
      )}
      {items.length > 0 && (
        <>
          <p className="results-count">{t('participants.count', { count: items.length })}</p>
          <ul className="participant-list" aria-labelledby="participants-title">
            {items.map((participant) => (
              <li key={participant.beneficiaryId}>{listedName(participant)}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
