/**
 * The ways into the portal from the rest of the app: « Portail » in the navigation for members of an
 * association that belongs to a programme, « Associations » on a programme's page for its owner. Both load
 * the portal's texts only when they show (the login page and most sessions never need them).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';
import { loadPortalTexts } from '../../i18n/index.ts';
import { portalApi } from '../../portalApi.ts';
import { useSession } from '../../session.tsx';

/** « Portail » in the main navigation, when the caller's association belongs to a programme. */
export function PortalNavEntry() {
  const { t } = useTranslation();
  const { me } = useSession();
  const [shown, setShown] = useState(false);
  // Only members of an association may have programmes there: the others are spared the call.
  const association = (me?.memberships ?? []).some((m) => m.organisation.kinds.includes('association'));
  const userId = me?.user.id;
  useEffect(() => {
    setShown(false);
    if (!association || !userId) return;
    const controller = new AbortController();
    portalApi
      .memberships(controller.signal)
      .then(async (items) => {
        if (items.length === 0) return;
        await loadPortalTexts();
        if (!controller.signal.aborted) setShown(true);
      })
      .catch(() => {
        // Without an answer the entry stays hidden; /portail still works.
      });
    return () => controller.abort();
  }, [association, userId]);
  if (!shown) return null;
  return (
    <li>
      <NavLink to="/portail">{t('portal.nav')}</NavLink>
    </li>
  );
}

/** « Associations » on a programme's page, for its owner's staff. */
export function ProgrammeAssociationsLink({ programmeId }: { programmeId: string }) {
  const { t } = useTranslation();
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let cancelled = false;
    loadPortalTexts()
      .then(() => {
        if (!cancelled) setReady(true);
      })
      .catch(() => {});
    return () => {
      cancelled = true;
    };
  }, []);
  if (!ready) return null;
  return (
    <p>
      <Link to={`/programmes/${programmeId}/associations`}>{t('portal.programmeLink')}</Link>{' '}
      <span className="small muted">({t('portal.programmeLinkHelp')})</span>
    </p>
  );
}
