/**
 * The state of the list pages: filters and search kept in the address (a typed search applies after a
 * short pause), and the items shown page after page with "show more".
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Page } from '../api.ts';
import { ErrorAlert, useAnnounce } from './ui.tsx';

// ---- Filters in the address ------------------------------------------------------------------------------

export interface AddressSearch {
  /** The address's query string. */
  params: URLSearchParams;
  /** The search applied (`?q=`). */
  q: string;
  /** What the search box holds. */
  text: string;
  setText: (text: string) => void;
  /** Sets (a value) or removes (empty or `undefined`) parameters of the address, replacing its entry. */
  update: (changes: Record<string, string | undefined>) => void;
  /** Searches for `value` at once (Enter). */
  search: (value: string) => void;
  /** Notes `value` as the typed search, so that the box is not refilled when the address follows. */
  setTyped: (value: string) => void;
  /** Empties the box and replaces the address's parameters with what `keep` returns. */
  reset: (keep: (previous: URLSearchParams) => URLSearchParams) => void;
}

/**
 * The search box of a list page and the filters kept in the address (?q=…): typing searches after a
 * short pause, and the box shows the address's search when it changes by other means (Back, a link).
 */
export function useAddressSearch(): AddressSearch {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);

  function update(changes: Record<string, string | undefined>) {
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  }

  // The address changed by other means than typing (Back, a link): show its search in the box.
  const typedQuery = useRef(q);
  useEffect(() => {
    if (q === typedQuery.current) return;
    typedQuery.current = q;
    setText(q);
  }, [q]);

  function setTyped(value: string) {
    typedQuery.current = value;
  }

  function search(value: string) {
    typedQuery.current = value;
    update({ q: value });
  }

  function reset(keep: (previous: URLSearchParams) => URLSearchParams) {
    setText('');
    typedQuery.current = '';
    setParams(keep, { replace: true });
  }

  // Typing searches after a short pause.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the typed text starts the timer.
  useEffect(() => {
    const trimmed = text.trim();
    if (trimmed === q) return;
    const timer = window.setTimeout(() => search(trimmed), 400);
    return () => window.clearTimeout(timer);
  }, [text]);

  return { params, q, text, setText, update, search, setTyped, reset };
}

// ---- "Show more" lists -------------------------------------------------------------------------------------

export interface PagedList<T> {
  items: T[];
  setItems: (update: (items: T[]) => T[]) => void;
  nextCursor: string | null;
  moreBusy: boolean;
  moreError: unknown;
  showMore: () => Promise<void>;
}

/**
 * The items of a list shown page after page: `first` is the first page (from `useLoad`), `more` fetches
 * the page after a cursor. Announces how many items each "show more" added.
 */
export function usePagedList<T>(
  first: Page<T> | undefined,
  more: (cursor: string) => Promise<Page<T>>,
): PagedList<T> {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [items, setItemsState] = useState<T[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [moreBusy, setMoreBusy] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  // Which first page the list shows: a "show more" answer that comes back after the first page changed
  // (another filter, a reload) belongs to the old list and is dropped.
  const generation = useRef(0);
  useEffect(() => {
    if (!first) return;
    generation.current += 1;
    setItemsState(first.items);
    setNextCursor(first.nextCursor);
    setMoreError(null);
    setMoreBusy(false);
  }, [first]);
  const setItems = useCallback((update: (items: T[]) => T[]) => setItemsState(update), []);
  async function showMore() {
    if (!nextCursor || moreBusy) return;
    const startedWith = generation.current;
    setMoreBusy(true);
    setMoreError(null);
    try {
      const page = await more(nextCursor);
      if (generation.current !== startedWith) return;
      setItemsState((previous) => [...previous, ...page.items]);
      setNextCursor(page.nextCursor);
      announce(t('common.moreLoaded', { count: page.items.length }));
    } catch (err) {
      if (generation.current === startedWith) setMoreError(err);
    } finally {
      if (generation.current === startedWith) setMoreBusy(false);
    }
  }
  return { items, setItems, nextCursor, moreBusy, moreError, showMore };
}

/** The "show more" button of a paged list, and the failure of its last press. */
export function ShowMore({
  list,
}: {
  list: { nextCursor: string | null; moreBusy: boolean; moreError: unknown; showMore: () => Promise<void> };
}) {
  const { t } = useTranslation();
  return (
    <>
      <ErrorAlert error={list.moreError} />
      {list.nextCursor && (
        <button
          type="button"
          className="button button-secondary"
          onClick={() => void list.showMore()}
          aria-disabled={list.moreBusy}
        >
          {list.moreBusy ? t('common.loading') : t('common.showMore')}
        </button>
      )}
    </>
  );
}
