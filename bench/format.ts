/**
 * The benchmarks' result format. Every bench module exports one `Bench`; run.ts prints each line as one
 * JSON object, writes them all to bench/results/latest.json and a table to bench/results/latest.md.
 */

/** Where a figure was measured. */
export type Backend = 'pglite' | 'postgres' | 'browser' | 'node';

/** One measured figure, compared with a baseline measured in the same run. */
export interface BenchLine {
  /** Stable, kebab-case: 'device-search-p95'. */
  name: string;
  backend: Backend;
  value: number;
  /** 'ms' | 'KB' | 'req/s' | 'MB' | 'count' | ... */
  unit: string;
  /** The same-run baseline's value (same unit), null when none. */
  baseline: number | null;
  /** value / baseline (say in `comparison` if the ratio is baseline-relative otherwise). */
  ratio: number | null;
  /** The target in words: '≤ 3', '≥ 0.5', '< 50 ms'. */
  target?: string;
  /** What is compared with what. */
  comparison?: string;
  /** CI fails only when ok === false. */
  correctness?: { ok: boolean; detail: string };
}

export interface BenchOptions {
  scale: 'reduced' | 'full';
}

export type Bench = (options: BenchOptions) => Promise<BenchLine[]>;
