/**
 * Figures as the reports show them, in the interface's language: whole numbers, kilograms, euros,
 * shares as percentages with their base, and counts of people the API masked (`"<5"`).
 */
import { useTranslation } from 'react-i18next';
import { type PeopleCount, SMALL_COUNT } from '../../reportsApi.ts';

function locale(language: string): string {
  return language === 'en' ? 'en-GB' : 'fr-FR';
}

/** "1 234", "12,5". */
export function formatCount(value: number, language: string): string {
  return new Intl.NumberFormat(locale(language), { maximumFractionDigits: 1 }).format(value);
}

/** "130 €", "88,50 €". */
export function formatEuros(cents: number, language: string): string {
  return new Intl.NumberFormat(locale(language), {
    style: 'currency',
    currency: 'EUR',
    minimumFractionDigits: cents % 100 === 0 ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(cents / 100);
}

/** A fraction 0..1 as "80 %" (one decimal at most). */
export function formatShare(fraction: number, language: string): string {
  return new Intl.NumberFormat(locale(language), { style: 'percent', maximumFractionDigits: 1 }).format(
    fraction,
  );
}

/** A calendar day (YYYY-MM-DD) as people write it, without any time-zone shift. */
export function formatReportDay(day: string, language: string): string {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  return new Intl.DateTimeFormat(locale(language), { dateStyle: 'long' }).format(new Date(y, m - 1, d));
}

/** A month (YYYY-MM) as "janv. 2026". */
export function formatMonth(month: string, language: string): string {
  const [y, m] = month.split('-').map(Number);
  if (!y || !m) return month;
  return new Intl.DateTimeFormat(locale(language), { month: 'short', year: 'numeric' }).format(
    new Date(y, m - 1, 1),
  );
}

/** A count of people as a number, or null when the API masked it. */
export function countOf(value: PeopleCount): number | null {
  return value === SMALL_COUNT ? null : value;
}

/**
 * A count of people: the number, or « < 5 » when the API masked it — read « moins de 5 » by screen
 * readers, as the symbol alone is often read badly or not at all.
 */
export function PeopleFigure({ value }: { value: PeopleCount }) {
  const { t, i18n } = useTranslation();
  if (value !== SMALL_COUNT) return <>{formatCount(value, i18n.language)}</>;
  return (
    <span className="masked-count">
      <span aria-hidden="true">{t('reports.maskedShort')}</span>
      <span className="visually-hidden">{t('reports.maskedSpoken')}</span>
    </span>
  );
}

/** "25 % (3 sur 12)": a share always shown with its base. */
export function ShareOf({ count, base }: { count: number; base: number }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <>
      {t('reports.shareOf', {
        share: formatShare(base > 0 ? count / base : 0, language),
        count: formatCount(count, language),
        base: formatCount(base, language),
      })}
    </>
  );
}
