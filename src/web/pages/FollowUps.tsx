import { useTranslation } from 'react-i18next';
import { Page } from '../components/ui.tsx';

/** Staff list of follow-ups: to contact, no answer, help asked. */
export default function FollowUps() {
  const { t } = useTranslation();
  return <Page title={t('followup.placeholder')}>{null}</Page>;
}
