import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BeneficiaryFacts,
  type EligibilityRules,
  eligibilityMessage,
  evaluateEligibility,
  foldText,
  INCOME_SITUATIONS,
} from './eligibility.ts';

const DAY = '2026-11-25';

/** Reference case 4: a town's social centre, RSA and minimum-pension recipients, family quotient ≤ 700 €. */
const TOWN_RULES: EligibilityRules = {
  kinds: ['person'],
  incomeSituations: ['rsa', 'aspa'],
  maxFamilyQuotientCents: 70_000,
  postcodes: ['45100', '45000'],
};

describe('examples', () => {
  it('accepts a person who meets every rule, with no reason', () => {
    const verdict = evaluateEligibility(
      TOWN_RULES,
      { kind: 'person', incomeSituation: 'rsa', familyQuotientCents: 52_000, postcode: '45100' },
      DAY,
    );
    expect(verdict).toEqual({ eligible: true, reasons: [] });
  });

  it('refuses a family quotient above the ceiling, with the figures', () => {
    const verdict = evaluateEligibility(
      TOWN_RULES,
      { kind: 'person', incomeSituation: 'rsa', familyQuotientCents: 81_200, postcode: '45100' },
      DAY,
    );
    expect(verdict.eligible).toBe(false);
    expect(verdict.reasons).toEqual([
      { code: 'family_quotient_above_ceiling', params: { value: 81_200, ceiling: 70_000 } },
    ]);
    expect(eligibilityMessage('fr', verdict.reasons[0] as never)).toMatch(/812\s€.*700\s€/);
    expect(eligibilityMessage('en', verdict.reasons[0] as never)).toContain('€812');
  });

  it('lists every failed rule at once, in the order of the rules', () => {
    const verdict = evaluateEligibility(
      TOWN_RULES,
      { kind: 'person', incomeSituation: 'none', postcode: '75011' },
      DAY,
    );
    expect(verdict.reasons.map((r) => r.code)).toEqual([
      'income_situation_not_accepted',
      'family_quotient_missing',
      'postcode_not_covered',
    ]);
  });

  it('counts the age reached in the year of the referral', () => {
    const rules: EligibilityRules = { minAge: 60 };
    expect(evaluateEligibility(rules, { kind: 'person', birthYear: 1966 }, '2026-01-02').eligible).toBe(true);
    expect(evaluateEligibility(rules, { kind: 'person', birthYear: 1967 }, '2026-12-31').reasons).toEqual([
      { code: 'age_below_minimum', params: { age: 59, min: 60 } },
    ]);
    expect(evaluateEligibility(rules, { kind: 'person' }, DAY).reasons).toEqual([
      { code: 'birth_year_missing' },
    ]);
  });

  it('does not apply person criteria to an association', () => {
    const rules: EligibilityRules = {
      kinds: ['person', 'association'],
      incomeSituations: ['rsa'],
      maxFamilyQuotientCents: 1,
      minAge: 18,
    };
    expect(evaluateEligibility(rules, { kind: 'association', postcode: '45100' }, DAY).eligible).toBe(true);
  });

  it('accepts a whole department with a postcode prefix, and requires a priority neighbourhood when asked', () => {
    const rules: EligibilityRules = { postcodes: ['45*'], priorityZoneRequired: true };
    expect(
      evaluateEligibility(rules, { kind: 'person', postcode: '45210', priorityZone: true }, DAY).eligible,
    ).toBe(true);
    expect(
      evaluateEligibility(rules, { kind: 'person', postcode: '45210', priorityZone: null }, DAY).reasons,
    ).toEqual([{ code: 'priority_zone_required' }]);
  });

  it('accepts listed towns whatever the accents, case, hyphens or ligatures', () => {
    const rules: EligibilityRules = { cities: ['Saint-Jean-de-Braye', 'Œuilly'] };
    for (const city of ['saint jean de braye', 'SAINT-JEAN-DE-BRAYE', ' Saint Jean  de Braye ', 'oeuilly']) {
      expect(evaluateEligibility(rules, { kind: 'person', city }, DAY).eligible).toBe(true);
    }
    expect(evaluateEligibility(rules, { kind: 'person', city: 'Orléans' }, DAY).reasons).toEqual([
      { code: 'city_not_covered', params: { city: 'Orléans', accepted: 'Saint-Jean-de-Braye, Œuilly' } },
    ]);
    expect(evaluateEligibility(rules, { kind: 'association', city: '' }, DAY).reasons).toEqual([
      { code: 'city_missing' },
    ]);
    expect(foldText("L'Haÿ-les-Roses")).toBe('l hay les roses');
  });

  it('words every reason in French and English', () => {
    const verdict = evaluateEligibility(
      {
        kinds: ['association'],
        postcodes: ['45100'],
        priorityZoneRequired: true,
        maxAge: 25,
        incomeSituations: ['scholarship'],
        cities: ['Gien'],
      },
      { kind: 'person', birthYear: 1950, incomeSituation: 'rsa', city: 'Briare' },
      DAY,
    );
    for (const reason of verdict.reasons) {
      for (const locale of ['fr', 'en'] as const) {
        const text = eligibilityMessage(locale, reason);
        expect(text).not.toContain('eligibility.');
        expect(text).not.toMatch(/\{\w+\}/);
      }
    }
  });
});

