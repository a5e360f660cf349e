import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Page } from '../components/ui.tsx';

/** Any address the app does not know. */
export default function NotFound() {
  const { t } = useTranslation();
  return (
    <Page title={t('notFound.title')} className="page-narrow">
      <p>{t('notFound.text')}</p>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </Page>
  );
}
