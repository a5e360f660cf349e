import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { IMPORT_BODY_LIMIT } from '../modules/inventory/routes.ts';
import { permissionMap } from '../server/permission-map.ts';

/**
 * docs/deploy.md and the files it installs (docs/deploy/) stay true to the code: every `seconde-vie`
 * command and option they show exists in the real CLI, every npm script in package.json, every setting
 * is one the app reads and the README's configuration table describes, every API path is a route, and
 * the proxy lets the largest upload through.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

/** Upper-case words the deployment guide shows in code that are not settings: a problem code, psql's own variable. */
const NOT_SETTINGS = new Set(['UNAVAILABLE', 'ON_ERROR_STOP']);

interface DocFile {
  file: string;
  /** The lines of code blocks and the inline code spans (Markdown), or every line (the other files). */
  snippets: string[];
  /** The inline code spans alone (Markdown). */
  spans: string[];
}

function snippetsOf(file: string, text: string): DocFile {
  if (!file.endsWith('.md')) return { file, snippets: text.split('\n'), spans: [] };
  const snippets: string[] = [];
  const spans: string[] = [];
  let inBlock = false;
  for (const line of text.split('\n')) {
    if (/^\s*```/.test(line)) {
      inBlock = !inBlock;
      continue;
    }
    if (inBlock) snippets.push(line);
    else for (const match of line.matchAll(/`([^`]+)`/g)) spans.push(match[1] ?? '');
  }
  return { file, snippets: [...snippets, ...spans], spans };
}

function deploymentDocs(): DocFile[] {
  const files = [
    'docs/deploy.md',
    ...readdirSync(path.join(ROOT, 'docs/deploy'))
      .sort()
      .map((name) => `docs/deploy/${name}`),
  ];
  return files.map((file) => snippetsOf(file, read(file)));
}

/** The real program of src/cli/main.ts, caught as it is about to parse the command line (nothing runs). */
async function loadProgram(): Promise<Command> {
  let program: Command | undefined;
  const parse = vi.spyOn(Command.prototype, 'parseAsync').mockImplementation(async function (this: Command) {
    program = this;
    return this;
  });
  try {
    await import('./main.ts');
  } finally {
    parse.mockRestore();
  }
  if (!program) throw new Error('src/cli/main.ts built no commander program');
  return program;
}

/** `seconde-vie`, `npx seconde-vie`, `sudo seconde-vie`, `/usr/local/bin/seconde-vie`, `node bin/seconde-vie.mjs`. */
const INVOCATION =
  /(?:^|\bnpx\s+|\bsudo\s+|\bexec\s+)(?:\/usr\/local\/bin\/)?seconde-vie\s+(.*)|\bbin\/seconde-vie\.mjs\s+(.*)/g;
const SHELL_STOP = new Set(['&&', '||', '|', ';', '#', '>', '<', '2>&1']);

function hasOption(command: Command, long: string): boolean {
  return long === '--help' || command.options.some((option) => option.long === long);
}

/** What is wrong with the `seconde-vie …` commands of these snippets. */
function commandProblems(doc: DocFile, program: Command): string[] {
  const problems: string[] = [];
  const names = program.commands.map((c) => c.name());
  for (const snippet of doc.snippets) {
    for (const match of snippet.matchAll(INVOCATION)) {
      const tokens: string[] = [];
      for (const token of (match[1] ?? match[2] ?? '').trim().split(/\s+/)) {
        if (SHELL_STOP.has(token) || token.startsWith('#')) break;
        tokens.push(token.replace(/[)'"`]+$/, ''));
      }
      const [first, second] = tokens;
      if (!first) continue;
      if (first.startsWith('--')) {
        const long = first.split('=')[0] ?? first;
        if (long !== '--version' && !hasOption(program, long))
          problems.push(`${doc.file}: "seconde-vie ${long}" — the CLI has no such option`);
        continue;
      }
      if (!/^[a-z][a-z0-9-]*$/.test(first)) continue; // "$@" in the wrapper: whatever it is given
      const command = program.commands.find((c) => c.name() === first);
      if (!command) {
        problems.push(
          `${doc.file}: "seconde-vie ${first}" — no such command (the CLI has: ${names.join(', ')})`,
        );
        continue;
      }
      let target = command;
      let shown = first;
      if (command.commands.length > 0) {
        const sub = command.commands.find((c) => c.name() === second);
        if (!sub) {
          problems.push(
            `${doc.file}: "seconde-vie ${first} ${second ?? ''}" — no such subcommand (${first} has: ${command.commands.map((c) => c.name()).join(', ')})`,
          );
          continue;
        }
        target = sub;
        shown = `${first} ${second}`;
      }
      for (const token of tokens) {
        if (!token.startsWith('--')) continue;
        const long = token.split('=')[0] ?? token;
        if (!hasOption(target, long))
          problems.push(
            `${doc.file}: "seconde-vie ${shown} ${long}" — no such option (${shown} has: ${target.options.map((o) => o.long).join(', ') || 'none'})`,
          );
      }
    }
  }
  return problems;
}

const NPM_BUILTINS = new Set(['ci', 'install']);
const NPM_SCRIPT_SHORTCUTS = new Set(['start', 'test', 'stop', 'restart']);

function npmProblems(doc: DocFile, scripts: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const snippet of doc.snippets) {
    for (const match of snippet.matchAll(/\bnpm\s+(run\s+)?([a-z][\w:-]*)/g)) {
      const name = match[2] ?? '';
      if (!match[1] && NPM_BUILTINS.has(name)) continue;
      if (!match[1] && !NPM_SCRIPT_SHORTCUTS.has(name)) {
        problems.push(
          `${doc.file}: "npm ${name}" — not an npm command this guide expects (ci, install, run)`,
        );
        continue;
      }
      if (!(name in scripts))
        problems.push(`${doc.file}: "npm run ${name}" — no such script in package.json`);
    }
  }
  return problems;
}

/** The settings a snippet presents: `NAME=value`, or a code span that is just `NAME`. */
function settingsIn(doc: DocFile): string[] {
  const found = new Set<string>();
  for (const snippet of doc.snippets) {
    for (const match of snippet.matchAll(/(?:^|[\s#"'(])([A-Z][A-Z0-9_]*)=/g)) found.add(match[1] ?? '');
  }
  for (const span of doc.spans) if (/^[A-Z][A-Z0-9_]+$/.test(span.trim())) found.add(span.trim());
  return [...found].filter((name) => !NOT_SETTINGS.has(name));
}

/** Every environment variable the server's code reads (`env.NAME`, `env['NAME']`, commander's `.env('NAME')`). */
function variablesTheAppReads(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (rel !== 'src/web') walk(rel);
      } else if (/\.(ts|mjs)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) {
        const text = read(rel);
        for (const m of text.matchAll(/\benv(?:\.([A-Z][A-Z0-9_]*)\b|\[['"]([A-Z][A-Z0-9_]*)['"]\])/g))
          names.add(m[1] ?? m[2] ?? '');
        for (const m of text.matchAll(/\.env\(\s*['"]([A-Z][A-Z0-9_]*)['"]/g)) names.add(m[1] ?? '');
      }
    }
  };
  walk('src');
  return names;
}

/** The variables named in the first column of the README's configuration table. */
function readmeConfigurationTable(): Set<string> {
  const readme = read('README.md');
  const section = readme.split(/^## Configuration\s*$/m)[1]?.split(/^## /m)[0] ?? '';
  const names = new Set<string>();
  for (const line of section.split('\n')) {
    if (!line.startsWith('|')) continue;
    const firstCell = line.split('|')[1] ?? '';
    for (const m of firstCell.matchAll(/`([A-Z][A-Z0-9_]*)`/g)) names.add(m[1] ?? '');
  }
  return names;
}

function settingProblems(doc: DocFile, appReads: Set<string>, table: Set<string>): string[] {
  const problems: string[] = [];
  for (const name of settingsIn(doc)) {
    if (!appReads.has(name))
      problems.push(`${doc.file}: setting ${name} — the app never reads it (no env.${name} in src)`);
    else if (!table.has(name))
      problems.push(`${doc.file}: setting ${name} — missing from the README's configuration table`);
  }
  return problems;
}

/** `GET /api/v1/…` keys of the permission map, as patterns. */
const ROUTES = Object.keys(permissionMap).map((key) => {
  const [method, route] = key.split(' ');
  const pattern = (route ?? '').replace(/\{[^}]+\}|:[A-Za-z]+/g, '[^/]+');
  return { method: method ?? '', route: route ?? '', regexp: new RegExp(`^${pattern}$`) };
});

function apiProblems(doc: DocFile): string[] {
  const problems: string[] = [];
  for (const snippet of doc.snippets) {
    for (const match of snippet.matchAll(/\/api\/v1\/[A-Za-z0-9/_{}:.-]*[A-Za-z0-9}]/g)) {
      const used = match[0];
      if (!ROUTES.some((r) => r.regexp.test(used)))
        problems.push(`${doc.file}: ${used} — no such API route (src/server/permission-map.ts)`);
    }
  }
  return problems;
}

/** nginx's size syntax: 11m, 512k, 1g, or bytes. */
function nginxBytes(size: string): number {
  const m = /^(\d+)([kKmMgG]?)$/.exec(size);
  if (!m) throw new Error(`not an nginx size: ${size}`);
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(m[2] ?? '').toLowerCase()] ?? 1;
  return Number(m[1]) * unit;
}

let program: Command;
let docs: DocFile[];
beforeAll(async () => {
  program = await loadProgram();
  docs = deploymentDocs();
});

describe('docs/deploy.md and docs/deploy/', () => {
  it('shows only seconde-vie commands, subcommands and options the CLI has', () => {
    const one = new RegExp(INVOCATION.source);
    const invocations = docs.flatMap((doc) => doc.snippets.filter((s) => one.test(s)));
    expect(invocations.length).toBeGreaterThan(10);
    expect(docs.flatMap((doc) => commandProblems(doc, program))).toEqual([]);
  });

  it('runs only npm scripts that package.json has', () => {
    const { scripts } = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(docs.flatMap((doc) => npmProblems(doc, scripts))).toEqual([]);
  });

  it('presents as settings only variables the app reads and the README describes', () => {
    const appReads = variablesTheAppReads();
    const table = readmeConfigurationTable();
    expect(appReads).toContain('DATABASE_URL');
    expect(table).toContain('DATABASE_URL');
    const shown = new Set(docs.flatMap(settingsIn));
    for (const name of ['DATA_DIR', 'DATABASE_URL', 'ADMIN_EMAIL', 'TRUST_PROXY', 'SMTP_URL', 'BACKUP_HOUR'])
      expect(shown).toContain(name);
    expect(docs.flatMap((doc) => settingProblems(doc, appReads, table))).toEqual([]);
  });

  it('names only API routes that exist, and the health check needs no login', () => {
    expect(docs.flatMap(apiProblems)).toEqual([]);
    expect(permissionMap['GET /api/v1/health']?.access).toEqual({ kind: 'public' });
    expect(permissionMap['GET /api/v1/admin/jobs']?.access).toEqual({ kind: 'platformAdmin' });
    expect(read('src/web/App.tsx')).toContain('path="taches"');
  });

  it('lets the largest upload through the proxy, to the port the settings give', () => {
    const nginx = read('docs/deploy/nginx.conf');
    const env = read('docs/deploy/seconde-vie.env');
    const size = /client_max_body_size\s+(\S+);/.exec(nginx)?.[1] ?? '0';
    // A 10 MB XLSX arrives in a multipart form: its boundaries and headers come on top.
    expect(nginxBytes(size)).toBeGreaterThanOrEqual(IMPORT_BODY_LIMIT + 64 * 1024);
    const port = /^PORT=(\d+)$/m.exec(env)?.[1];
    expect(nginx).toContain(`proxy_pass http://127.0.0.1:${port};`);
    expect(nginx).toContain('proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;');
    expect(nginx).toContain('proxy_set_header X-Forwarded-Proto $scheme;');
    expect(env).toMatch(/^TRUST_PROXY=1$/m);
    expect(env).toMatch(/^HOST=127\.0\.0\.1$/m);
    const caddy = /max_size (\d+)MB/.exec(read('docs/deploy.md'))?.[1];
    expect(Number(caddy) * 1024 * 1024).toBeGreaterThanOrEqual(IMPORT_BODY_LIMIT + 64 * 1024);
  });

  it('lets the units write where the settings put the data and the backups', () => {
    const env = read('docs/deploy/seconde-vie.env');
    const server = read('docs/deploy/seconde-vie.service');
    const backup = read('docs/deploy/seconde-vie-backup.service');
    const wrapper = read('docs/deploy/seconde-vie.sh');
    const dataDir = /^DATA_DIR=(\S+)$/m.exec(env)?.[1] ?? '';
    const writable = (unit: string) => (/^ReadWritePaths=(.*)$/m.exec(unit)?.[1] ?? '').split(/\s+/);
    expect(writable(server).some((dir) => dataDir.startsWith(`${dir}/`))).toBe(true);
    expect(writable(backup).some((dir) => dataDir.startsWith(`${dir}/`))).toBe(true);
    const backupTarget = /backup --force (\/\S+)\//.exec(backup)?.[1] ?? '';
    expect(writable(backup)).toContain(backupTarget);
    for (const unit of [server, backup]) {
      expect(unit).toContain(`EnvironmentFile=${/^env_file=(\S+)$/m.exec(wrapper)?.[1]}`);
      expect(unit).toContain(`WorkingDirectory=${/^app_dir=(\S+)$/m.exec(wrapper)?.[1]}`);
      expect(unit).not.toMatch(/^MemoryDenyWriteExecute=(true|yes)/m); // V8 and WebAssembly need it off
    }
    expect(server).toMatch(/^Restart=on-failure$/m);
    expect(server).toMatch(/^ProtectSystem=strict$/m);
    expect(server).toMatch(/^NoNewPrivileges=true$/m);
  });

  it('finds a made-up command, option, script, setting and route, and names them', () => {
    const made: DocFile = {
      file: 'made-up.md',
      spans: ['LANG'],
      snippets: [
        'npx seconde-vie bakcup /tmp/x.svbackup',
        'sudo seconde-vie restore --frobnicate FILE',
        'sudo seconde-vie user delete EMAIL',
        'npm run deploy',
        'FROB_LEVEL=3 npx seconde-vie serve',
        'LANG',
        'curl http://127.0.0.1:3000/api/v1/healthz',
      ],
    };
    expect(commandProblems(made, program)).toEqual([
      expect.stringContaining('"seconde-vie bakcup" — no such command'),
      expect.stringContaining('"seconde-vie restore --frobnicate" — no such option'),
      expect.stringContaining('"seconde-vie user delete" — no such subcommand'),
    ]);
    expect(npmProblems(made, { build: 'vite build' })).toEqual([
      expect.stringContaining('"npm run deploy" — no such script'),
    ]);
    expect(settingProblems(made, variablesTheAppReads(), readmeConfigurationTable())).toEqual([
      expect.stringContaining('setting FROB_LEVEL — the app never reads it'),
      expect.stringContaining('setting LANG — missing from the README'),
    ]);
    expect(apiProblems(made)).toEqual([expect.stringContaining('/api/v1/healthz — no such API route')]);
  });
});

describe('the health answer the guide shows', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('has the fields of the real answer', async () => {
    const shown = /`200 (\{"status"[^`]*\})`/.exec(read('docs/deploy.md'))?.[1];
    expect(shown, 'docs/deploy.md shows the health answer as `200 {…}`').toBeDefined();
    const documented = JSON.parse(shown ?? '{}') as Record<string, unknown>;
    const res = await t.anonymous.get('/health');
    expect(res.statusCode).toBe(200);
    expect(Object.keys(documented).sort()).toEqual(Object.keys(res.json()).sort());
    expect(documented.status).toBe(res.json().status);
  });
});
