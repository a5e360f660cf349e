/**
 * The staff's follow-ups (`/suivis?liste=&programme=`): « À contacter » (no e-mail: print the letter or
 * call), « Sans réponse » (the call list, with the phone), « Aide demandée » (the person wants a call) and
 * « Tous », for the caller's organisations; a programme filter; page after page; an empty state per list.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { downloadLetter, FollowUpStatusBadge } from '../components/followup/parts.tsx';
import { EmptyState } from '../components/help.tsx';
import { formatDay, todayDay } from '../components/inventory.tsx';
import { ShowMore, usePagedList } from '../components/lists.tsx';
import { ErrorAlert, Loading, Page, TableScroll, useAnnounce, useLoad } from '../components/ui.tsx';
import { type FollowUpFilter, type FollowUpLine, followUpApi } from '../followUpApi.ts';
import { peopleApi } from '../peopleApi.ts';

const PAGE_SIZE = 50;
const TABS = ['to_contact', 'no_answer', 'help', 'all'] as const;
type Tab = (typeof TABS)[number];

/** What a social worker may fill in: sent, to contact, without an answer, or planned and already due. */
function fillable(line: FollowUpLine): boolean {
  if (line.status === 'scheduled') return line.dueOn <= todayDay();
  return line.status === 'sent' || line.status === 'to_contact' || line.status === 'no_answer';
}

function tabOf(value: string | null): Tab {
  return TABS.find((tab) => tab === value) ?? 'to_contact';
}

export default function FollowUps() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [params, setParams] = useSearchParams();
  const tab = tabOf(params.get('liste'));
  const programmeId = params.get('programme') ?? '';
  const status: FollowUpFilter | undefined = tab === 'all' ? undefined : tab;
  const callList = tab === 'to_contact' || tab === 'no_answer';
  const query = {
    ...(status ? { status } : {}),
    ...(programmeId ? { programmeId } : {}),
    limit: PAGE_SIZE,
  };
  const first = useLoad((signal) => followUpApi.list(query, signal), [tab, programmeId]);
  const list = usePagedList(first.data, (cursor) => followUpApi.list({ ...query, cursor }));
  const programmes = useLoad((signal) => peopleApi.programmes({ limit: 100 }, signal), []);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const announce = useAnnounce();

  function set(changes: Record<string, string>) {
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

  async function letter(line: FollowUpLine) {
    if (busy) return;
    setBusy(line.id);
    setError(null);
    try {
      await downloadLetter(line.id, t('followup.list.letterFile'));
      // The row changes in place (a follow-up to contact counts as sent, as the server records it): the
      // list keeps its pages and the focus stays on the button pressed.
      const becomesSent = line.status === 'to_contact' || line.status === 'scheduled';
      if (becomesSent) {
        list.setItems((items) => items.map((l) => (l.id === line.id ? { ...l, status: 'sent' } : l)));
      }
      announce(
        t(becomesSent ? 'followup.list.letterReadySent' : 'followup.list.letterReady', {
          name: line.personName,
        }),
      );
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }

  return (
    <Page title={t('followup.list.title')}>
      <p className="page-intro">{t('followup.list.intro')}</p>
      <nav aria-label={t('followup.list.tabsLabel')} className="followup-tabs">
        <ul>
          {TABS.map((value) => (
            <li key={value}>
              <Link
                to={{
                  search: new URLSearchParams({
                    liste: value,
                    ...(programmeId ? { programme: programmeId } : {}),
                  }).toString(),
                }}
                replace
                aria-current={tab === value ? 'page' : undefined}
              >
                {t(`followup.list.tabs.${value}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p className="help">{t(`followup.list.tabHelp.${tab}`)}</p>
      <div className="filters">
        <div className="field">
          <label htmlFor="followups-programme">{t('followup.list.programme')}</label>
          <select
            id="followups-programme"
            value={programmeId}
            onChange={(event) => set({ programme: event.target.value })}
          >
            <option value="">{t('followup.list.allProgrammes')}</option>
            {(programmes.data?.items ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ErrorAlert error={first.error} onRetry={first.reload} />
      <ErrorAlert error={error} />
      {first.loading && list.items.length === 0 && <Loading />}
      <p className="results-count" role="status">
        {first.data && !first.loading
          ? t(list.nextCursor ? 'followup.list.resultsMore' : 'followup.list.results', {
              count: list.items.length,
            })
          : ''}
      </p>
      {first.data && !first.loading && list.items.length === 0 && (
        <EmptyState message={t(`followup.list.empty.${tab}`)} />
      )}
      {list.items.length > 0 && (
        <TableScroll label={t('followup.list.caption')}>
          <table aria-busy={first.loading}>
            <caption className="visually-hidden">{t('followup.list.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('followup.list.colPerson')}</th>
                {callList && <th scope="col">{t('followup.list.colPhone')}</th>}
                <th scope="col">{t('followup.list.colProgramme')}</th>
                <th scope="col">{t('followup.list.colDue')}</th>
                <th scope="col">{t('followup.list.colStatus')}</th>
                <th scope="col">{t('followup.list.colActions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((line) => (
                <tr key={line.id}>
                  <th scope="row">
                    <Link to={`/beneficiaires/${line.beneficiaryId}`}>{line.personName}</Link>
                  </th>
                  {callList && (
                    <td className="nowrap">
                      {line.phone ? (
                        <a href={`tel:${line.phone.replace(/[^\d+]/g, '')}`}>{line.phone}</a>
                      ) : (
                        <span className="muted">{t('followup.list.noPhone')}</span>
                      )}
                    </td>
                  )}
                  <td>{line.programmeName}</td>
                  <td>
                    <span className="nowrap">{formatDay(line.dueOn, language)}</span>
                    <br />
                    <span className="muted small">{t('followup.monthsAfter', { count: line.months })}</span>
                  </td>
                  <td>
                    <FollowUpStatusBadge status={line.status} />
                    {line.helpContact && (
                      <>
                        {' '}
                        <span className="tag">{t('followup.list.helpAsked')}</span>
                      </>
                    )}
                  </td>
                  <td>
                    <div className="row-actions">
                      {fillable(line) && (
                        <Link
                          className="button button-small button-primary"
                          to={`/suivis/${line.id}/repondre?personne=${line.beneficiaryId}`}
                          aria-label={t('followup.list.fillInOf', { name: line.personName })}
                        >
                          {t('followup.list.fillIn')}
                        </Link>
                      )}
                      {(line.status === 'to_contact' ||
                        line.status === 'no_answer' ||
                        line.status === 'sent') && (
                        <button
                          type="button"
                          className="button button-small button-secondary"
                          aria-disabled={busy !== null}
                          aria-label={t('followup.list.letterOf', { name: line.personName })}
                          onClick={() => void letter(line)}
                        >
                          {busy === line.id ? t('common.loading') : t('followup.list.letter')}
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <ShowMore list={list} />
    </Page>
  );
}
