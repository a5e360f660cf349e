/** The menu's « Suivis »: it loads its own texts, the menu being on every page. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { loadFollowUpTexts } from '../../i18n/index.ts';

/** The menu's « Suivis », shown once its texts are here. */
export function FollowUpsNavItem() {
  const { t } = useTranslation();
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let live = true;
    loadFollowUpTexts()
      .then(() => {
        if (live) setReady(true);
      })
      .catch(() => {
        // Offline: the entry stays hidden; the page itself loads its texts when visited.
      });
    return () => {
      live = false;
    };
  }, []);
  if (!ready) return null;
  return (
    <li>
      <NavLink to="/suivis">{t('followup.nav')}</NavLink>
    </li>
  );
}
