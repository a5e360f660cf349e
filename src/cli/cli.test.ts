import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeAt } from '../modules/organisations/totp.ts';

/** The real `seconde-vie` command, run as a user would, on a data directory of this test's own. */
const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/seconde-vie.mjs');

function run(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, DATABASE_URL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve'], {
      env: { ...process.env, DATABASE_URL: '', PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const onData = (d: Buffer) => {
      output += d;
      const match = output.match(/running: (http:\/\/localhost:\d+)/);
      if (match?.[1]) resolve({ child, url: match[1] });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('close', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}

describe('the seconde-vie command', () => {
  let dataDir: string;
  let server: { child: ChildProcess; url: string };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'sv-cli-'));
    server = await startServer({ DATA_DIR: dataDir });
  });
  afterAll(() => {
    server?.child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses to start a second server on the same data directory', async () => {
    const second = await run(['serve'], { DATA_DIR: dataDir, PORT: '0' });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('is in use by another Seconde Vie process');
    expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
  });

  it('loads the demo through the running server, and the login page then lists the demo accounts', async () => {
    const demo = await run(['demo'], { DATA_DIR: dataDir, LC_ALL: '', LC_MESSAGES: '', LANG: 'fr_FR.UTF-8' });
    expect(demo.code).toBe(0);
    expect(demo.stdout).toContain('demo-seconde-vie');
    // Roles as the app names them, in the terminal's language, not their codes.
    expect(demo.stdout).toContain('Administrateur de la plateforme');
    expect(demo.stdout).toContain('Responsable');
    expect(demo.stdout).not.toMatch(/platform_admin|social_worker|\bviewer\b|\bmanager\b/);
    const setup = await (await fetch(`${server.url}/api/v1/setup`)).json();
    expect(setup.hasUsers).toBe(true);
    expect(setup.demoAccounts.length).toBeGreaterThan(3);
    const login = await fetch(`${server.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: setup.demoAccounts[1].email, password: 'demo-seconde-vie' }),
    });
    expect(login.status).toBe(200);
  }, 120_000);

  it('anonymises the people with no contact for two years, after a dry run that changes nothing', async () => {
    const dryRun = await run(['anonymise', '--dry-run'], { DATA_DIR: dataDir });
    expect(dryRun.code, dryRun.stderr).toBe(0);
    expect(dryRun.stdout).toMatch(
      /1 people with no contact since \d{4}-\d{2}-\d{2} \(24 months\) would be anonymised/,
    );
    expect(dryRun.stdout).toContain('CCAS de Saint-Aubin-sur-Loire: 1');
    const real = await run(['anonymise'], { DATA_DIR: dataDir });
    expect(real.stdout).toMatch(/1 people .* anonymised\./);
    const again = await run(['anonymise', '--dry-run'], { DATA_DIR: dataDir });
    expect(again.stdout).toMatch(/^0 people/m);
  });

  it('creates an administrator from the command line, with the password rules of the app', async () => {
    const short = await run(
      ['user', 'create', '--admin', '--email', 'root@example.org', '--password', 'short'],
      { DATA_DIR: dataDir },
    );
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('at least 12 characters');
    const ok = await run(
      ['user', 'create', '--admin', '--email', 'root@example.org', '--password', 'a long enough secret'],
      { DATA_DIR: dataDir },
    );
    expect(ok.code).toBe(0);
    const login = await fetch(`${server.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'root@example.org', password: 'a long enough secret' }),
    });
    expect((await login.json()).user.isPlatformAdmin).toBe(true);
  });

  it('removes the second factor of an account whose phone is lost, ending its sessions', async () => {
    const email = 'lost.phone@example.org';
    const password = 'a long enough secret';
    expect(
      (await run(['user', 'create', '--email', email, '--password', password], { DATA_DIR: dataDir })).code,
    ).toBe(0);
    const call = (path: string, body: unknown, cookie = '') =>
      fetch(`${server.url}/api/v1${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify(body),
      });
    const login = await call('/session', { email, password });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { secret } = (await (await call('/me/totp', { password }, cookie)).json()) as { secret: string };
    const confirmed = await call(
      '/me/totp/confirm',
      { code: codeAt(secret, new Date(Date.now() - 30_000)) },
      cookie,
    );
    expect(confirmed.status).toBe(200);
    expect((await call('/session', { email, password })).status).toBe(202);

    const off = await run(['user', 'totp-off', email], { DATA_DIR: dataDir, LANG: 'en_GB.UTF-8' });
    expect(off.code).toBe(0);
    expect(off.stdout).toContain(`Two-factor authentication removed from ${email}`);
    const me = await fetch(`${server.url}/api/v1/me`, { headers: { cookie } });
    expect(me.status).toBe(401);
    expect((await call('/session', { email, password })).status).toBe(200);

    const again = await run(['user', 'totp-off', email], { DATA_DIR: dataDir, LANG: 'fr_FR.UTF-8' });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('n’est pas activée');
    const unknown = await run(['user', 'totp-off', 'nobody@example.org'], { DATA_DIR: dataDir, LANG: 'C' });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No account has the address nobody@example.org');
  });
});

it('names DATABASE_URL, with the password masked, when the server cannot be reached', async () => {
  const result = await run(['migrate'], { DATABASE_URL: 'postgres://app:s3cret-pw@127.0.0.1:1/seconde_vie' });
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('DATABASE_URL=postgres://app:***@127.0.0.1:1/seconde_vie');
  expect(result.stderr).not.toContain('s3cret-pw');
});
