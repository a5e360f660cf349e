import { expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { decodeCursor, encodeCursor, toPage } from './pagination.ts';

it('round-trips a cursor and refuses a forged one', () => {
  const cursor = encodeCursor(['éléonore', 'b7c2']);
  expect(decodeCursor(cursor, 2)).toEqual(['éléonore', 'b7c2']);
  expect(() => decodeCursor('not base64 json', 2)).toThrow(AppError);
  expect(() => decodeCursor(encodeCursor(['a']), 2)).toThrow(AppError);
  expect(decodeCursor(undefined, 2)).toBeNull();
});

it('gives a next cursor only when more rows exist', () => {
  const rows = [1, 2, 3].map((n) => ({ n }));
  expect(toPage(rows, 3, (r) => [r.n]).nextCursor).toBeNull();
  const page = toPage(rows, 2, (r) => [r.n]);
  expect(page.items).toEqual([{ n: 1 }, { n: 2 }]);
  expect(decodeCursor(page.nextCursor ?? undefined, 1)).toEqual([2]);
});
