import { loadDemo } from '../demo/demo.ts';
import { systemActor } from '../lib/actor.ts';
import type { Config } from '../lib/config.ts';
import { maskDatabaseUrl } from '../lib/config.ts';
import { ensureFirstAdmin } from '../modules/organisations/users.ts';
import { scheduleRetentionJob } from '../modules/programmes/retention-job.ts';
import { buildApp } from '../server/app.ts';
import { describeFailure } from '../server/schedule.ts';
import { openForCommand } from './database.ts';
import { printDemoAccounts } from './demo-output.ts';
import { ask } from './prompt.ts';

/** `seconde-vie serve`: migrate, create the first administrator if asked, and serve the API and the web app. */
export async function serve(config: Config): Promise<void> {
  if (config.databaseUrl) {
    console.log(`Seconde Vie: PostgreSQL at ${maskDatabaseUrl(config.databaseUrl)}`);
  } else {
    console.log(`Seconde Vie: embedded database in ${config.dataDir} (the first start takes a few seconds)`);
  }
  const database = await openForCommand(config, 'server');
  const firstAdmin = await ensureFirstAdmin(
    database.db,
    systemActor(),
    config.adminEmail,
    config.adminPassword,
  );
  // The address is not printed: the log of a service is kept and read by others.
  if (firstAdmin === 'created') console.log('First administrator created: the account of ADMIN_EMAIL.');

  const app = await buildApp({
    database,
    config,
    logger: { level: config.logLevel },
  });
  const stopRetention = scheduleRetentionJob(database.db, config.retentionMonths, app.log);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    let code = 0;
    try {
      // The timers stop first; the requests and the job turns under way end (bounded) before the
      // database closes; the embedded database's lock is released even if its last flush fails.
      await Promise.all([stopRetention(), app.close()]);
    } catch (err) {
      code = 1;
      console.error(`stopping failed (${describeFailure(err)}); closing the database anyway`);
    }
    try {
      await database.close();
    } catch (err) {
      code = 1;
      console.error(`closing the database failed (${describeFailure(err)})`);
    }
    process.exit(code);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(
    `\nSeconde Vie is running: http://localhost:${port}  (API docs: http://localhost:${port}/api/docs)`,
  );
  if (firstAdmin === 'missing' && process.stdin.isTTY && process.stdout.isTTY) {
    const answer = await ask(
      '\nLoad the demo network to try Seconde Vie? / Charger la démonstration ? [O/n] ',
    );
    if (!/^(n|no|non)$/i.test(answer)) {
      printDemoAccounts(
        await loadDemo(database.db, systemActor(), config.publicUrl),
        `http://localhost:${port}`,
      );
      return;
    }
  }
  if (firstAdmin === 'missing') {
    console.log(
      [
        '',
        'No account exists yet. To get started, either:',
        '  - load the demo network:           npx seconde-vie demo',
        '  - or create your administrator:    npx seconde-vie user create --admin',
        '  - or restart with ADMIN_EMAIL and ADMIN_PASSWORD set.',
        'Aucun compte pour l’instant : « npx seconde-vie demo » charge la démonstration,',
        '« npx seconde-vie user create --admin » crée votre compte administrateur.',
      ].join('\n'),
    );
  }
}
