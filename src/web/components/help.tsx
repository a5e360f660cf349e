/**
 * In-app help: the « Aide » link to a screen's page of the user guide, the empty state of a list (what it
 * will hold, what to do next) and a disclosure holding the explanation of a complex field.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type GuidePage, guideHref } from '../../lib/guide-pages.ts';

/**
 * A link to a page of the user guide, in the interface language. The guide is served by the server, not
 * by the app's router, so this is a plain link; it opens in a new tab so that a half-filled form stays.
 */
export function HelpLink({ page, className }: { page: GuidePage; className?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <a
      href={guideHref(page, i18n.language)}
      target="_blank"
      rel="noopener"
      className={className ?? 'help-link'}
      data-guide-page={page}
    >
      <span aria-hidden="true" className="help-link-icon">
        ?
      </span>
      {t('help.link')}
      <span className="visually-hidden">
        {' '}
        {t('help.about', { page: t(`help.pages.${page}`) })} {t('help.newTab')}
      </span>
    </a>
  );
}

/**
 * What an empty list says: what it will hold and what to do next (`actions`: links or buttons the person
 * may use), or — when a search or filters found nothing — that nothing matched, with a way to clear them.
 */
export function EmptyState({
  message,
  next,
  actions,
  filtered,
  onClear,
}: {
  /** What the list holds when it has something, said as "nothing yet". */
  message: ReactNode;
  /** The next step, in a sentence. */
  next?: ReactNode;
  /** Links or buttons for that step (only those the person may use). */
  actions?: ReactNode;
  /** A search or filters are applied: `message` should then say that nothing matched. */
  filtered?: boolean;
  /** Clears the search and filters (shown when `filtered`). */
  onClear?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="empty empty-state">
      <p>{message}</p>
      {filtered ? (
        onClear && (
          <div className="actions">
            <button type="button" className="button button-secondary" onClick={onClear}>
              {t('help.clearFilters')}
            </button>
          </div>
        )
      ) : (
        <>
          {next && <p>{next}</p>}
          {actions && <div className="actions">{actions}</div>}
        </>
      )}
    </div>
  );
}

/** An explanation folded under a short question, for forms whose fields need more than a label. */
export function HelpDetails({
  summary,
  children,
  id,
}: {
  summary: string;
  children: ReactNode;
  id?: string;
}) {
  return (
    <details className="help-details" id={id}>
      <summary className="help-details-summary">{summary}</summary>
      <div className="help-details-body">{children}</div>
    </details>
  );
}
