import { useTranslation } from 'react-i18next';
import { Page } from '../components/ui.tsx';

/** One association order (the association and the programme owner see it). */
export default function PortalOrder() {
  const { t } = useTranslation();
  return <Page title={t('portal.placeholder')}>{null}</Page>;
}
