/**
 * French organisation identifiers. Pure functions shared by the API's validation and the web forms.
 */

/** Strips the spaces and dots people type inside SIRET/SIREN numbers. */
export function normaliseSiret(value: string): string {
  return value.replace(/[\s.]/g, '');
}

/** Luhn checksum over a string of digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const LA_POSTE_SIREN = '356000000';

/**
 * A SIRET is 14 digits (SIREN + NIC) passing the Luhn check. La Poste's establishments are the one
 * documented exception: their digits sum to a multiple of 5 instead.
 */
export function isValidSiret(value: string): boolean {
  const siret = normaliseSiret(value);
  if (!/^\d{14}$/.test(siret)) return false;
  if (siret.startsWith(LA_POSTE_SIREN) && siret !== '35600000000048') {
    const sum = [...siret].reduce((acc, c) => acc + Number(c), 0);
    return sum % 5 === 0;
  }
  return luhnValid(siret);
}

/**
 * An association's RNA number: `W` then 9 characters. Most are digits, but the prefecture part may hold
 * letters (Corsica's `2A`/`2B`, some overseas prefectures), so letters are accepted there.
 */
export function isValidRna(value: string): boolean {
  return /^W[0-9A-Z]{3}\d{6}$/.test(normaliseRna(value));
}

export function normaliseRna(value: string): string {
  return value.trim().toUpperCase();
}

/** A French postcode: 5 digits (overseas departments included). */
export function isValidPostcode(value: string): boolean {
  return /^\d{5}$/.test(value.trim());
}
