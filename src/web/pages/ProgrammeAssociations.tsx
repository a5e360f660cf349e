import { useTranslation } from 'react-i18next';
import { Page } from '../components/ui.tsx';

/** The programme owner's side of the portal: settings, registrations, orders. */
export default function ProgrammeAssociations() {
  const { t } = useTranslation();
  return <Page title={t('portal.placeholder')}>{null}</Page>;
}