const facts: fc.Arbitrary<BeneficiaryFacts> = fc.record({
  kind: fc.constantFrom('person' as const, 'association' as const),
  birthYear: fc.option(fc.integer({ min: 1900, max: 2026 }), { nil: null }),
  incomeSituation: fc.option(fc.constantFrom(...INCOME_SITUATIONS), { nil: null }),
  familyQuotientCents: fc.option(fc.integer({ min: 0, max: 500_000 }), { nil: null }),
  postcode: fc.option(fc.stringMatching(/^\d{5}$/), { nil: null }),
  priorityZone: fc.option(fc.boolean(), { nil: null }),
  city: fc.option(fc.constantFrom('Orléans', 'orleans', 'Gien', 'Briare', ''), { nil: null }),
});

const rules: fc.Arbitrary<EligibilityRules> = fc.record(
  {
    kinds: fc.subarray(['person', 'association'] as ('person' | 'association')[], { minLength: 1 }),
    incomeSituations: fc.subarray([...INCOME_SITUATIONS], { minLength: 1 }),
    maxFamilyQuotientCents: fc.integer({ min: 0, max: 500_000 }),
    minAge: fc.integer({ min: 0, max: 70 }),
    maxAge: fc.integer({ min: 16, max: 120 }),
    postcodes: fc.array(fc.stringMatching(/^\d{2}(\d{3}|\*)$/), { minLength: 1, maxLength: 4 }),
    cities: fc.subarray(['Orléans', 'Gien'], { minLength: 1 }),
    priorityZoneRequired: fc.boolean(),
  },
  { requiredKeys: [] },
);

describe('properties', () => {
  it('with no rule, everybody is eligible', () => {
    fc.assert(fc.property(facts, (f) => evaluateEligibility({}, f, DAY).eligible));
  });

  it('is eligible exactly when there is no reason', () => {
    fc.assert(
      fc.property(rules, facts, (r, f) => {
        const verdict = evaluateEligibility(r, f, DAY);
        return verdict.eligible === (verdict.reasons.length === 0);
      }),
    );
  });

  it('never refuses an association for a person-only criterion', () => {
    const personOnly = new Set([
      'income_situation_missing',
      'income_situation_not_accepted',
      'family_quotient_missing',
      'family_quotient_above_ceiling',
      'birth_year_missing',
      'age_below_minimum',
      'age_above_maximum',
    ]);
    fc.assert(
      fc.property(rules, facts, (r, f) => {
        const verdict = evaluateEligibility(r, { ...f, kind: 'association' }, DAY);
        return verdict.reasons.every((reason) => !personOnly.has(reason.code));
      }),
    );
  });

  it('a higher family-quotient ceiling never turns an eligible person away', () => {
    fc.assert(
      fc.property(rules, facts, fc.integer({ min: 0, max: 100_000 }), (r, f, raise) => {
        if (r.maxFamilyQuotientCents === undefined || !evaluateEligibility(r, f, DAY).eligible) return true;
        return evaluateEligibility({ ...r, maxFamilyQuotientCents: r.maxFamilyQuotientCents + raise }, f, DAY)
          .eligible;
      }),
    );
  });

  it('removing a rule never adds a reason', () => {
    const keys = [
      'kinds',
      'incomeSituations',
      'maxFamilyQuotientCents',
      'minAge',
      'maxAge',
      'postcodes',
      'cities',
      'priorityZoneRequired',
    ] as const;
    fc.assert(
      fc.property(rules, facts, fc.constantFrom(...keys), (r, f, key) => {
        const fewer = { ...r };
        delete fewer[key];
        return (
          evaluateEligibility(fewer, f, DAY).reasons.length <= evaluateEligibility(r, f, DAY).reasons.length
        );
      }),
    );
  });
});
