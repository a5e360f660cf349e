import { useTranslation } from 'react-i18next';
import { Page } from '../components/ui.tsx';

/** Public page: an association registers to a programme. */
export default function PortalRegister() {
  const { t } = useTranslation();
  return <Page title={t('portal.placeholder')}>{null}</Page>;
}
