import { describe, expect, it } from 'vitest';
import { startTestApp } from '../../test/support/app.ts';
import { findForbiddenCharacter } from './json-body.ts';

describe('characters PostgreSQL cannot store', () => {
  it('finds a NUL or a lone surrogate and says where, in values and keys', () => {
    expect(findForbiddenCharacter({ name: 'Ada', lines: [{ note: 'ok' }, { note: 'a\u0000b' }] })).toEqual({
      path: 'lines.1.note',
      messageKey: 'errors.nul_character',
    });
    expect(findForbiddenCharacter({ history: { note: 'x\ud800' } })).toEqual({
      path: 'history.note',
      messageKey: 'errors.lone_surrogate',
    });
    expect(findForbiddenCharacter({ grid: { ['\udc00']: 1 } })).toEqual({
      path: 'grid',
      messageKey: 'errors.lone_surrogate',
    });
    expect(findForbiddenCharacter('\udfff')).toEqual({ path: 'body', messageKey: 'errors.lone_surrogate' });
  });

  it('walks a body nested 100,000 deep without overflowing, and finds the character at the bottom', () => {
    let deep: unknown = 'a\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findForbiddenCharacter(deep)?.messageKey).toBe('errors.nul_character');
    expect(findForbiddenCharacter({ a: deep })?.path).toMatch(/^a(\.0)+$/);
  });

  it('accepts ordinary text, accents and characters outside the basic plane (a surrogate pair)', () => {
    expect(
      findForbiddenCharacter({ name: 'Élodie Ñúñez 😀', tags: ['𝔘', 'Œuvre'], n: 3, ok: true }),
    ).toBeNull();
  });

  it('refuses such a body with the field named, in French, and records nothing (a 50,000-deep body too)', async () => {
    const t = await startTestApp();
    try {
      const admin = await t.admin();
      const raw = await t.app.inject({
        method: 'POST',
        url: '/api/v1/organisations',
        headers: { ...admin.headers, 'content-type': 'application/json' },
        payload: '{"name":"Atelier \\ud800","kinds":["refurbisher"]}',
      });
      expect(raw.statusCode).toBe(400);
      const problem = raw.json() as { code: string; detail: string; errors: { path: string }[] };
      expect(problem.code).toBe('INVALID_INPUT');
      expect(problem.errors[0]?.path).toBe('name');
      expect(problem.detail).toMatch(/caractère/);
      const deep = await t.app.inject({
        method: 'POST',
        url: '/api/v1/organisations',
        headers: { ...admin.headers, 'content-type': 'application/json' },
        payload: `${'['.repeat(50_000)}"x"${']'.repeat(50_000)}`,
      });
      expect(deep.statusCode).toBe(400);
      const list = JSON.stringify((await admin.get('/organisations')).json());
      expect(list).not.toContain('Atelier');
    } finally {
      await t.close();
    }
  });
});
