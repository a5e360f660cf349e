/**
 * Benchmarks: `npm run bench`. Each result is a ratio against a baseline measured in the same run, so
 * noisy machines still give comparable figures. Results are printed and written to
 * bench/results/latest.local.json (not committed).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deviceImport } from './device-import.ts';
import { loginTiming } from './login-timing.ts';
import { networkDashboardBench } from './network-dashboard.ts';
import { peopleSearch } from './people-search.ts';
import { programmeReportBench } from './programme-report.ts';
import { stockSearch } from './stock-search.ts';

export interface BenchResult {
  name: string;
  /** What is compared with what, in words. */
  comparison: string;
  ratio: number;
  target: string;
  details: Record<string, number | string>;
}

const benches: (() => Promise<BenchResult>)[] = [
  loginTiming,
  deviceImport,
  stockSearch,
  peopleSearch,
  programmeReportBench,
  networkDashboardBench,
];

const results: BenchResult[] = [];
for (const bench of benches) {
  const result = await bench();
  results.push(result);
  console.log(
    `\n${result.name}\n  ${result.comparison}: ratio ${result.ratio.toFixed(3)} (target ${result.target})`,
  );
  for (const [key, value] of Object.entries(result.details)) console.log(`  ${key}: ${value}`);
}
const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
mkdirSync(dir, { recursive: true });
writeFileSync(
  path.join(dir, 'latest.local.json'),
  `${JSON.stringify({ at: new Date().toISOString(), results }, null, 2)}\n`,
);
