import type { DemoAccount } from '../demo/demo.ts';

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

/** Prints the demo accounts as a table a newcomer can log in with, and where to look first. */
export function printDemoAccounts(accounts: DemoAccount[], url: string): void {
  console.log('\nDemo network loaded. Accounts (same password for all):\n');
  console.table(
    accounts.map((a) => ({
      email: a.email,
      password: a.password,
      name: a.name,
      role: a.role,
      organisation: a.organisationName ?? '—',
    })),
  );
  console.log('\nThe four programmes it runs, over the last 18 months:');
  for (const [name, what, email] of PROGRAMMES) console.log(`  - ${name}: ${what} (${email})`);
  console.log(`\nOpen ${url} and log in with one of them (they are also listed on the login page).`);
}
