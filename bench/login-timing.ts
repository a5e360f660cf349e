import { performance } from 'node:perf_hooks';
import { systemActor } from '../src/lib/actor.ts';
import { loadConfig } from '../src/lib/config.ts';
import { insertUser } from '../src/modules/organisations/users.ts';
import { buildApp } from '../src/server/app.ts';
import { onEmbedded } from './databases.ts';
import type { Bench, BenchLine } from './format.ts';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/**
 * A wrong password and an unknown account must take the same time and get the same answer, or the login
 * form tells an attacker which e-mail addresses have accounts. Baseline: a wrong password for an
 * existing account. Correctness: both answers are byte-for-byte the same (status and body).
 */
export const loginTiming: Bench = ({ scale }) => {
  const rounds = scale === 'full' ? 100 : 40;
  return onEmbedded(async (database): Promise<BenchLine[]> => {
    const app = await buildApp({ database, config: loadConfig({ PORT: '0' }), serveWeb: false });
    await app.ready();
    const emails: string[] = [];
    // One account per attempt, so login throttling (10 failures per account) never kicks in.
    for (let i = 0; i < rounds; i++) {
      const user = await database.db.transaction((tx) =>
        insertUser(tx, systemActor(), {
          email: `bench${i}@example.org`,
          name: 'Bench',
          password: 'the right password',
        }),
      );
      emails.push(user.email);
    }
    const answers = new Set<string>();
    const time = async (email: string, ip: string) => {
      const start = performance.now();
      const reply = await app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { email, password: 'a wrong password' },
        remoteAddress: ip,
      });
      const elapsed = performance.now() - start;
      answers.add(`${reply.statusCode} ${reply.body}`);
      return elapsed;
    };
    const wrongPassword: number[] = [];
    const unknownAccount: number[] = [];
    for (let i = 0; i < rounds; i++) {
      // Alternate the order so drift on a noisy machine hits both sides alike; one address per pair so
      // the per-address rate limit never answers instead of the login.
      const ip = `127.0.${Math.floor(i / 200)}.${i % 200}`;
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
    const [answer] = answers;
    return [
      {
        name: 'login-unknown-account-median',
        backend: 'pglite',
        value: unknown,
        unit: 'ms',
        baseline: wrong,
        ratio: unknown / wrong,
        target: 'between 0.9 and 1.1',
        comparison: `median time of a login with an unknown e-mail / with a wrong password for an existing account (${rounds} each, interleaved)`,
        correctness: {
          ok: answers.size === 1 && answer?.startsWith('401') === true,
          detail:
            answers.size === 1
              ? `both answered ${answer?.slice(0, 3)}, same body`
              : `${answers.size} different answers: ${[...answers].map((a) => a.slice(0, 60)).join(' / ')}`,
        },
      },
    ];
  });
};
