import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import cliProgress from 'cli-progress';
import {
  type BackupProgress,
  backupToFile,
  checkSchemaVersion,
  notEmpty,
  readBackupHeader,
  restoreFromFile,
  targetContents,
} from '../db/backup.ts';
import { type Database, DatabaseUnreachableError, openDatabase } from '../db/connection.ts';
import { DataDirLockedError, readLiveLock } from '../db/lock.ts';
import { type Config, loadConfig, maskDatabaseUrl } from '../lib/config.ts';
import { AppError } from '../lib/errors.ts';
import { isMessageKey, type Locale, translate } from '../lib/messages.ts';
import { CliError, openForCommand } from './database.ts';
import { ask } from './prompt.ts';

/** The terminal's language (LC_ALL, LC_MESSAGES, LANG): French when it says fr, English otherwise. */
export function cliLocale(env: NodeJS.ProcessEnv = process.env): Locale {
  const lang = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return lang.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A backup refusal in words, its reason (a message key of its own, for a damaged file) worded first. */
export function describeBackupError(locale: Locale, err: AppError): string {
  const { reason } = err.params;
  const params =
    typeof reason === 'string' && isMessageKey(reason)
      ? { ...err.params, reason: translate(locale, reason, err.params) }
      : err.params;
  return translate(locale, err.messageKey, params);
}

/** Runs `work`, turning the backup's refusals into messages in the terminal's language. */
async function worded<T>(locale: Locale, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof AppError) throw new CliError(describeBackupError(locale, err));
    if (err instanceof DatabaseUnreachableError || err instanceof DataDirLockedError)
      throw new CliError(err.message);
    throw err;
  }
}

function progressBar(locale: Locale, phase: 'backup' | 'restore') {
  const bar = new cliProgress.SingleBar(
    {
      format: `${translate(locale, `backup.phase.${phase}`)} [{bar}] {percentage}% {value}/{total} {table}`,
      hideCursor: true,
      noTTYOutput: process.stdout.isTTY !== true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(p: BackupProgress) {
      if (!started) {
        bar.start(Math.max(p.total, 1), p.done, { table: p.table ?? '' });
        started = true;
      } else bar.update(p.done, { table: p.table ?? '' });
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}

/** `seconde-vie backup FILE [--force] [--pg-dump]`: a consistent backup of the whole database. */
export async function backupCommand(
  file: string,
  options: { force: boolean; pgDump: boolean },
): Promise<void> {
  const locale = cliLocale();
  const config = loadConfig();
  await worded(locale, async () => {
    if (existsSync(file) && !options.force)
      throw new AppError('CONFLICT', 'backup.file_exists', { params: { file } });
    if (options.pgDump) {
      if (!config.databaseUrl) throw new AppError('INVALID_INPUT', 'backup.pg_dump_embedded');
      return pgDumpBackup(config.databaseUrl, file, locale);
    }
    const database = await openForCommand(config, 'cli');
    const bar = progressBar(locale, 'backup');
    try {
      const summary = await backupToFile(database.pool, file, {
        source: database.mode,
        onProgress: bar.update,
      });
      bar.stop();
      console.log(
        translate(locale, 'backup.written', {
          file,
          size: humanSize(summary.bytes),
          rows: summary.rows,
          tables: summary.tables,
          seconds: (summary.ms / 1000).toFixed(1),
        }),
      );
    } finally {
      bar.stop();
      await database.close();
    }
  });
}

/** Opens the target of a restore without migrating it: the restore rebuilds the schema itself. */
async function openTarget(config: Config): Promise<Database> {
  if (!config.databaseUrl) {
    const live = readLiveLock(config.dataDir);
    if (live)
      throw new AppError('CONFLICT', 'backup.server_running', {
        params: { dataDir: config.dataDir, pid: live.pid },
      });
  }
  return openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    purpose: 'server',
    onStaleLock: (message) => console.warn(`warning: ${message}`),
  });
}

/** `seconde-vie restore FILE [--force]`: replaces the whole database with a backup, in one transaction. */
export async function restoreCommand(file: string, options: { force: boolean }): Promise<void> {
  const locale = cliLocale();
  const config = loadConfig();
  await worded(locale, async () => {
    const header = await readBackupHeader(file);
    checkSchemaVersion(header);
    console.log(
      translate(locale, 'backup.about', {
        createdAt: header.createdAt,
        source: header.source,
        rows: header.totalRows,
        tables: header.tables.length,
        schema: header.schema.migrations,
      }),
    );
    const database = await openTarget(config);
    const bar = progressBar(locale, 'restore');
    try {
      let force = options.force;
      if (!force) {
        const contents = await targetContents(database.pool);
        if (contents.length > 0) {
          if (!process.stdin.isTTY) throw notEmpty(contents);
          const tables = notEmpty(contents).params.tables;
          const answer = await ask(translate(locale, 'backup.confirm', { tables }));
          if (answer.toLowerCase() !== translate(locale, 'backup.confirm_word')) {
            console.log(translate(locale, 'backup.cancelled'));
            return;
          }
          force = true;
        }
      }
      const summary = await restoreFromFile(database.pool, file, { force, onProgress: bar.update });
      bar.stop();
      console.log(
        translate(locale, 'backup.restored', {
          rows: summary.rows,
          tables: summary.tables,
          seconds: (summary.ms / 1000).toFixed(1),
        }),
      );
      if (summary.migratedForward > 0)
        console.log(translate(locale, 'backup.migrated_forward', { count: summary.migratedForward }));
    } finally {
      bar.stop();
      await database.close();
    }
  });
}

/**
 * The pg_dump able to dump a server of `major`: the one of that version Debian installs beside others
 * (/usr/lib/postgresql/N/bin), else one on PATH of that version or newer.
 */
export async function findPgDump(major: number): Promise<string | null> {
  const candidates = [`/usr/lib/postgresql/${major}/bin/pg_dump`, 'pg_dump'];
  for (const candidate of candidates) {
    const version = await new Promise<string | null>((resolve) => {
      const child = spawn(candidate, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] });
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
      });
      child.on('error', () => resolve(null));
      child.on('close', (code) => resolve(code === 0 ? out : null));
    });
    const found = version?.match(/(\d+)(?:\.\d+)?/);
    if (found && Number(found[1]) >= major) return candidate;
  }
  return null;
}

