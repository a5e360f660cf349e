/**
 * Small building blocks shared by the pages: page frame (title, heading, focus), loading and error
 * messages, the screen-reader announcer, date formatting, data loading and a copy-to-clipboard field.
 */
import {
  createContext,
  type DependencyList,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { GuidePage } from '../../lib/guide-pages.ts';
import { SEARCH_MAX_LENGTH } from '../../lib/limits.ts';
import { ApiError, isAbort } from '../api.ts';
import { HelpLink } from './help.tsx';

// ---- Announcements for screen readers -------------------------------------------------------------

const AnnounceContext = createContext<(message: string) => void>(() => {});

/** A visually hidden polite live region; `useAnnounce()` speaks a message through it. */
export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState('');
  const timer = useRef<number | undefined>(undefined);
  const announce = useCallback((text: string) => {
    // Empty first, so that the same sentence said twice is read twice.
    setMessage('');
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setMessage(text), 60);
  }, []);
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <div className="visually-hidden" aria-live="polite" aria-atomic="true">
        {message}
      </div>
    </AnnounceContext.Provider>
  );
}

export function useAnnounce(): (message: string) => void {
  return useContext(AnnounceContext);
}

// ---- Page frame -------------------------------------------------------------------------------------

let firstPage = true;

/** Sets the tab title to "<title> – Seconde Vie". */
export function useDocumentTitle(title: string): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t('app.pageTitle', { title });
  }, [t, title]);
}

/**
 * One page: its `<title>`, its single `<h1>`, and — after a navigation inside the app — focus on that
 * heading, so screen-reader and keyboard users start reading the new page from its top. `help` names the
 * user guide's page for this screen: an « Aide » link beside the heading.
 */
export function Page({
  title,
  heading,
  children,
  className,
  help,
}: {
  title: string;
  /** The visible heading when it differs from the tab title. */
  heading?: ReactNode;
  children?: ReactNode;
  className?: string;
  help?: GuidePage | undefined;
}) {
  useDocumentTitle(title);
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (firstPage) {
      firstPage = false;
      return;
    }
    ref.current?.focus({ preventScroll: false });
  }, []);
  return (
    <div className={className ? `page ${className}` : 'page'}>
      {help ? (
        <div className="page-heading">
          <h1 ref={ref} tabIndex={-1}>
            {heading ?? title}
          </h1>
          <HelpLink page={help} />
        </div>
      ) : (
        <h1 ref={ref} tabIndex={-1}>
          {heading ?? title}
        </h1>
      )}
      {children}
    </div>
  );
}

// ---- Status messages --------------------------------------------------------------------------------

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </p>
  );
}

/** The message of any error, as the person should read it. */
export function errorText(error: unknown, fallback: string): string {
  if (error instanceof ApiError) return error.detail;
  return fallback;
}

/** An error announced as soon as it appears. */
export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <div className="alert alert-error" role="alert">
      <p>{errorText(error, t('errors.unexpected'))}</p>
      {onRetry && (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

/** A success message, read politely. */
export function SuccessNotice({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <div className="alert alert-success" role="status">
      <p>{children}</p>
    </div>
  );
}

// ---- Data loading -------------------------------------------------------------------------------------

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
  setData(value: T): void;
}

/** Runs `load` when the deps change (aborting the previous call); keeps the last result and error. */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller lists what `load` depends on.
  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    load(controller.signal)
      .then((value) => {
        if (!controller.signal.aborted) setData(value);
      })
      .catch((err: unknown) => {
        if (!controller.signal.aborted && !isAbort(err)) setError(err);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [...deps, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, loading, reload, setData };
}

// ---- Dates ----------------------------------------------------------------------------------------------

function locale(language: string): string {
  return language === 'en' ? 'en-GB' : 'fr-FR';
}

export function formatDateTime(value: string | Date, language: string): string {
  return new Intl.DateTimeFormat(locale(language), { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(value),
  );
}

export function formatDate(value: string | Date, language: string): string {
  return new Intl.DateTimeFormat(locale(language), { dateStyle: 'long' }).format(new Date(value));
}

/** A `<time>` element with the instant formatted in the interface language. */
export function DateTime({ value, dateOnly }: { value: string; dateOnly?: boolean }) {
  const { i18n } = useTranslation();
  return (
    <time dateTime={value}>
      {dateOnly ? formatDate(value, i18n.language) : formatDateTime(value, i18n.language)}
    </time>
  );
}

// ---- Tables ---------------------------------------------------------------------------------------------

/** A table's frame: scrolls sideways on narrow screens, and can be scrolled with the keyboard. */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard.
    <section className="table-scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}

// ---- Copy to clipboard --------------------------------------------------------------------------------

async function copyText(text: string, input: HTMLInputElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Fall back to the selection below.
  }
  if (!input) return false;
  input.focus();
  input.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  }
}

/** A read-only field holding a secret or a link, with a "Copy" button. */
export function CopyField({ label, value, help }: { label: string; value: string; help?: ReactNode }) {
  const { t } = useTranslation();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <div className="field copy-field">
      <label htmlFor={id}>{label}</label>
      {help && (
        <p className="help" id={`${id}-help`}>
          {help}
        </p>
      )}
      <div className="copy-row">
        <input
          id={id}
          ref={inputRef}
          type="text"
          readOnly
          value={value}
          spellCheck={false}
          autoComplete="off"
          onFocus={(event) => event.currentTarget.select()}
          {...(help ? { 'aria-describedby': `${id}-help` } : {})}
        />
        <button
          type="button"
          className="button button-secondary"
          onClick={async () => setStatus((await copyText(value, inputRef.current)) ? 'copied' : 'failed')}
        >
          {t('common.copy')}
        </button>
      </div>
      <p className="copy-status" role="status">
        {status === 'copied' ? t('common.copied') : status === 'failed' ? t('common.copyFailed') : ''}
      </p>
    </div>
  );
}

export interface SearchBoxProps {
  id: string;
  label: string;
  /** A sentence under the label saying what the search looks in. */
  help?: string;
  buttonLabel: string;
  value: string;
  onChange: (value: string) => void;
  busy?: boolean;
}

/** The search field of a list page, with its button; the surrounding `<form role="search">` submits it. */
export function SearchBox({ id, label, help, buttonLabel, value, onChange, busy }: SearchBoxProps) {
  return (
    <div className="field field-grow">
      <label htmlFor={id}>{label}</label>
      {help && (
        <p className="help" id={`${id}-help`}>
          {help}
        </p>
      )}
      <div className="input-with-button">
        <input
          id={id}
          type="search"
          value={value}
          maxLength={SEARCH_MAX_LENGTH}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => onChange(event.target.value)}
          aria-describedby={help ? `${id}-help` : undefined}
        />
        <button type="submit" className="button button-secondary" aria-disabled={busy}>
          {buttonLabel}
        </button>
      </div>
    </div>
  );
}
