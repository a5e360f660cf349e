import { useTranslation } from 'react-i18next';
import type { OrganisationKind } from '../api.ts';

/** An organisation's kinds, as small labels. */
export function KindTags({ kinds }: { kinds: OrganisationKind[] }) {
  const { t } = useTranslation();
  return (
    <ul className="tags">
      {kinds.map((kind) => (
        <li key={kind} className="tag">
          {t(`kinds.${kind}`)}
        </li>
      ))}
    </ul>
  );
}
