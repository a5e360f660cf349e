import { useTranslation } from 'react-i18next';
import { Page } from '../components/ui.tsx';

/** A social worker fills in a follow-up on the person's behalf. */
export default function FollowUpAnswer() {
  const { t } = useTranslation();
  return <Page title={t('followup.placeholder')}>{null}</Page>;
}
