import { performance } from 'node:perf_hooks';
import { systemActor } from '../src/lib/actor.ts';
import { loadConfig } from '../src/lib/config.ts';
import { insertUser } from '../src/modules/organisations/users.ts';
import { buildApp } from '../src/server/app.ts';
import { onEmbedded } from './databases.ts';
import type { BenchResult } from './run.ts';

const ROUNDS = 40;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/**
 * A wrong password and an unknown account must take the same time, or the login form tells an attacker
 * which e-mail addresses have accounts. Baseline: a wrong password for an existing account.
 */
export function loginTiming(): Promise<BenchResult> {
  return onEmbedded(async (database) => {
    const app = await buildApp({ database, config: loadConfig({ PORT: '0' }), serveWeb: false });
    await app.ready();
    const emails: string[] = [];
    // One account per attempt, so login throttling (10 failures per account) never kicks in.
    for (let i = 0; i < ROUNDS; i++) {
      const user = await database.db.transaction((tx) =>
        insertUser(tx, systemActor(), {
          email: `bench${i}@example.org`,
          name: 'Bench',
          password: 'the right password',
        }),
      );
      emails.push(user.email);
    }
    const time = async (email: string, ip: string) => {
      const start = performance.now();
      await app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { email, password: 'a wrong password' },
        remoteAddress: ip,
      });
      return performance.now() - start;
    };
    const wrongPassword: number[] = [];
    const unknownAccount: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      // Alternate the order so drift on a noisy machine hits both sides alike.
      const ip = `127.0.${Math.floor(i / 20)}.${i % 20}`;
      if (i % 2 === 0) {
        wrongPassword.push(await time(emails[i] as string, ip));
        unknownAccount.push(await time(`nobody${i}@example.org`, ip));
      } else {
        unknownAccount.push(await time(`nobody${i}@example.org`, ip));
        wrongPassword.push(await time(emails[i] as string, ip));
      }
    }
    await app.close();
    const wrong = median(wrongPassword);
    const unknown = median(unknownAccount);
    return {
      name: 'login: unknown account vs wrong password',
      comparison: 'median time for an unknown account / median time for a wrong password',
      ratio: unknown / wrong,
      target: 'between 0.9 and 1.1',
      details: {
        rounds: ROUNDS,
        wrongPasswordMedianMs: wrong.toFixed(1),
        unknownAccountMedianMs: unknown.toFixed(1),
      },
    };
  });
}
