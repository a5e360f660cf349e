/**
 * The e-mail confirmation link of an association's registration (`/associations/confirmer/<token>`, no
 * account). Confirms on opening (opened again, the server changes nothing and says where the registration
 * stands), then says what happens next — or, once decided, that it was accepted (look for the invitation)
 * or refused (the e-mail gives the reason); an expired link says to register again, an unknown one says so.
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
      <Page help="inscrire-une-association" title={t('portal.confirm.expiredTitle')} className="page-narrow">
        <p>{t('portal.confirm.expiredText')}</p>
      </Page>
    );
  }
  if (status === 404) {
    return (
      <Page help="inscrire-une-association" title={t('portal.confirm.unknownTitle')} className="page-narrow">
        <p>{t('portal.confirm.unknownText')}</p>
      </Page>
    );
  }
  const confirmation = loaded.data;
  if (confirmation) {
    const words = { programme: confirmation.programmeName, organisation: confirmation.organisationName };
    const said = {
      pending: { title: t('portal.confirm.pendingTitle'), text: t('portal.confirm.pendingText', words) },
      approved: { title: t('portal.confirm.approvedTitle'), text: t('portal.confirm.approvedText', words) },
      refused: { title: t('portal.confirm.refusedTitle'), text: t('portal.confirm.refusedText', words) },
    }[confirmation.status];
    return (
      <Page help="inscrire-une-association" title={said.title} className="page-narrow">
        <p className={confirmation.status === 'refused' ? 'alert alert-info' : 'alert alert-success'}>
          {said.text}
        </p>
      </Page>
    );
  }
  return (
    <Page help="inscrire-une-association" title={t('portal.confirm.title')} className="page-narrow">
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      {loaded.loading && <Loading label={t('portal.confirm.confirming')} />}
    </Page>
  );
}
