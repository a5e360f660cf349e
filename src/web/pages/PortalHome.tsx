import { useTranslation } from 'react-i18next';
import { Page } from '../components/ui.tsx';

/** The association's space: catalogue, orders, devices. */
export default function PortalHome() {
  const { t } = useTranslation();
  return <Page title={t('portal.placeholder')}>{null}</Page>;
}
