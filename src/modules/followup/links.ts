/**
 * The secret links to a follow-up's questionnaire: 40 hexadecimal digits, only their hash kept, each
 * working 60 days or until the questionnaire is answered.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Executor } from '../../db/tx.ts';
import { followUpLinks } from './schema.ts';

/** How long a link works. */
export const LINK_DAYS = 60;

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The hash of a token of the shape we make; null for anything else (unknown, 404). */
export function hashOfToken(token: string): string | null {
  return /^[0-9a-f]{40}$/.test(token) ? tokenHash(token) : null;
}

/** The questionnaire's public page. */
export function questionnaireUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/suivi/${token}`;
}

/** Issues a new link (the earlier ones keep working until they expire); returns the token, shown once. */
export async function issueLink(
  tx: Executor,
  followUpId: string,
  channel: 'email' | 'reminder' | 'letter',
  at: Date = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(20).toString('hex');
  const expiresAt = new Date(at.getTime() + LINK_DAYS * 24 * 60 * 60 * 1000);
  await tx
    .insert(followUpLinks)
    .values({ followUpId, tokenHash: tokenHash(token), channel, issuedAt: at, expiresAt });
  return { token, expiresAt };
}
