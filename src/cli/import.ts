import { readFileSync, statSync } from 'node:fs';
import cliProgress from 'cli-progress';
import { systemActor } from '../lib/actor.ts';
import { loadConfig } from '../lib/config.ts';
import { AppError } from '../lib/errors.ts';
import { translate } from '../lib/messages.ts';
import { detectKind } from '../modules/inventory/import/parse-device-file.ts';
import { importDevices } from '../modules/inventory/import-devices.ts';
import { IMPORT_BODY_LIMIT } from '../modules/inventory/routes.ts';
import { CliError, openForCommand } from './database.ts';

/** `seconde-vie import devices FILE --donation ID`, with a progress bar while reading and saving. */
export async function importDevicesCommand(
  file: string,
  options: { donation: string; dryRun: boolean },
): Promise<void> {
  const kind = detectKind(file, undefined);
  if (!kind) throw new CliError(`${file}: give a .csv or .xlsx file.`);
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new CliError(`${file}: no such file.`);
  }
  if (size > IMPORT_BODY_LIMIT)
    throw new CliError(`${file} is larger than 10 MB: split it into several files.`);
  const database = await openForCommand(loadConfig(), 'cli');
  const bar = new cliProgress.SingleBar(
    {
      format: '{phase} [{bar}] {value}/{total}',
      hideCursor: true,
      noTTYOutput: process.stdout.isTTY !== true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  try {
    const result = await importDevices(
      database.db,
      systemActor(),
      { donationId: options.donation, data: readFileSync(file), kind, dryRun: options.dryRun },
      ({ phase, done, total }) => {
        const label = phase === 'reading' ? 'reading' : 'saving ';
        if (!started) {
          bar.start(total, done, { phase: label });
          started = true;
        } else {
          bar.setTotal(total);
          bar.update(done, { phase: label });
        }
      },
    );
    bar.stop();
    if ('created' in result) {
      console.log(`${result.created} devices imported.`);
    } else {
      console.log(`${result.rows} rows read, ${result.errors.length} error(s); nothing was saved (dry run).`);
      for (const e of result.errors) console.log(`  ${e.path}: ${translate('en', e.messageKey, e.params)}`);
    }
  } catch (err) {
    bar.stop();
    if (err instanceof AppError && err.fieldErrors.length > 0) {
      const lines = err.fieldErrors.map((e) => `  ${e.path}: ${translate('en', e.messageKey, e.params)}`);
      throw new CliError(
        `nothing was imported; fix these ${lines.length} problem(s) and try again:\n${lines.join('\n')}`,
      );
    }
    throw err;
  } finally {
    await database.close();
  }
}
