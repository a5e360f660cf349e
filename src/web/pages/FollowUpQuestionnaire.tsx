import { useTranslation } from 'react-i18next';
import { Page } from '../components/ui.tsx';

/** Public page: the follow-up questionnaire reached by its link. */
export default function FollowUpQuestionnaire() {
  const { t } = useTranslation();
  return <Page title={t('followup.placeholder')}>{null}</Page>;
}
