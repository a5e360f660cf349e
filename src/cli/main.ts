import { Command, Option } from 'commander';
import { demoAccounts, loadDemo } from '../demo/demo.ts';
import { regionDemoCommand } from '../demo/region/command.ts';
import { systemActor } from '../lib/actor.ts';
import { loadConfig } from '../lib/config.ts';
import { AppError } from '../lib/errors.ts';
import { translate } from '../lib/messages.ts';
import { removeTotp } from '../modules/organisations/totp.ts';
import { createUser } from '../modules/organisations/users.ts';
import { APP_VERSION } from '../server/system-routes.ts';
import { anonymiseCommand } from './anonymise.ts';
import { backupCommand, cliLocale, restoreCommand } from './backup.ts';
import { CliError, openForCommand } from './database.ts';
import { printDemoAccounts } from './demo-output.ts';
import { importDevicesCommand } from './import.ts';
import { ask } from './prompt.ts';
import { serve } from './serve.ts';

const program = new Command('seconde-vie')
  .description('Seconde Vie: refurbished-computer digital-inclusion programmes, end to end')
  .version(APP_VERSION);

program
  .command('serve')
  .description('start the web server (API and web app) on PORT, migrating the database first')
  .action(async () => serve(loadConfig()));

program
  .command('migrate')
  .description('apply the database migrations and exit')
  .action(async () => {
    const database = await openForCommand(loadConfig(), 'cli');
    await database.close();
    console.log('Database is up to date.');
  });

const user = program.command('user').description('manage accounts');
user
  .command('create')
  .description('create an account (use --admin for a platform administrator)')
  .option('--admin', 'make the account a platform administrator', false)
  .option('--email <email>', 'e-mail address (asked when omitted)')
  .option('--name <name>', 'display name (defaults to the part of the e-mail before @)')
  .addOption(
    new Option('--password <password>', 'password, at least 12 characters (asked when omitted)').env(
      'SV_PASSWORD',
    ),
  )
  .action(async (options: { admin: boolean; email?: string; name?: string; password?: string }) => {
    const interactive = process.stdin.isTTY;
    const email = options.email ?? (interactive ? await ask('E-mail: ') : undefined);
    const password =
      options.password ?? (interactive ? await ask('Password (12 characters or more): ', true) : undefined);
    if (!email || !password)
      throw new CliError('Give --email and --password (or SV_PASSWORD) when not on a terminal.');
    const database = await openForCommand(loadConfig(), 'cli');
    try {
      const created = await database.db.transaction((tx) =>
        createUser(tx, systemActor(), {
          email,
          name: options.name ?? email.split('@')[0] ?? email,
          password,
          isPlatformAdmin: options.admin,
        }),
      );
      console.log(
        `Created ${created.isPlatformAdmin ? 'platform administrator' : 'account'} ${created.email}.`,
      );
    } finally {
      await database.close();
    }
  });

user
  .command('totp-off <email>')
  .description(
    'remove the second factor of an account whose phone is lost: its sessions end; audited; it logs in with its password and may set one up again',
  )
  .action(async (email: string) => {
    const locale = cliLocale();
    const database = await openForCommand(loadConfig(), 'cli');
    try {
      await removeTotp(database.db, systemActor(), email);
      console.log(translate(locale, 'totp.removed', { email: email.trim().toLowerCase() }));
    } catch (err) {
      if (err instanceof AppError) throw new CliError(translate(locale, err.messageKey, err.params));
      throw err;
    } finally {
      await database.close();
    }
  });

program
  .command('demo')
  .description(
    'load the demo network on an empty instance: the four reference programmes (a town’s subsidised sale, an association’s free loans, a department’s operation, training first) over the last 18 months, one account per role',
  )
  .addOption(
    new Option(
      '--scale <scale>',
      'town: the small demo network with accounts; region: a generated regional dataset for benchmarks (50 organisations, 200,000 devices, 100,000 people…)',
    )
      .choices(['town', 'region'])
      .default('town'),
  )
  .option('--seed <n>', 'region: the seed of the generator (same seed, same data)', (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new CliError('--seed takes a whole number.');
    return n;
  })
  .option('--reduced', 'region: a tenth of the full size (what `npm run bench` uses)', false)
  .action(async (options: { scale: 'town' | 'region'; seed?: number; reduced: boolean }) => {
    const config = loadConfig();
    if (options.scale === 'region') return regionDemoCommand(config, options);
    const database = await openForCommand(config, 'cli');
    try {
      const accounts =
        (await demoAccounts(database.db)) ?? (await loadDemo(database.db, systemActor(), config.publicUrl));
      printDemoAccounts(accounts, config.publicUrl);
    } finally {
      await database.close();
    }
  });

program
  .command('import')
  .description('import data from a file')
  .command('devices <file>')
  .description('import a CSV or XLSX file of devices into a donation: every row or none')
  .requiredOption('--donation <id>', 'the donation the devices belong to')
  .option('--dry-run', 'check the file and list every error, without saving anything', false)
  .action(async (file: string, options: { donation: string; dryRun: boolean }) =>
    importDevicesCommand(file, options),
  );

program
  .command('anonymise')
  .description(
    'anonymise now the people with no contact for RETENTION_MONTHS months (default 24; the server does it daily)',
  )
  .option('--dry-run', 'count who would be anonymised, without changing anything', false)
  .action(async (options: { dryRun: boolean }) => anonymiseCommand(options));

program
  .command('backup <file>')
  .description(
    'write a consistent backup of the whole database to FILE (gzip; restores into the embedded database or PostgreSQL), even while the server runs',
  )
  .option('--force', 'replace FILE if it exists', false)
  .option('--pg-dump', 'PostgreSQL only: write a pg_dump archive instead (restore it with pg_restore)', false)
  .action(async (file: string, options: { force: boolean; pgDump: boolean }) => backupCommand(file, options));

program
  .command('restore <file>')
  .description(
    'replace the whole database with a backup, in one transaction (stop the server first); an older backup is migrated forward',
  )
  .option('--force', 'replace a database that already holds data, without asking', false)
  .action(async (file: string, options: { force: boolean }) => restoreCommand(file, options));

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CliError) {
    console.error(`error: ${err.message}`);
  } else if (err instanceof AppError) {
    const details = err.fieldErrors.map((f) => `  ${f.path}: ${translate('en', f.messageKey, f.params)}`);
    console.error(
      `error: ${translate('en', err.messageKey, { count: details.length, ...err.params })}\n${details.join('\n')}`,
    );
  } else {
    console.error(err);
  }
  process.exit(1);
}
