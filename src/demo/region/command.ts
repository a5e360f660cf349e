import cliProgress from 'cli-progress';
import { CliError, openForCommand } from '../../cli/database.ts';
import type { Database } from '../../db/connection.ts';
import type { Config } from '../../lib/config.ts';
import { DEFAULT_SEED, loadRegion, REDUCED_FACTOR, type RegionSummary } from './generate.ts';

/** Refused on an instance that already holds organisations: the region is generated on an empty one. */
export class RegionNotEmptyError extends Error {}

/**
 * `seconde-vie demo --scale region [--seed N] [--reduced]`: generates the regional dataset on an empty
 * instance, with a progress bar on stderr, and returns the row counts by table.
 */
export async function generateRegionDemo(
  database: Database,
  options: { seed?: number; reduced?: boolean; progress?: boolean; factor?: number },
): Promise<RegionSummary> {
  const existing = await database.pool.query('SELECT count(*)::int AS n FROM organisations');
  if ((existing.rows[0] as { n: number }).n > 0)
    throw new RegionNotEmptyError(
      'the instance already holds organisations: generate the region on an empty database (a new DATA_DIR or DATABASE_URL).',
    );
  const bar = new cliProgress.SingleBar(
    {
      format: 'generating [{bar}] {percentage}% {value}/{total} rows ({table})',
      hideCursor: true,
      stream: process.stderr,
      noTTYOutput: process.stderr.isTTY !== true,
      notTTYSchedule: 5_000,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  try {
    return await loadRegion(database.pool, {
      seed: options.seed ?? DEFAULT_SEED,
      factor: options.factor ?? (options.reduced ? REDUCED_FACTOR : 1),
      onProgress: ({ table, done, total }) => {
        if (options.progress === false) return;
        if (!started) {
          bar.start(total, done, { table });
          started = true;
        } else bar.update(done, { table });
      },
    });
  } finally {
    if (started) bar.stop();
  }
}

/** The CLI's side: opens the configured database, generates, prints the counts (stdout) and the time. */
export async function regionDemoCommand(
  config: Config,
  options: { seed?: number; reduced: boolean },
): Promise<void> {
  const database = await openForCommand(config, 'cli');
  const started = performance.now();
  try {
    const summary = await generateRegionDemo(database, options);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `Region generated in ${seconds} s (seed ${options.seed ?? DEFAULT_SEED}${options.reduced ? ', reduced' : ''}):`,
    );
    for (const [table, count] of Object.entries(summary)) console.log(`  ${table}: ${count}`);
    console.log('Create an account to look at it: seconde-vie user create --admin');
  } catch (err) {
    if (err instanceof RegionNotEmptyError) throw new CliError(err.message);
    throw err;
  } finally {
    await database.close();
  }
}
