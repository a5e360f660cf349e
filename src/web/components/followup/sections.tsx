/**
 * The follow-up sections other pages show (a person's page, a programme's page and its report), loaded
 * with their texts only when those pages show them, so that the pages stay light.
 */
import { type ComponentProps, lazy, Suspense } from 'react';
import { loadFollowUpTexts } from '../../i18n/index.ts';

const PersonFollowUpsLazy = lazy(() =>
  Promise.all([import('./PersonFollowUps.tsx'), loadFollowUpTexts()]).then(([m]) => ({
    default: m.PersonFollowUps,
  })),
);
const SettingsLazy = lazy(() =>
  Promise.all([import('./FollowUpSettingsSection.tsx'), loadFollowUpTexts()]).then(([m]) => ({
    default: m.FollowUpSettingsSection,
  })),
);
const ReportLazy = lazy(() =>
  Promise.all([import('./FollowUpReportSection.tsx'), loadFollowUpTexts()]).then(([m]) => ({
    default: m.FollowUpReportSection,
  })),
);

/** The « Suivi » section of a person's page. */
export function PersonFollowUpsSection(props: ComponentProps<typeof PersonFollowUpsLazy>) {
  return (
    <Suspense fallback={null}>
      <PersonFollowUpsLazy {...props} />
    </Suspense>
  );
}

/** The « Suivi après remise » settings of a programme's page. */
export function FollowUpSettingsCard(props: ComponentProps<typeof SettingsLazy>) {
  return (
    <Suspense fallback={null}>
      <SettingsLazy {...props} />
    </Suspense>
  );
}

/** The « Suivi après remise » section of a programme's report. */
export function FollowUpReportCard(props: ComponentProps<typeof ReportLazy>) {
  return (
    <Suspense fallback={null}>
      <ReportLazy {...props} />
    </Suspense>
  );
}
