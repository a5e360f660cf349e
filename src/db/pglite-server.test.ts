import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Database, openEmbeddedDatabase } from './connection.ts';

let database: Database;
beforeAll(async () => {
  database = await openEmbeddedDatabase({});
  await database.pool.query('CREATE TABLE probe (n int)');
});
afterAll(() => database.close());

it('never mixes one connection’s statement with another’s parameters under concurrent load', async () => {
  // Distinct statement texts: interleaved Parse/Bind messages would run the wrong statement or fail.
  const results = await Promise.all(
    Array.from({ length: 120 }, (_, i) =>
      database.pool.query(`SELECT $1::int * 1000 + ${i} AS n, '${'x'.repeat(i % 7)}' AS pad`, [i]),
    ),
  );
  results.forEach((result, i) => {
    expect(result.rows[0].n).toBe(i * 1000 + i);
  });
});

it('keeps transactions whole while other connections query', async () => {
  const work = Array.from({ length: 60 }, async (_, i) => {
    if (i % 3 === 0) {
      const client = await database.pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('INSERT INTO probe VALUES ($1)', [i]);
        await client.query('SELECT count(*) FROM probe WHERE n > $1', [0]);
        if (i % 2 === 0) await client.query('COMMIT');
        else await client.query('ROLLBACK');
      } finally {
        client.release();
      }
    } else {
      await database.pool.query('SELECT count(*) FROM probe WHERE n >= $1', [i]);
    }
  });
  await Promise.all(work);
  const { rows } = await database.pool.query('SELECT count(*)::int AS n FROM probe');
  // i in 0..59, multiple of 3 and of 2 → multiple of 6 → 10 committed rows.
  expect(rows[0].n).toBe(10);
});

it('rolls back the transaction of a connection that disappears, and serves the others', async () => {
  const client = await database.pool.connect();
  await client.query('BEGIN');
  await client.query('INSERT INTO probe VALUES (-1)');
  client.release(new Error('simulated crash')); // destroys the connection mid-transaction
  const { rows } = await database.pool.query('SELECT count(*)::int AS n FROM probe WHERE n = -1');
  expect(rows[0].n).toBe(0);
});
