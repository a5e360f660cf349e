import { foldText } from '../../modules/programmes/eligibility.ts';
import { LAST_DAY } from './calendar.ts';
import type { Person, RegionContext } from './context.ts';
import { Weighted } from './random.ts';
import { FIRST_NAMES, LAST_NAMES, TOWNS } from './words.ts';

/** Age bands of people helped (a social-centre public: working age, then seniors; pupils through schools). */
const AGES = new Weighted<readonly [number, number]>([
  [[11, 17], 12],
  [[18, 24], 10],
  [[25, 44], 28],
  [[45, 59], 22],
  [[60, 74], 18],
  [[75, 92], 10],
]);
const INCOMES = new Weighted<string>([
  ['rsa', 28],
  ['aah', 8],
  ['aspa', 5],
  ['minimum_income_other', 6],
  ['low_income', 33],
  ['scholarship', 5],
  ['none', 15],
]);
const WORKING = new Weighted<string>([
  ['job_seeker', 38],
  ['employed', 24],
  ['inactive', 26],
  ['student', 4],
  ['other', 8],
]);

/**
 * The people the prescribers follow (2 % associations), each referred by one prescriber (the larger
 * towns' prescribers follow more people), living mostly in their prescriber's town.
 */
export function generatePeople(ctx: RegionContext): void {
  const { random } = ctx;
  const prescribers = new Weighted(ctx.prescribers.map((p, i) => [p, 1 / (1 + i * 0.12)] as const));
  const towns = new Weighted(TOWNS.map((t) => [t, t[2]] as const));
  ctx.people = [];
  ctx.peopleByOrganisation = new Map(ctx.prescribers.map((p) => [p.id, []]));
  for (let n = 0; n < ctx.scale.people; n++) {
    const org = prescribers.draw(random);
    const id = random.uuid();
    const [city, postcode] = random.chance(0.7) ? [org.city, org.postcode] : towns.draw(random);
    const createdDay = random.int(0, LAST_DAY);
    let row: Person['row'];
    if (random.chance(0.02)) {
      const name = `Association ${random.pick(['Solidarité', 'Entraide', 'Accueil', 'Lien'])} ${city} ${n}`;
      row = [
        id,
        'association',
        org.id,
        null,
        null,
        name,
        null,
        null,
        null,
        postcode,
        city,
        random.chance(0.4),
        null,
        null,
        'association',
        null,
        `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`,
        random.int(10, 400),
        'laptop',
        foldText(name),
      ];
    } else {
      const [min, max] = AGES.draw(random);
      const age = random.int(min, max);
      const first = random.pick(FIRST_NAMES);
      const last = random.pick(LAST_NAMES);
      const employment = age < 18 ? 'student' : age >= 62 ? 'retired' : WORKING.draw(random);
      const household =
        age < 18
          ? random.pick(['couple_with_children', 'single_parent', 'single_parent'])
          : random.pick(['single', 'single', 'single_parent', 'couple', 'couple_with_children', 'other']);
      const target =
        age < 18 ? 'pupil' : age >= 60 ? 'senior' : employment === 'job_seeker' ? 'job_seeker' : 'household';
      const children = household.endsWith('children') || household === 'single_parent' ? random.int(1, 4) : 0;
      row = [
        id,
        'person',
        org.id,
        first,
        last,
        null,
        2025 - age,
        household,
        children,
        postcode,
        city,
        random.chance(0.25),
        age < 18 ? null : INCOMES.draw(random),
        employment,
        target,
        random.chance(0.75) ? `06${String(random.int(0, 99_999_999)).padStart(8, '0')}` : null,
        null,
        null,
        random.pick(['laptop', 'laptop', 'laptop', 'desktop', 'tablet']),
        foldText(`${last} ${first}`),
      ];
    }
    const person: Person = { id, row, organisationId: org.id, createdDay, lastDay: createdDay };
    ctx.people.push(person);
    ctx.peopleByOrganisation.get(org.id)?.push(person);
  }
}