/** A pg_dump custom-format archive of the server database, for those who prefer PostgreSQL's own tools. */
async function pgDumpBackup(databaseUrl: string, file: string, locale: Locale): Promise<void> {
  const database = await openDatabase({ databaseUrl, dataDir: '', purpose: 'cli' });
  let major: number;
  let tables: number;
  try {
    const { rows } = await database.pool.query<{ v: string; n: number }>(
      "SELECT current_setting('server_version_num') AS v, (SELECT count(*)::int FROM pg_tables WHERE schemaname IN ('public', 'drizzle')) AS n",
    );
    major = Math.floor(Number(rows[0]?.v ?? 0) / 10000);
    tables = rows[0]?.n ?? 0;
  } finally {
    await database.close();
  }
  const pgDump = await findPgDump(major);
  if (!pgDump) throw new AppError('UNAVAILABLE', 'backup.pg_dump_missing', { params: { major } });
  const started = Date.now();
  const partial = `${file}.partial`;
  // The archive holds personal data: created readable by its owner only, before pg_dump writes a byte
  // into it (pg_dump opens the existing file and keeps its mode). A stale one from a crash goes first, so
  // the file is ours, new, and never another's under that name ('wx').
  rmSync(partial, { force: true });
  closeSync(openSync(partial, 'wx', 0o600));
  const bar = progressBar(locale, 'backup');
  bar.update({ done: 0, total: tables, table: null });
  let dumped = 0;
  let errors = '';
  const code = await new Promise<number | null>((resolve, reject) => {
    // The password goes through the environment, not the command line other users can read.
    const url = new URL(databaseUrl);
    const password = decodeURIComponent(url.password);
    url.password = '';
    const child = spawn(
      pgDump,
      ['--format=custom', '--no-owner', '--verbose', `--file=${partial}`, url.toString()],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: password ? { ...process.env, PGPASSWORD: password } : process.env,
      },
    );
    child.stderr.on('data', (d: Buffer) => {
      const text = d.toString();
      for (const line of text.split('\n')) {
        const table = line.match(/dumping contents of table "?([^"\s]+)"?/);
        if (table) bar.update({ done: ++dumped, total: tables, table: table[1] ?? '' });
        else if (/error|fatal/i.test(line)) errors += `${line}\n`;
      }
    });
    child.on('error', (err) => {
      rmSync(partial, { force: true });
      reject(err);
    });
    child.on('close', resolve);
  });
  bar.stop();
  if (code !== 0) {
    rmSync(partial, { force: true });
    throw new CliError(
      translate(locale, 'backup.pg_dump_failed', {
        url: maskDatabaseUrl(databaseUrl),
        errors: errors.trim(),
      }),
    );
  }
  renameSync(partial, file);
  console.log(
    translate(locale, 'backup.written_pg_dump', {
      file,
      size: humanSize(statSync(file).size),
      tables: dumped,
      seconds: ((Date.now() - started) / 1000).toFixed(1),
    }),
  );
}
