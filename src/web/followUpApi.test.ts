import { describe, expect, it } from 'vitest';
import { ApiError } from './api.ts';
import { goneReason } from './followUpApi.ts';

const gone = (detail: string) =>
  new ApiError({ status: 410, code: 'GONE', title: 'Lien plus valable', detail });

describe('goneReason', () => {
  it('tells an answered link from an expired or closed one, in French and in English', () => {
    expect(goneReason(gone('Ce questionnaire a déjà été rempli. Merci pour vos réponses !'))).toBe(
      'answered',
    );
    expect(
      goneReason(gone('This questionnaire has already been answered. Thank you for your answers!')),
    ).toBe('answered');
    expect(
      goneReason(gone('Ce lien ne marche plus : il a expiré le 2027-01-01. Demandez un nouveau lien.')),
    ).toBe('expired');
    expect(goneReason(gone('This link no longer works: it expired on 2027-01-01.'))).toBe('expired');
    expect(goneReason(gone('Ce questionnaire n’est plus ouvert. Vous n’avez rien à faire.'))).toBe('closed');
  });

  it('is null for anything but a 410', () => {
    expect(
      goneReason(new ApiError({ status: 404, code: 'NOT_FOUND', title: '', detail: 'expired' })),
    ).toBeNull();
    expect(goneReason(new Error('expired'))).toBeNull();
  });
});
