/**
 * Every account of the instance, for platform administrators: search by name or e-mail, "show more"
 * pages, and per account rename, disable / re-enable and grant / remove platform administration (the
 * last two after a confirmation). The search lives in the address (?q=) so that Back works.
 */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NAME_MAX_LENGTH } from '../../lib/limits.ts';
import { type Account, type AccountPatch, api } from '../api.ts';
import { ConfirmButton, SubmitButton } from '../components/forms.tsx';
import { useAddressSearch } from '../components/lists.tsx';
import {
  ErrorAlert,
  formatDate,
  Loading,
  Page,
  SearchBox,
  SuccessNotice,
  TableScroll,
  useAnnounce,
  useLoad,
} from '../components/ui.tsx';
import { useMe, useSession } from '../session.tsx';

const PAGE_SIZE = 50;

function AccountState({ account }: { account: Account }) {
  const { t } = useTranslation();
  if (account.disabled) return <span className="status status-off">{t('accounts.disabled')}</span>;
  if (!account.active) return <span className="status status-pending">{t('accounts.pending')}</span>;
  return <span className="status status-ok">{t('accounts.active')}</span>;
}

function AccountRow({
  account,
  isMe,
  onChanged,
  onError,
}: {
  account: Account;
  isMe: boolean;
  onChanged: (account: Account, message: string) => void;
  onError: (error: unknown) => void;
}) {
  const { t, i18n } = useTranslation();
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(account.name);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const renameRef = useRef<HTMLButtonElement>(null);
  const disabledToggleRef = useRef<HTMLSpanElement>(null);
  const adminToggleRef = useRef<HTMLSpanElement>(null);
  const focusAfter = useRef<HTMLSpanElement | null>(null);
  // The button pressed gives way to its opposite (Disable → Re-enable): keep the focus on that spot.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the account's state changes.
  useEffect(() => {
    const wrapper = focusAfter.current;
    if (!wrapper) return;
    focusAfter.current = null;
    const frame = window.requestAnimationFrame(() => {
      window.setTimeout(() => wrapper.querySelector('button')?.focus(), 0);
    });
    return () => window.cancelAnimationFrame(frame);
  }, [account.disabled, account.isPlatformAdmin]);
  useEffect(() => {
    if (renaming) inputRef.current?.focus();
  }, [renaming]);
  useEffect(() => setName(account.name), [account.name]);

  function stopRenaming() {
    setName(account.name);
    setRenaming(false);
    window.setTimeout(() => renameRef.current?.focus(), 0);
  }

  async function save(patch: AccountPatch, message: (changed: Account) => string) {
    if (busy) return;
    setBusy(true);
    try {
      const changed = await api.updateAccount(account.id, patch);
      if (patch.disabled !== undefined) focusAfter.current = disabledToggleRef.current;
      setRenaming(false);
      onChanged(changed, message(changed));
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  }

  /** For the confirmed actions: a refusal shows in the dialog, which stays open. */
  async function confirmed(patch: AccountPatch, message: (changed: Account) => string) {
    const changed = await api.updateAccount(account.id, patch);
    focusAfter.current = patch.disabled === undefined ? adminToggleRef.current : disabledToggleRef.current;
    onChanged(changed, message(changed));
  }

  const who = { name: account.name, email: account.email };
  return (
    <tr>
      <th scope="row">
        {renaming ? (
          <form
            className="inline-form"
            onSubmit={(event) => {
              event.preventDefault();
              const trimmed = name.trim();
              if (!trimmed || trimmed === account.name) {
                stopRenaming();
                return;
              }
              void save({ name: trimmed }, (changed) => t('accounts.renamed', { name: changed.name }));
            }}
          >
            <label htmlFor={`account-name-${account.id}`} className="visually-hidden">
              {t('accounts.newName', { name: account.name })}
            </label>
            <input
              id={`account-name-${account.id}`}
              ref={inputRef}
              type="text"
              value={name}
              required
              maxLength={NAME_MAX_LENGTH}
              autoComplete="off"
              onChange={(event) => setName(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Escape') stopRenaming();
              }}
            />
            <SubmitButton busy={busy} small>
              {t('common.save')}
            </SubmitButton>
            <button type="button" className="button button-small button-secondary" onClick={stopRenaming}>
              {t('common.cancel')}
            </button>
          </form>
        ) : (
          <>
            {account.name} {isMe && <span className="muted">{t('accounts.you')}</span>}
          </>
        )}
      </th>
      <td className="nowrap">{account.email}</td>
      <td>
        <AccountState account={account} />
      </td>
      <td>{account.isPlatformAdmin ? t('common.yes') : t('common.no')}</td>
      <td className="nowrap">{formatDate(account.createdAt, i18n.language)}</td>
      <td>
        <div className="row-actions">
          {!renaming && (
            <button
              type="button"
              ref={renameRef}
              className="button button-small button-secondary"
              aria-label={t('accounts.renameOf', { name: account.name })}
              onClick={() => setRenaming(true)}
            >
              {t('accounts.rename')}
            </button>
          )}
          <span ref={disabledToggleRef} className="contents">
            {account.disabled ? (
              <button
                type="button"
                className="button button-small button-secondary"
                aria-label={t('accounts.enableOf', { name: account.name })}
                aria-disabled={busy}
                onClick={() =>
                  void save({ disabled: false }, (changed) =>
                    t('accounts.enabledDone', { name: changed.name }),
                  )
                }
              >
                {t('accounts.enable')}
              </button>
            ) : (
              !isMe && (
                <ConfirmButton
                  label={t('accounts.disable')}
                  ariaLabel={t('accounts.disableOf', { name: account.name })}
                  title={t('accounts.disableTitle')}
                  message={<p>{t('accounts.disableText', who)}</p>}
                  confirmLabel={t('accounts.disableConfirm')}
                  onConfirm={() =>
                    confirmed({ disabled: true }, (changed) =>
                      t('accounts.disabledDone', { name: changed.name }),
                    )
                  }
                />
              )
            )}
          </span>
          <span ref={adminToggleRef} className="contents">
            {account.isPlatformAdmin
              ? !isMe && (
                  <ConfirmButton
                    label={t('accounts.demote')}
                    ariaLabel={t('accounts.demoteOf', { name: account.name })}
                    title={t('accounts.demoteTitle')}
                    message={<p>{t('accounts.demoteText', who)}</p>}
                    confirmLabel={t('accounts.demoteConfirm')}
                    onConfirm={() =>
                      confirmed({ isPlatformAdmin: false }, (changed) =>
                        t('accounts.demoted', { name: changed.name }),
                      )
                    }
                  />
                )
              : !account.disabled && (
                  <ConfirmButton
                    label={t('accounts.promote')}
                    ariaLabel={t('accounts.promoteOf', { name: account.name })}
                    title={t('accounts.promoteTitle')}
                    message={<p>{t('accounts.promoteText', who)}</p>}
                    confirmLabel={t('accounts.promoteConfirm')}
                    danger={false}
                    className="button button-small button-secondary"
                    onConfirm={() =>
                      confirmed({ isPlatformAdmin: true }, (changed) =>
                        t('accounts.promoted', { name: changed.name }),
                      )
                    }
                  />
                )}
          </span>
        </div>
      </td>
    </tr>
  );
}

function AccountList() {
  const { t } = useTranslation();
  const session = useSession();
  const me = useMe();
  const announce = useAnnounce();
  const { q, text, setText, search } = useAddressSearch();
  const [items, setItems] = useState<Account[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [moreBusy, setMoreBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');

  const first = useLoad((signal) => api.accounts({ q, limit: PAGE_SIZE }, signal), [q]);
  useEffect(() => {
    if (!first.data) return;
    setItems(first.data.items);
    setNextCursor(first.data.nextCursor);
  }, [first.data]);

  async function showMore() {
    if (!nextCursor || moreBusy) return;
    setMoreBusy(true);
    setActionError(null);
    try {
      const page = await api.accounts({ q, limit: PAGE_SIZE, cursor: nextCursor });
      setItems((previous) => [...previous, ...page.items]);
      setNextCursor(page.nextCursor);
      announce(t('common.moreLoaded', { count: page.items.length }));
    } catch (err) {
      setActionError(err);
    } finally {
      setMoreBusy(false);
    }
  }

  return (
    <>
      {/* biome-ignore lint/a11y/useSemanticElements: older browsers know role=search, not <search>. */}
      <form
        className="card filters"
        role="search"
        aria-label={t('accounts.filters')}
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          search(text.trim());
        }}
      >
        <SearchBox
          id="account-search"
          label={t('accounts.searchLabel')}
          buttonLabel={t('accounts.search')}
          value={text}
          onChange={setText}
        />
      </form>

      <section className="results" aria-busy={first.loading} aria-labelledby="account-results-count">
        <ErrorAlert error={first.error} onRetry={first.reload} />
        <ErrorAlert error={actionError} />
        <SuccessNotice>{notice}</SuccessNotice>
        {first.loading && items.length === 0 && <Loading />}
        <p id="account-results-count" className="results-count" role="status">
          {first.data ? t('accounts.results', { count: items.length }) : ''}
        </p>
        {first.data && items.length === 0 && !first.loading && (
          <p className="empty">{q ? t('accounts.empty') : t('accounts.emptyAll')}</p>
        )}
        {items.length > 0 && (
          <TableScroll label={t('accounts.caption')}>
            <table>
              <caption className="visually-hidden">{t('accounts.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('accounts.colName')}</th>
                  <th scope="col">{t('accounts.colEmail')}</th>
                  <th scope="col">{t('accounts.colState')}</th>
                  <th scope="col">{t('accounts.colPlatformAdmin')}</th>
                  <th scope="col">{t('accounts.colCreatedAt')}</th>
                  <th scope="col">{t('accounts.colActions')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((account) => (
                  <AccountRow
                    key={account.id}
                    account={account}
                    isMe={account.id === me.user.id}
                    onError={(err) => {
                      setNotice('');
                      setActionError(err);
                    }}
                    onChanged={(changed, message) => {
                      setItems((previous) => previous.map((a) => (a.id === changed.id ? changed : a)));
                      setActionError(null);
                      setNotice(message);
                      if (changed.id === me.user.id) void session.refresh();
                    }}
                  />
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {nextCursor && (
          <button
            type="button"
            className="button button-secondary"
            onClick={showMore}
            aria-disabled={moreBusy}
          >
            {moreBusy ? t('common.loading') : t('common.showMore')}
          </button>
        )}
      </section>
    </>
  );
}

export default function Accounts() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Page title={t('accounts.title')}>
      <p>{t('accounts.intro')}</p>
      {me.user.isPlatformAdmin ? (
        <AccountList />
      ) : (
        <p className="alert alert-info">{t('accounts.forbidden')}</p>
      )}
    </Page>
  );
}
