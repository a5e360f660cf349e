/**
 * The embedded mode as someone trying the app meets it: `seconde-vie serve` on a fresh data directory
 * (PGlite created and migrated), timed from the spawn to the first answer of /api/v1/health, then its
 * resident memory after a while idle; a second start on the same directory (migrations already done).
 * Baseline: a bare `node -e` HTTP server answering the same path, spawned and measured the same way.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { Bench, BenchLine } from './format.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const START_TIMEOUT_MS = 120_000;

/** The smallest Node HTTP server: prints its port, answers every path. */
const BARE_SERVER = `
const server = require('node:http').createServer((req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end('{"status":"ok"}');
});
server.listen(0, '127.0.0.1', () => console.log('running: http://127.0.0.1:' + server.address().port));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

interface Started {
  child: ChildProcess;
  startMs: number;
  output: () => string;
}

/** Spawns a server, reads its port from its output, and polls /api/v1/health until it answers 200. */
async function start(args: string[], env: NodeJS.ProcessEnv): Promise<Started> {
  const begin = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  while (performance.now() - begin < START_TIMEOUT_MS) {
    if (exited) throw new Error(`the server exited before answering:\n${output}`);
    const port = /http:\/\/(?:localhost|127\.0\.0\.1):(\d+)/.exec(output)?.[1];
    if (port) {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/health`).catch(() => null);
      if (res?.status === 200) {
        await res.arrayBuffer();
        return { child, startMs: performance.now() - begin, output: () => output };
      }
    }
    await sleep(port ? 10 : 20);
  }
  child.kill('SIGKILL');
  throw new Error(`no answer from /api/v1/health within ${START_TIMEOUT_MS / 1000} s:\n${output}`);
}

/** Resident memory of a process: /proc on Linux, else `ps` (macOS, BSD). */
function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]) / 1024;
  } catch {
    return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024;
  }
}

/** SIGTERM, then SIGKILL if it has not exited within 15 s; the exit code (null when killed). */
async function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  const code = await exited;
  clearTimeout(timer);
  return code;
}

/** Start time and idle RSS of one server; `idleMs` after it first answered. */
async function run(args: string[], env: NodeJS.ProcessEnv, idleMs: number) {
  const started = await start(args, env);
  try {
    await sleep(idleMs);
    const rss = rssMb(started.child.pid as number);
    const exitCode = await stop(started.child);
    return { startMs: started.startMs, rss, exitCode, output: started.output() };
  } catch (err) {
    started.child.kill('SIGKILL');
    throw err;
  }
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Cold start (fresh data directory, migrations included), warm start and idle RSS of `seconde-vie serve`. */
export const embedded: Bench = async ({ scale }) => {
  const idleMs = scale === 'full' ? 15_000 : 5_000;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sv-bench-embedded-'));
  // The embedded mode: no DATABASE_URL, nobody to create, no prompt (stdin is not a terminal).
  const { DATABASE_URL: _url, ADMIN_EMAIL: _email, ADMIN_PASSWORD: _password, ...inherited } = process.env;
  const env = { ...inherited, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  try {
    const bare = await run(['-e', BARE_SERVER], env, idleMs);
    const cold = await run(['bin/seconde-vie.mjs', 'serve'], env, idleMs);
    const warm = await run(['bin/seconde-vie.mjs', 'serve'], env, 0);
    const stopped = cold.exitCode === 0 && warm.exitCode === 0;
    const shutdown = {
      ok: stopped,
      detail: stopped
        ? 'answered /api/v1/health, stopped cleanly on SIGTERM (exit 0)'
        : `exit codes on SIGTERM: cold ${cold.exitCode}, warm ${warm.exitCode}\n${cold.output}${warm.output}`,
    };
    const line = (
      name: string,
      value: number,
      baseline: number,
      unit: string,
      comparison: string,
    ): BenchLine => ({
      name,
      backend: 'pglite',
      value: round(value),
      unit,
      baseline: round(baseline),
      ratio: round(value / baseline, 2),
      comparison,
    });
    return [
      {
        ...line(
          'embedded-cold-start',
          cold.startMs,
          bare.startMs,
          'ms',
          '`node bin/seconde-vie.mjs serve` on a fresh data directory (PGlite created, migrations run), spawn to first 200 of /api/v1/health, vs a bare `node -e` HTTP server spawned and polled the same way',
        ),
        correctness: shutdown,
      },
      line(
        'embedded-warm-start',
        warm.startMs,
        bare.startMs,
        'ms',
        'the same command again on the now-migrated data directory, vs the bare `node -e` HTTP server',
      ),
      line(
        'embedded-idle-rss',
        cold.rss,
        bare.rss,
        'MB',
        `resident memory (VmRSS) ${idleMs / 1000} s after the first answer, seconde-vie serve vs the bare \`node -e\` HTTP server`,
      ),
    ];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
};
