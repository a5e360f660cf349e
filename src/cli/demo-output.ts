import type { DemoAccount } from '../demo/demo.ts';
import type { Locale } from '../lib/messages.ts';
import { cliLocale } from './backup.ts';

/** The roles as the web app names them (src/web/i18n/{fr,en}.ts, `roles`), not their codes. */
const ROLE_LABELS: Record<Locale, Record<DemoAccount['role'], string>> = {
  fr: {
    admin: 'Administrateur',
    manager: 'Responsable',
    technician: 'Technicien',
    social_worker: 'Travailleur social',
    trainer: 'Formateur',
    viewer: 'Lecteur',
    platform_admin: 'Administrateur de la plateforme',
  },
  en: {
    admin: 'Administrator',
    manager: 'Manager',
    technician: 'Technician',
    social_worker: 'Social worker',
    trainer: 'Trainer',
    viewer: 'Viewer',
    platform_admin: 'Platform administrator',
  },
};

/** The four reference programmes the demo runs, and whose account shows each best. */
const PROGRAMMES = [
  [
    'Ordi solidaire Saint-Aubin',
    'a town’s subsidised sale: 130 € − 88 € from the town = 42 € paid',
    'direction.ccas@saint-aubin.example',
  ],
  [
    'Prêt solidaire d’ordinateurs',
    'free loans for a year, renewed, returned, maintained',
    'prets@relais-numerique.example',
  ],
  [
    'Loiret numérique pour tous',
    'a department-wide operation, every computer with its free-software image',
    'inclusion.numerique@loiret.example',
  ],
  [
    'Former puis équiper',
    'training first, then a computer and a 150 € internet aid, with targets',
    'mediateur@saint-aubin.example',
  ],
] as const;

/**
 * Prints the demo accounts as a table a newcomer can log in with, and where to look first. Roles are
 * named as on the login page, in the terminal's language.
 */
export function printDemoAccounts(accounts: DemoAccount[], url: string, locale: Locale = cliLocale()): void {
  console.log('\nDemo network loaded. Accounts (same password for all):\n');
  console.table(
    accounts.map((a) => ({
      email: a.email,
      password: a.password,
      name: a.name,
      role: ROLE_LABELS[locale][a.role],
      organisation: a.organisationName ?? '—',
    })),
  );
  console.log('\nThe four programmes it runs, over the last 18 months:');
  for (const [name, what, email] of PROGRAMMES) console.log(`  - ${name}: ${what} (${email})`);
  console.log(`\nOpen ${url} and log in with one of them (they are also listed on the login page).`);
}
