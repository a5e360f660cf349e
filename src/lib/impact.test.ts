import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  IMPACT_CATEGORIES,
  IMPACT_FACTORS,
  IMPACT_METHOD,
  type ImpactDevice,
  impactOf,
  sumImpact,
} from './impact.ts';

describe('impact factors', () => {
  it('are a copy of the reference file, sources included', () => {
    const reference = readFileSync(
      new URL('../../docs/reference/impact-factors.csv', import.meta.url),
      'utf8',
    );
    const copy = readFileSync(new URL('./impact-factors.csv', import.meta.url), 'utf8');
    expect(copy).toBe(reference);
  });

  it('has every category, ADEME first and Restart where ADEME has no figure', () => {
    for (const category of IMPACT_CATEGORIES) expect(IMPACT_FACTORS[category]).toBeDefined();
    expect(IMPACT_FACTORS.laptop).toMatchObject({ footprintKgCo2e: 182.3, footprintSource: 'ademe' });
    expect(IMPACT_FACTORS.printer).toMatchObject({
      manufacturingKgCo2e: null,
      footprintKgCo2e: 100.69,
      footprintSource: 'restart',
      typicalWeightKg: 12.47,
    });
    expect(IMPACT_FACTORS.other.footprintSource).toBe('restart');
  });
});

describe('impactOf', () => {
  it('counts half the manufacturing footprint of a laptop and its typical weight', () => {
    expect(impactOf({ type: 'laptop' })).toEqual({ co2eAvoidedKg: 91.15, weeeAvoidedKg: 1.83 });
    expect(impactOf({ type: 'laptop', weightKg: null })).toEqual({
      co2eAvoidedKg: 91.15,
      weeeAvoidedKg: 1.83,
    });
  });

  it('uses the Restart footprint for a printer', () => {
    expect(impactOf({ type: 'printer' })).toEqual({ co2eAvoidedKg: 100.69 * 0.5, weeeAvoidedKg: 12.47 });
  });

  it("uses the device's own weight when it was weighed", () => {
    expect(impactOf({ type: 'laptop', weightKg: 2.4 })).toEqual({ co2eAvoidedKg: 91.15, weeeAvoidedKg: 2.4 });
    expect(impactOf({ type: 'monitor', weightKg: 3.2 }).weeeAvoidedKg).toBe(3.2);
  });

  it('ignores a weight of zero (not weighed)', () => {
    expect(impactOf({ type: 'tablet', weightKg: 0 }).weeeAvoidedKg).toBe(0.77);
  });
});

describe('sumImpact', () => {
  const devices: ImpactDevice[] = [
    { type: 'laptop' },
    { type: 'laptop', weightKg: 2.1 },
    { type: 'desktop' },
    { type: 'monitor', weightKg: null },
    { type: 'tablet' },
    { type: 'smartphone' },
    { type: 'printer' },
    { type: 'other' },
  ];

  it('equals the sum of its parts, rounded to 0.1 kg at the end', () => {
    const parts = devices.map(impactOf);
    const co2e = parts.reduce((sum, p) => sum + p.co2eAvoidedKg, 0);
    const weee = parts.reduce((sum, p) => sum + p.weeeAvoidedKg, 0);
    const total = sumImpact(devices);
    expect(total.co2eAvoidedKg).toBe(Math.round(co2e * 10) / 10);
    expect(total.weeeAvoidedKg).toBe(Math.round(weee * 10) / 10);
    // 91.15 × 2 + 130.95 + 32.95 + 41.95 + 39.65 + 50.345 + 7.97 = 486.115 kg
    // 1.83 + 2.1 + 6.69 + 5.23 + 0.77 + 0.15 + 12.47 + 0.44 = 29.68 kg
    expect(total).toEqual({ co2eAvoidedKg: 486.1, weeeAvoidedKg: 29.7 });
  });

  it('rounds one laptop half up and is zero for nothing', () => {
    expect(sumImpact([{ type: 'laptop' }])).toEqual({ co2eAvoidedKg: 91.2, weeeAvoidedKg: 1.8 });
    expect(sumImpact([])).toEqual({ co2eAvoidedKg: 0, weeeAvoidedKg: 0 });
  });

  it('does not drift over many devices', () => {
    const many = Array.from({ length: 1000 }, (): ImpactDevice => ({ type: 'smartphone' }));
    expect(sumImpact(many)).toEqual({ co2eAvoidedKg: 39_650, weeeAvoidedKg: 150 });
  });
});

describe('IMPACT_METHOD', () => {
  it('names the sources and the displacement factor in both languages', () => {
    expect(IMPACT_METHOD.fr).toMatch(/ADEME\/Arcep/);
    expect(IMPACT_METHOD.fr).toMatch(/impactco2 \(novembre 2025\)/);
    expect(IMPACT_METHOD.fr).toMatch(/Restart Project/);
    expect(IMPACT_METHOD.fr).toMatch(/0,5/);
    expect(IMPACT_METHOD.en).toMatch(/impactco2 \(November 2025\)/);
    expect(IMPACT_METHOD.en).toMatch(/Fixometer/);
    expect(IMPACT_METHOD.en).toMatch(/0\.5/);
  });
});
