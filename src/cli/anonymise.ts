import cliProgress from 'cli-progress';
import { loadConfig } from '../lib/config.ts';
import { anonymiseInactive } from '../modules/programmes/rights.ts';
import { openForCommand } from './database.ts';

/**
 * `seconde-vie anonymise [--dry-run]`: anonymises now the people with no contact for RETENTION_MONTHS
 * (the server does it daily), with a progress bar and a report by organisation.
 */
export async function anonymiseCommand(options: { dryRun: boolean }): Promise<void> {
  const config = loadConfig();
  const database = await openForCommand(config, 'cli');
  const bar = new cliProgress.SingleBar(
    {
      format: 'anonymising [{bar}] {value}/{total}',
      hideCursor: true,
      noTTYOutput: process.stdout.isTTY !== true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  try {
    const report = await anonymiseInactive(database.db, {
      retentionMonths: config.retentionMonths,
      trigger: 'manual',
      dryRun: options.dryRun,
      onProgress: (done, total) => {
        if (!started) {
          bar.start(total, done);
          started = true;
        } else bar.update(done);
      },
    });
    if (started) bar.stop();
    const verb = options.dryRun ? 'would be anonymised' : 'anonymised';
    console.log(
      `${report.anonymised} people with no contact since ${report.cutoffOn} (${config.retentionMonths} months) ${verb}.`,
    );
    for (const o of report.byOrganisation) console.log(`  ${o.organisationName}: ${o.count}`);
  } finally {
    if (started) bar.stop();
    await database.close();
  }
}
