import type { ProgrammeMode } from '../../modules/programmes/vocabulary.ts';
import { FIRST_YEAR, firstDayOf, isoAt, isoDay, YEARS } from './calendar.ts';
import type { Organisation, Programme, RegionContext } from './context.ts';
import { Weighted } from './random.ts';
import { TOWNS } from './words.ts';

const REFURBISHERS: readonly (readonly [string, ProgrammeMode, number])[] = [
  ['Atelier Reboot Orléans', 'sale', 25],
  ['Envie Loiret', 'sale', 18],
  ['Berry Numérique Solidaire', 'loan', 14],
  ['Ressourcerie Informatique de Vierzon', 'donation', 12],
  ['Emmaüs Connect Montargis', 'sale', 10],
  ['Le Relais Numérique de Gien', 'loan', 8],
  ['Recyclerie du Pithiverais', 'donation', 7],
  ['ESAT Informatique du Cher', 'sale', 6],
];
const PRESCRIBER_KINDS = ['CCAS', 'Centre social', 'Mission locale', 'France Services', 'Secours populaire'];
const TRAINERS = [
  'Médiathèque numérique',
  'Les Petits Débrouillards',
  'Fabrique numérique',
  'Cyber-base',
  'Association Clic Seniors',
  'Espace public numérique',
];
const FUNDERS = [
  'Conseil départemental du Loiret',
  'Caisse d’allocations familiales du Cher',
  'Fondation Solidarité Numérique',
  'Région Centre-Val de Loire',
];
const DONORS = ['Groupe Assurances Centre', 'Banque Régionale Loire', 'Laboratoires Val de Loire'];

/** The region's 50 organisations: a coordinator, 8 refurbishers, 28 prescribers, 6 trainers, 4 funders, 3 donors. */
export function generateOrganisations(ctx: RegionContext): void {
  const { random } = ctx;
  const towns = new Weighted(TOWNS.map((t) => [t, t[2]] as const));
  const add = (name: string, kinds: string[], town = towns.draw(random)): Organisation => {
    const org = { id: random.uuid(), name, kinds, postcode: town[1], city: town[0] };
    ctx.rows.organisations.push([
      org.id,
      name,
      `{${kinds.join(',')}}`,
      org.postcode,
      org.city,
      isoAt(random.int(0, 60), 9 * 60),
    ]);
    return org;
  };
  ctx.coordinatorId = add('Réseau Inclusion Numérique Loire-Berry', ['coordinator'], TOWNS[0]).id;
  ctx.refurbishers = REFURBISHERS.map(([name], i) =>
    add(name, i % 2 === 0 ? ['refurbisher', 'trainer'] : ['refurbisher']),
  );
  ctx.prescribers = [];
  for (let i = 0; i < 28; i++) {
    const town = i < TOWNS.length ? (TOWNS[i] as (typeof TOWNS)[number]) : towns.draw(random);
    const kind = PRESCRIBER_KINDS[i % PRESCRIBER_KINDS.length] as string;
    const suffix = i < TOWNS.length ? '' : ` (antenne ${i - TOWNS.length + 2})`;
    ctx.prescribers.push(
      add(`${kind} de ${town[0]}${suffix}`, i % 3 === 0 ? ['prescriber', 'trainer'] : ['prescriber'], town),
    );
  }
  ctx.trainers = TRAINERS.map((name) => add(`${name} ${towns.draw(random)[0]}`, ['trainer', 'association']));
  ctx.funders = FUNDERS.map((name) => add(name, ['funder']));
  ctx.donors = DONORS.map((name) => add(name, ['donor']));
  // The coordinator's network: the refurbishers and half of the prescribers have agreed.
  for (const member of [...ctx.refurbishers, ...ctx.prescribers.filter((_, i) => i % 2 === 0)]) {
    const at = isoAt(random.int(30, 200), 10 * 60);
    ctx.rows.networkMembers.push([ctx.coordinatorId, member.id, at, at]);
  }
}

/** A programme per refurbisher and year, its mode the refurbisher's, with prescribers, a trainer and funders. */
export function generateProgrammes(ctx: RegionContext): void {
  const { random } = ctx;
  const prescriberWeights = new Weighted(ctx.prescribers.map((p, i) => [p, 1 / (1 + i * 0.15)] as const));
  ctx.programmes = new Map();
  ctx.refurbishers.forEach((owner, r) => {
    const mode = (REFURBISHERS[r] as (typeof REFURBISHERS)[number])[1];
    const byYear = new Map<number, Programme>();
    for (let year = FIRST_YEAR; year < FIRST_YEAR + YEARS; year++) {
      const label =
        mode === 'sale' ? 'Ordi à 50 €' : mode === 'loan' ? 'Prêt d’ordinateurs' : 'Ordi solidaire';
      const prescriberIds = new Set<string>();
      const wanted = random.int(5, 9);
      while (prescriberIds.size < wanted) prescriberIds.add(prescriberWeights.draw(random).id);
      const subsidies = mode === 'sale' ? [ctx.funders[0], ctx.funders[(r % 3) + 1]] : [];
      const programme: Programme = {
        id: random.uuid(),
        name: `${label} ${year} — ${owner.name}`,
        ownerId: owner.id,
        year,
        mode,
        unitPriceCents: mode === 'sale' ? 12_000 : null,
        subsidyCents: subsidies.length * 3_500,
        loanMonths: mode === 'loan' ? 12 : null,
        internetAidFunderId: mode === 'loan' ? (ctx.funders[1] as Organisation).id : null,
        trainingRequired: mode === 'donation',
        prescriberIds: [...prescriberIds],
        trainerId: random.pick(ctx.trainers).id,
        referred: new Set(),
        referralPeople: [],
        handovers: 0,
      };
      byYear.set(year, programme);
      ctx.rows.programmes.push([
        programme.id,
        owner.id,
        programme.name,
        mode,
        isoDay(firstDayOf(year)),
        isoDay(firstDayOf(year + 1) - 1),
        programme.unitPriceCents,
        programme.loanMonths,
        mode === 'loan',
        mode === 'loan' ? 2 : null,
        mode === 'loan' ? 15_000 : null,
        mode === 'loan' ? 6 : null,
        programme.internetAidFunderId,
        programme.trainingRequired,
        programme.trainingRequired ? 3 : null,
        JSON.stringify({
          beneficiaries: 400 * (year - FIRST_YEAR + 1),
          devices: 400 * (year - FIRST_YEAR + 1),
        }),
        isoAt(Math.max(0, firstDayOf(year) - 40), 9 * 60),
      ]);
      for (const id of programme.prescriberIds)
        ctx.rows.programmePartners.push([programme.id, id, 'prescriber']);
      ctx.rows.programmePartners.push([programme.id, programme.trainerId, 'trainer']);
      for (const funder of subsidies)
        ctx.rows.programmeSubsidies.push([programme.id, (funder as Organisation).id, 3_500]);
    }
    ctx.programmes.set(owner.id, byYear);
  });
}
