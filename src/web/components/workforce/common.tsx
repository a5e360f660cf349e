/** What the workforce pages share: the organisation they show, day and hour formats, small pieces. */
import { useTranslation } from 'react-i18next';
import type { Membership } from '../../api.ts';
import { useSession } from '../../session.tsx';
import { type ContractType, hoursText, INSERTION_TYPES, type Production, STEPS } from './api.ts';

const MANAGING = new Set(['admin', 'manager']);

/** The refurbishers in which the account is an administrator or a manager. */
export function workforceMemberships(memberships: readonly Membership[]): Membership[] {
  return memberships.filter((m) => MANAGING.has(m.role) && m.organisation.kinds.includes('refurbisher'));
}

/** The organisation the pages show: the current one when the account manages it, else the first it manages. */
export function useWorkforceOrganisation(): { id: string; name: string } | null {
  const { me, currentOrganisationId } = useSession();
  const managed = workforceMemberships(me?.memberships ?? []);
  const chosen = managed.find((m) => m.organisation.id === currentOrganisationId) ?? managed[0];
  return chosen ? { id: chosen.organisation.id, name: chosen.organisation.name } : null;
}

/**
 * A calendar day (YYYY-MM-DD) in the interface's language, without time-zone shifts; in French the first
 * day of a month is an ordinal: « 1er janv. 2026 », « 2 janv. 2026 ».
 */
export function dayText(day: string, language: string): string {
  const parts = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'fr-FR', {
    dateStyle: 'medium',
    timeZone: 'UTC',
  }).formatToParts(new Date(`${day}T00:00:00Z`));
  return parts
    .map((p) => (p.type === 'day' && language !== 'en' && Number(p.value) === 1 ? '1er' : p.value))
    .join('');
}

/** « de » before a name, elided where French elides it (shared with other pages). */
export { deName } from '../french.ts';

/** Today's calendar day in the browser's time zone. */
export function todayDay(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

/** Minutes as a form field shows them: « 26 », « 26,5 » (English « 26.5 »), read back by `parseHours`. */
export function hoursInputText(minutes: number, language: string): string {
  const hours = Math.round((minutes / 60) * 100) / 100;
  return language === 'en' ? String(hours) : String(hours).replace('.', ',');
}

export function useHours(): (minutes: number) => string {
  const { i18n } = useTranslation();
  return (minutes: number) => hoursText(minutes, i18n.language);
}

/** A contract's type, with an « Insertion » tag for the types that count. */
export function ContractTypeText({ type }: { type: ContractType }) {
  const { t } = useTranslation();
  return (
    <>
      {t(`workforce.contractTypes.${type}`)}
      {INSERTION_TYPES.includes(type) && ' '}
      {INSERTION_TYPES.includes(type) && <span className="tag">{t('workforce.insertionTag')}</span>}
    </>
  );
}

/** A contract's dates: « du 1er janv. 2026 au 31 déc. 2026 » or « depuis le 1 janv. 2026 ». */
export function ContractDates({ startsOn, endsOn }: { startsOn: string; endsOn: string | null }) {
  const { t, i18n } = useTranslation();
  const from = dayText(startsOn, i18n.language);
  return (
    <>
      {endsOn
        ? t('workforce.dates', { from, to: dayText(endsOn, i18n.language) })
        : t('workforce.datesOpen', { from })}
    </>
  );
}

/** Production counts as a short list: « Diagnostiqués 2, Effacés 2… ». */
export function ProductionText({ production }: { production: Production }) {
  const { t } = useTranslation();
  return <>{STEPS.map((step) => `${t(`workforce.steps.${step}`)} ${production[step]}`).join(', ')}</>;
}

/** Done / required hours as a progress bar with its text. */
export function ClauseProgress({
  name,
  doneMinutes,
  requiredHours,
}: {
  name: string;
  doneMinutes: number;
  requiredHours: number;
}) {
  const { t, i18n } = useTranslation();
  const hours = useHours();
  const required = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'fr-FR').format(requiredHours);
  const percent = Math.min(100, Math.round((doneMinutes / 60 / requiredHours) * 100));
  const id = `clause-progress-${name.replace(/\W+/g, '-')}`;
  return (
    <div className="upload-progress">
      <span id={id}>{t('workforce.clauses.progress', { done: hours(doneMinutes), required, percent })}</span>
      <progress
        max={requiredHours * 60}
        value={Math.min(doneMinutes, requiredHours * 60)}
        aria-label={t('workforce.clauses.progressLabel', { name })}
        aria-describedby={id}
      />
    </div>
  );
}
