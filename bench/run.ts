/**
 * Benchmarks: `npm run bench` (reduced scale, a few minutes), `npm run bench -- --full` (the issue's
 * scale), `npm run bench -- --only NAME[,NAME]` (some benches, by the names in `benches` below).
 *
 * Every figure is a ratio against a baseline measured in the same run, so noisy machines still give
 * comparable figures. Each result is printed as one JSON line (a BenchLine, see format.ts) on stdout;
 * progress goes to stderr. All lines and the machine's description are written to
 * bench/results/latest.json and a readable table to bench/results/latest.md.
 *
 * Exits 1 only when a result's correctness fails (or a bench crashes), never because of a time.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { allocationRace } from './allocation-race.ts';
import { apiThroughput } from './api-throughput.ts';
import { deviceImport } from './device-import.ts';
import { embedded } from './embedded.ts';
import type { Bench, BenchLine, BenchOptions } from './format.ts';
import { frontend } from './frontend.ts';
import { loginTiming } from './login-timing.ts';
import { networkDashboardBench } from './network-dashboard.ts';
import { peopleSearch } from './people-search.ts';
import { programmeReportBench } from './programme-report.ts';
import { closeRegions } from './region.ts';
import { stockSearch } from './stock-search.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Every bench, by the name `--only` takes. */
const benches: [name: string, bench: Bench][] = [
  ['login-timing', loginTiming],
  ['device-import', deviceImport],
  ['stock-search', stockSearch],
  ['people-search', peopleSearch],
  ['programme-report', programmeReportBench],
  ['network-dashboard', networkDashboardBench],
  ['api-throughput', apiThroughput],
  ['allocation-race', allocationRace],
  ['embedded', embedded],
  ['frontend', frontend],
];

function parseArguments(argv: string[]): { options: BenchOptions; only: string[] | null } {
  let scale: BenchOptions['scale'] = 'reduced';
  let only: string[] | null = null;
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i] as string;
    if (argument === '--full') scale = 'full';
    else if (argument === '--only') only = (argv[++i] ?? '').split(',').filter(Boolean);
    else if (argument.startsWith('--only='))
      only = argument.slice('--only='.length).split(',').filter(Boolean);
    else if (argument === '--') continue;
    else {
      console.error(`unknown argument ${argument}; usage: npm run bench [-- --full] [-- --only NAME[,NAME]]`);
      process.exit(2);
    }
  }
  const known = new Set(benches.map(([name]) => name));
  const unknown = (only ?? []).filter((name) => !known.has(name));
  if (unknown.length) {
    console.error(`unknown bench ${unknown.join(', ')}; known: ${[...known].join(', ')}`);
    process.exit(2);
  }
  return { options: { scale }, only };
}

function osName(): string {
  try {
    const release = readFileSync('/etc/os-release', 'utf8');
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(release)?.[1];
    if (pretty) return `${pretty} (${os.type()} ${os.release()})`;
  } catch {
    // not Linux, or no os-release: the kernel's name is enough
  }
  return `${os.type()} ${os.release()}`;
}

async function postgresVersion(): Promise<string | null> {
  const url = process.env.DATABASE_URL;
  if (!url) return null;
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const result = await client.query<{ server_version: string }>('SHOW server_version');
    return result.rows[0]?.server_version ?? null;
  } catch (error) {
    return `unreachable (${(error as Error).message})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function packageVersion(name: string): string | null {
  try {
    const file = path.join(root, 'node_modules', name, 'package.json');
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return null;
  }
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

export interface Machine {
  cpu: string;
  cpus: number;
  ramGb: number;
  os: string;
  node: string;
  postgres: string | null;
  pglite: string | null;
  commit: string | null;
  date: string;
  scale: BenchOptions['scale'];
}

async function describeMachine(scale: BenchOptions['scale']): Promise<Machine> {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cpus: cpus.length,
    ramGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: osName(),
    node: process.version,
    postgres: await postgresVersion(),
    pglite: packageVersion('@electric-sql/pglite'),
    commit: gitCommit(),
    date: new Date().toISOString(),
    scale,
  };
}

function formatNumber(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return value === null ? '—' : String(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return value.toFixed(0);
  if (magnitude >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The results as a Markdown table, preceded by the machine's description. */
export function markdown(machine: Machine, lines: BenchLine[]): string {
  const out = [
    `Machine: ${machine.cpu} × ${machine.cpus}, ${machine.ramGb} GB RAM, ${machine.os}; Node ${machine.node}; ` +
      `PostgreSQL ${machine.postgres ?? '(not measured: DATABASE_URL unset)'}; PGlite ${machine.pglite ?? '?'}; ` +
      `scale ${machine.scale}; ${machine.date}${machine.commit ? `; commit ${machine.commit}` : ''}.`,
    '',
    '| name | backend | value | baseline | ratio | target | correct | comparison |',
    '|---|---|---:|---:|---:|---|---|---|',
  ];
  for (const line of lines) {
    const correct = line.correctness
      ? `${line.correctness.ok ? 'yes' : '**NO**'}: ${line.correctness.detail}`
      : '';
    out.push(
      `| ${[
        line.name,
        line.backend,
        `${formatNumber(line.value)} ${line.unit}`,
        line.baseline === null ? '—' : `${formatNumber(line.baseline)} ${line.unit}`,
        line.ratio === null ? '—' : formatNumber(line.ratio),
        line.target ?? '',
        correct,
        line.comparison ?? '',
      ]
        .map(cell)
        .join(' | ')} |`,
    );
  }
  return `${out.join('\n')}\n`;
}

async function main(): Promise<number> {
  const { options, only } = parseArguments(process.argv.slice(2));
  const machine = await describeMachine(options.scale);
  const lines: BenchLine[] = [];
  const started = performance.now();
  for (const [name, bench] of benches) {
    if (only && !only.includes(name)) continue;
    const start = performance.now();
    console.error(`▶ ${name} (${options.scale})`);
    let produced: BenchLine[];
    try {
      produced = await bench(options);
    } catch (error) {
      // A crashed bench measured nothing: report it as a correctness failure, carry on with the others.
      console.error(error);
      produced = [
        {
          name: `${name}-crashed`,
          backend: 'node',
          value: 0,
          unit: 'count',
          baseline: null,
          ratio: null,
          correctness: { ok: false, detail: (error as Error).message ?? String(error) },
        },
      ];
    }
    for (const line of produced) {
      lines.push(line);
      console.log(JSON.stringify(line));
    }
    console.error(`  ${name}: ${((performance.now() - start) / 1000).toFixed(1)} s`);
  }
  const dir = path.join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'latest.json'), `${JSON.stringify({ machine, results: lines }, null, 2)}\n`);
  writeFileSync(path.join(dir, 'latest.md'), markdown(machine, lines));
  await closeRegions(); // the generated region the data benches shared (its PostgreSQL database dropped)
  const failures = lines.filter((line) => line.correctness?.ok === false);
  console.error(
    `${lines.length} results in ${((performance.now() - started) / 1000).toFixed(0)} s → bench/results/latest.json, latest.md`,
  );
  for (const failure of failures)
    console.error(`INCORRECT ${failure.name} (${failure.backend}): ${failure.correctness?.detail}`);
  return failures.length ? 1 : 0;
}

// Exit explicitly: a database pool or a browser left behind by a bench must not keep the process alive.
process.exit(await main());
