import { expect } from 'vitest';
import {
  createProgramme,
  handOver,
  type Kit,
  type PersonSpec,
  readyDevices,
  referPeople,
  times,
} from '../reports/programme-report-kit.ts';
import { budgetLines, fundingPayments, fundings } from './schema.ts';

export interface BudgetWorld {
  programmeId: string;
  /** Last year, and the year before. */
  Y: number;
  Y0: number;
  funderA: { id: string; name: string };
  funderB: { id: string; name: string };
  /** In order: Département du Loiret (received), Fondation Numérique (partly), FSE+ (granted), refused, requested. */
  fundingIds: string[];
}

/**
 * The known-numbers programme of the budget tests, over two calendar years (Y0 = the year before last,
 * Y = last year), the facts recorded through the public API: 6 handovers to 5 people (2 in Y0, 4 in Y),
 * each subsidised 80 € + 20 € by two funders; internet aids of 150 € (1 in Y0, 2 in Y). Budget lines and
 * fundings are written as rows (their own service is tested beside it): planned 2 900 €, committed
 * 2 150 €, spent 1 850 €; granted 2 000 € (1 000 + 500 + 500), received 1 200 €.
 */
export async function buildBudgetWorld(kit: Kit): Promise<BudgetWorld> {
  const Y = kit.year;
  const Y0 = Y - 1;
  const funderA = await kit.t.buildOrganisation({ name: 'Département du Loiret', kinds: ['funder'] });
  const funderB = await kit.t.buildOrganisation({ name: 'Fondation Numérique', kinds: ['funder'] });
  const programmeId = await createProgramme(kit, {
    startsOn: `${Y0}-01-01`,
    endsOn: `${Y}-12-31`,
    maxDevicesPerPerson: 2,
    subsidies: [
      { funderOrganisationId: funderA.id, amountCents: 8000 },
      { funderOrganisationId: funderB.id, amountCents: 2000 },
    ],
    internetAid: { amountCents: 15000, months: 6, funderOrganisationId: funderA.id },
  });
  const people = await referPeople(
    kit,
    programmeId,
    times(5, { consentGivenOn: `${Y0}-01-15` } as PersonSpec),
    `${Y0}-02-01`,
  );
  const devices = await readyDevices(kit, times(6, { type: 'laptop' }));
  const handovers: [number, number, string][] = [
    [0, 0, `${Y0}-05-10`],
    [1, 1, `${Y0}-09-01`],
    [2, 2, `${Y}-03-10`],
    [3, 3, `${Y}-03-10`],
    [4, 4, `${Y}-04-01`],
    [0, 5, `${Y}-06-01`],
  ];
  for (const [person, device, on] of handovers) {
    await handOver(kit, programmeId, people[person] as string, devices[device] as string, on);
  }
  for (const [person, on] of [
    [0, `${Y0}-06-01`],
    [2, `${Y}-04-01`],
    [3, `${Y}-04-01`],
  ] as const) {
    const res = await kit.manager.post('/internet-aids', {
      programmeId,
      beneficiaryId: people[person],
      amountCents: 15000,
      months: 6,
      grantedOn: on,
    });
    expect(res.statusCode, res.body).toBe(201);
  }

  const { db } = kit.t.database;
  const line = (
    year: number,
    category: (typeof budgetLines.$inferInsert)['category'],
    basis: (typeof budgetLines.$inferInsert)['basis'],
    plannedCents: number,
    entered: [number, number] | null,
    position: number,
  ) => ({
    programmeId,
    year,
    category,
    label: `${category} ${year}`,
    basis,
    plannedCents,
    committedCents: entered?.[0] ?? null,
    spentCents: entered?.[1] ?? null,
    position,
  });
  await db.insert(budgetLines).values([
    line(Y0, 'equipment', 'entered', 50000, [30000, 25000], 0),
    line(Y0, 'equipment', 'handover_subsidies', 30000, null, 1),
    line(Y0, 'internet_aid', 'internet_aids', 20000, null, 2),
    line(Y, 'equipment', 'entered', 60000, [40000, 35000], 0),
    line(Y, 'staff', 'entered', 40000, [40000, 20000], 1),
    line(Y, 'equipment', 'handover_subsidies', 50000, null, 2),
    line(Y, 'internet_aid', 'internet_aids', 40000, null, 3),
    // A second subsidies line of the same year: the facts are not counted twice.
    line(Y, 'other', 'handover_subsidies', 0, null, 4),
  ]);
  // The list keeps the order in which fundings were recorded.
  const funding = async (values: typeof fundings.$inferInsert) =>
    (await db.insert(fundings).values(values).returning({ id: fundings.id }))[0]?.id as string;
  const rowsToInsert: (typeof fundings.$inferInsert)[] = [
    {
      programmeId,
      funderOrganisationId: funderA.id,
      requestedCents: 120000,
      grantedCents: 100000,
      grantedOn: `${Y0}-03-01`,
      agreementReference: 'CONV-2024-17',
      agreementStartsOn: `${Y0}-01-01`,
      agreementEndsOn: `${Y}-12-31`,
    },
    { programmeId, funderOrganisationId: funderB.id, requestedCents: 60000, grantedCents: 50000 },
    { programmeId, funderName: 'Fonds européens FSE+', requestedCents: 80000, grantedCents: 50000 },
    { programmeId, funderName: 'Mécène refusé', requestedCents: 30000, refusedOn: `${Y0}-04-01` },
    { programmeId, funderName: 'Fondation en attente', requestedCents: 10000 },
  ];
  const ids: string[] = [];
  // Explicit creation times a second apart: the embedded database's clock may give two rows the same instant.
  const start = Date.now() - 60_000;
  for (const [i, values] of rowsToInsert.entries())
    ids.push(await funding({ ...values, createdAt: new Date(start + i * 1000) }));
  const [a, b, fse] = ids;
  await db.insert(fundingPayments).values([
    { fundingId: a as string, receivedOn: `${Y0}-04-01`, amountCents: 60000 },
    { fundingId: a as string, receivedOn: `${Y}-02-01`, amountCents: 40000 },
    { fundingId: b as string, receivedOn: `${Y}-02-01`, amountCents: 20000 },
  ]);
  expect(fse).toBeDefined();
  return { programmeId, Y, Y0, funderA, funderB, fundingIds: ids };
}
