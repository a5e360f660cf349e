import type { DemoAccount } from '../demo/demo.ts';

/** Prints the demo accounts as a table a newcomer can log in with. */
export function printDemoAccounts(accounts: DemoAccount[], url: string): void {
  console.log('\nDemo network loaded. Accounts (same password for all):\n');
  console.table(
    accounts.map((a) => ({
      email: a.email,
      password: a.password,
      role: a.role,
      organisation: a.organisationName ?? '—',
    })),
  );
  console.log(`\nOpen ${url} and log in with one of them (they are also listed on the login page).`);
}
