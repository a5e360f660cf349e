/**
 * The e-mail confirmation link of an association's registration (`/associations/confirmer/<token>`, no
 * account). Confirms on opening (the server answers the same if the link is opened twice), then says what
 * happens next; an expired link says to register again, an unknown one says so.
 */
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../api.ts';
import { ErrorAlert, Loading, Page, useLoad } from '../components/ui.tsx';
import { portalApi } from '../portalApi.ts';

export default function PortalConfirm() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const loaded = useLoad(() => portalApi.confirm(token), [token]);
  const status = loaded.error instanceof ApiError ? loaded.error.status : null;

  if (status === 410) {
    return (
      <Page title={t('portal.confirm.expiredTitle')} className="page-narrow">
        <p>{t('portal.confirm.expiredText')}</p>
      </Page>
    );
  }
  if (status === 404) {
    return (
      <Page title={t('portal.confirm.unknownTitle')} className="page-narrow">
        <p>{t('portal.confirm.unknownText')}</p>
      </Page>
    );
  }
  const confirmation = loaded.data;
  if (confirmation) {
    return (
      <Page title={t('portal.confirm.pendingTitle')} className="page-narrow">
        <p className="alert alert-success">
          {t('portal.confirm.pendingText', {
            programme: confirmation.programmeName,
            organisation: confirmation.organisationName,
          })}
        </p>
      </Page>
    );
  }
  return (
    <Page title={t('portal.confirm.title')} className="page-narrow">
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      {loaded.loading && <Loading label={t('portal.confirm.confirming')} />}
    </Page>
  );
}
