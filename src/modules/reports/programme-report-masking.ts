import { isSmallCount, suppressSmallCounts } from './small-counts.ts';

/** A count of persons in a funder's demographics: the number, or `"<5"` (see `maskDemographics`). */
export type DemographicCount = number | typeof MASKED_COUNT;
export const MASKED_COUNT = '<5' as const;

/** The demographics of a programme report, as the programme owner's managers read them. */
export interface ExactDemographics<A extends string, H extends string, I extends string> {
  persons: number;
  ageBands: { band: A; count: number; share: number }[];
  householdTypes: { type: H; count: number; share: number }[];
  priorityZoneShare: number;
  incomeSituations: { situation: I; count: number; share: number }[];
  towns: { town: string; count: number; share: number }[];
}

/** The same, masked: a masked count is `"<5"` and its share null. */
export interface MaskedDemographics<A extends string, H extends string, I extends string> {
  persons: number;
  ageBands: { band: A; count: DemographicCount; share: number | null }[];
  householdTypes: { type: H; count: DemographicCount; share: number | null }[];
  priorityZoneShare: number | null;
  incomeSituations: { situation: I; count: DemographicCount; share: number | null }[];
  towns: { town: string; count: number; share: number }[];
}

/**
 * The demographics as a funder reads them, with the open data's masking: a count of 1 to 4 persons is
 * `"<5"` (its share null), with complementary suppression within the age bands, households and income
 * situations (each adds up to `persons`, which the report shows anyway: it is never the complement, a zero
 * band is masked instead when nothing else is left); the towns of fewer than 5 persons are left out. With
 * 1 to 4 persons in all, every count is `"<5"` and no town is named: any breakdown of so few people would
 * describe them.
 */
export function maskDemographics<A extends string, H extends string, I extends string>(
  d: ExactDemographics<A, H, I>,
): MaskedDemographics<A, H, I> {
  const inZone = Math.round(d.priorityZoneShare * d.persons);
  if (isSmallCount(d.persons)) {
    const hide = () => ({ count: MASKED_COUNT, share: null });
    return {
      persons: d.persons,
      ageBands: d.ageBands.map((a) => ({ band: a.band, ...hide() })),
      householdTypes: d.householdTypes.map((h) => ({ type: h.type, ...hide() })),
      priorityZoneShare: null,
      incomeSituations: d.incomeSituations.map((i) => ({ situation: i.situation, ...hide() })),
      towns: [],
    };
  }
  const values = new Map<string, number>([
    ['persons', d.persons],
    ['zone', inZone],
  ]);
  for (const a of d.ageBands) values.set(`band:${a.band}`, a.count);
  for (const h of d.householdTypes) values.set(`household:${h.type}`, h.count);
  for (const i of d.incomeSituations) values.set(`income:${i.situation}`, i.count);
  const masked = suppressSmallCounts(
    values,
    [
      { total: 'persons', parts: d.ageBands.map((a) => `band:${a.band}`) },
      { total: 'persons', parts: d.householdTypes.map((h) => `household:${h.type}`) },
      { total: 'persons', parts: d.incomeSituations.map((i) => `income:${i.situation}`) },
    ],
    new Set(['persons']),
  );
  const show = (key: string, row: { count: number; share: number }) =>
    masked.has(key) ? { count: MASKED_COUNT, share: null } : { count: row.count, share: row.share };
  return {
    persons: d.persons,
    ageBands: d.ageBands.map((a) => ({ band: a.band, ...show(`band:${a.band}`, a) })),
    householdTypes: d.householdTypes.map((h) => ({ type: h.type, ...show(`household:${h.type}`, h) })),
    priorityZoneShare: masked.has('zone') ? null : d.priorityZoneShare,
    incomeSituations: d.incomeSituations.map((i) => ({
      situation: i.situation,
      ...show(`income:${i.situation}`, i),
    })),
    towns: d.towns.filter((t) => !isSmallCount(t.count)),
  };
}
