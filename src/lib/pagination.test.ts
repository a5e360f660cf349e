import { expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { decodeCursor, encodeCursor, toPage } from './pagination.ts';

it('round-trips a cursor and refuses a forged one', () => {
  const id = '3b241101-e2bb-4255-8caf-4136c566a962';
  const cursor = encodeCursor(['éléonore', id]);
  expect(decodeCursor(cursor, ['text', 'uuid'])).toEqual(['éléonore', id]);
  expect(() => decodeCursor('not base64 json', ['text', 'uuid'])).toThrow(AppError);
  expect(() => decodeCursor(encodeCursor(['a']), ['text', 'uuid'])).toThrow(AppError);
  expect(decodeCursor(undefined, ['text', 'uuid'])).toBeNull();
});

it('refuses cursor values of the wrong kind before they reach SQL', () => {
  expect(() => decodeCursor(encodeCursor(['a', 'not-a-uuid']), ['text', 'uuid'])).toThrow(AppError);
  expect(() =>
    decodeCursor(encodeCursor(['yesterday', '3b241101-e2bb-4255-8caf-4136c566a962']), ['instant', 'uuid']),
  ).toThrow(AppError);
  expect(() => decodeCursor(encodeCursor(['12']), ['int'])).toThrow(AppError);
  expect(decodeCursor(encodeCursor(['2026-11-25 15:50:12.345678+00']), ['instant'])).toEqual([
    '2026-11-25 15:50:12.345678+00',
  ]);
});

it('gives a next cursor only when more rows exist', () => {
  const rows = [1, 2, 3].map((n) => ({ n }));
  expect(toPage(rows, 3, (r) => [r.n]).nextCursor).toBeNull();
  const page = toPage(rows, 2, (r) => [r.n]);
  expect(page.items).toEqual([{ n: 1 }, { n: 2 }]);
  expect(decodeCursor(page.nextCursor ?? undefined, ['int'])).toEqual([2]);
});
