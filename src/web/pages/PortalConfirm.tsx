import { useTranslation } from 'react-i18next';
import { Page } from '../components/ui.tsx';

/** Public page: the association follows its e-mail confirmation link. */
export default function PortalConfirm() {
  const { t } = useTranslation();
  return <Page title={t('portal.placeholder')}>{null}</Page>;
}
