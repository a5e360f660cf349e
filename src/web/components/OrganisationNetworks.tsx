/**
 * The networks an organisation belongs to, is invited to or asked to join (« Réseaux »), on its page:
 * its administrators accept an invitation from a coordinator, or leave a network, from here.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organisation } from '../api.ts';
import { reportsApi } from '../reportsApi.ts';
import { ConfirmButton } from './forms.tsx';
import { DateTime, ErrorAlert, Loading, SuccessNotice, TableScroll, useLoad } from './ui.tsx';

export function OrganisationNetworks({
  organisation,
  canManage,
}: {
  organisation: Organisation;
  /** Administrators of the organisation (or of the platform) accept and leave. */
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const loaded = useLoad(
    (signal) => reportsApi.networksOf(organisation.id, signal),
    [organisation.id, version],
  );
  const items = loaded.data?.items ?? [];

  async function accept(coordinatorId: string, coordinatorName: string) {
    setBusy(coordinatorId);
    setError(null);
    try {
      await reportsApi.agreeToMembership(coordinatorId, organisation.id);
      setNotice(t('orgNetworks.accepted', { name: coordinatorName }));
      setVersion((v) => v + 1);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="card" aria-labelledby="networks-title">
      <h2 id="networks-title">{t('orgNetworks.title')}</h2>
      <p className="muted">{t('orgNetworks.intro')}</p>
      <SuccessNotice>{notice}</SuccessNotice>
      <ErrorAlert error={error ?? loaded.error} onRetry={error ? undefined : loaded.reload} />
      {loaded.loading && !loaded.data && <Loading />}
      {loaded.data && items.length === 0 && <p>{t('orgNetworks.empty')}</p>}
      {items.length > 0 && (
        <TableScroll label={t('orgNetworks.caption')}>
          <table>
            <caption>{t('orgNetworks.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('orgNetworks.colCoordinator')}</th>
                <th scope="col">{t('orgNetworks.colStatus')}</th>
                <th scope="col">{t('orgNetworks.colSince')}</th>
                {canManage && <th scope="col">{t('orgNetworks.colActions')}</th>}
              </tr>
            </thead>
            <tbody>
              {items.map((network) => (
                <tr key={network.coordinatorOrganisationId}>
                  <th scope="row">{network.coordinatorName}</th>
                  <td>{t(`orgNetworks.status.${network.status}`)}</td>
                  <td>
                    <DateTime value={network.addedAt} dateOnly />
                  </td>
                  {canManage && (
                    <td>
                      <div className="row-actions">
                        {network.status === 'invited' && (
                          <button
                            type="button"
                            className="button button-primary"
                            disabled={busy !== null}
                            aria-label={t('orgNetworks.acceptOf', { name: network.coordinatorName })}
                            onClick={() =>
                              void accept(network.coordinatorOrganisationId, network.coordinatorName)
                            }
                          >
                            {t('orgNetworks.accept')}
                          </button>
                        )}
                        <ConfirmButton
                          label={t(
                            network.status === 'invited' ? 'orgNetworks.decline' : 'orgNetworks.leave',
                          )}
                          ariaLabel={t(
                            network.status === 'invited' ? 'orgNetworks.declineOf' : 'orgNetworks.leaveOf',
                            { name: network.coordinatorName },
                          )}
                          title={t('orgNetworks.leaveTitle')}
                          message={<p>{t('orgNetworks.leaveText', { name: network.coordinatorName })}</p>}
                          confirmLabel={t(
                            network.status === 'invited' ? 'orgNetworks.decline' : 'orgNetworks.leave',
                          )}
                          onConfirm={async () => {
                            await reportsApi.removeMember(network.coordinatorOrganisationId, organisation.id);
                            setNotice(t('orgNetworks.left', { name: network.coordinatorName }));
                            setVersion((v) => v + 1);
                          }}
                        />
                      </div>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
