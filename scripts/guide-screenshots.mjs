#!/usr/bin/env node
// `npm run docs:screenshots`: builds the web app (when its sources changed since the last build; --force to
// always), then runs only the browser test that walks the user guide's tasks on the demo network, with
// GUIDE_SCREENSHOTS_DIR pointing at docs/guide/images so that the test writes the guide's screenshots there
// (without it, the test writes them to a temporary folder).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function run(args, env = {}) {
  const result = spawnSync(process.execPath, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run([
  path.join(root, 'scripts/ensure-web-build.mjs'),
  ...process.argv.slice(2).filter((a) => a === '--force'),
]);
run(
  [
    path.join(root, 'node_modules/vitest/vitest.mjs'),
    'run',
    '--config',
    'vitest.e2e.config.ts',
    'test/e2e/guide-screenshots.test.ts',
  ],
  { GUIDE_SCREENSHOTS_DIR: path.join(root, 'docs/guide/images') },
);
