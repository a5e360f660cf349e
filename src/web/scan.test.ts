import { describe, expect, it } from 'vitest';
import { scanTarget } from './scan.ts';

const ID = '0b9f2c3e-5a61-4d7e-9c1a-2f3e4d5a6b7c';

describe('reading a scanned label', () => {
  it('finds the device in the address a QR code holds, whatever the host', () => {
    expect(scanTarget(`https://seconde-vie.example.org/appareils/${ID}`)).toEqual({ kind: 'device', id: ID });
    expect(scanTarget(`  http://127.0.0.1:3600/appareils/${ID.toUpperCase()}?from=label \n`)).toEqual({
      kind: 'device',
      id: ID,
    });
    expect(scanTarget(`/appareils/${ID}`)).toEqual({ kind: 'device', id: ID });
  });

  it('keeps reading asset tags, bare or inside other text', () => {
    expect(scanTarget('SV-000123')).toEqual({ kind: 'tag', tag: 'SV-000123' });
    expect(scanTarget(' sv000123 ')).toEqual({ kind: 'tag', tag: 'sv000123' });
    expect(scanTarget('https://example.org/stock?q=SV-000042')).toEqual({ kind: 'tag', tag: 'SV-000042' });
  });

  it('does not take a truncated or longer identifier for a device', () => {
    expect(scanTarget(`https://example.org/appareils/${ID.slice(0, 30)}`).kind).toBe('tag');
    expect(scanTarget(`https://example.org/appareils/${ID}abc`).kind).toBe('tag');
    expect(scanTarget('  Dell 5490 ')).toEqual({ kind: 'tag', tag: 'Dell 5490' });
  });
});
