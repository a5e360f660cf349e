/**
 * The insertion workforce with known numbers: hours derived from the device events a technician signed
 * (through the real inventory routes, then dated in known weeks), entered hours replacing them, only
 * insertion contracts counting, clause totals against their required hours, production counts, skills
 * progress, validation messages and isolation between organisations.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp } from '../../../test/support/app.ts';
import { formatDay, today } from '../../lib/dates.ts';
import { mondayOf, shiftDay } from './weeks.ts';

let t: TestApp;
let org: { id: string };
let admin: ApiClient;
let manager: ApiClient;
let techClient: ApiClient;
let tech1: string; // CDDI, insertion
let tech2: string; // CDI, not insertion
let tech2Client: ApiClient;
let viewer: string;
let otherManager: ApiClient;
let otherOrg: { id: string };
let donationId: string;
let contract1: string;
let clauseId: string;

const W0 = mondayOf(today());
const W1 = shiftDay(W0, -7);
const W2 = shiftDay(W0, -14);
const STEP = { diagnosed: 20, wiped: 15, refurbished: 60, qualityChecked: 10 };

const base = () => `/organisations/${org.id}/workforce`;

async function json<T = Record<string, unknown>>(
  res: Promise<{ statusCode: number; body: string; json: () => unknown }>,
  status = [200, 201, 204],
) {
  const r = await res;
  if (!status.includes(r.statusCode)) throw new Error(`${r.statusCode} ${r.body}`);
  return (r.body ? r.json() : null) as T;
}

/** Moves a technician's work on devices (status events, erasures) to noon UTC of a day. */
async function dateWork(deviceIds: string[], day: string) {
  const at = `${day}T12:00:00Z`;
  const ids = sql.join(
    deviceIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  await t.database.db.execute(
    sql`UPDATE device_events SET at = ${at}::timestamptz WHERE device_id IN (${ids})`,
  );
  await t.database.db.execute(
    sql`UPDATE erasures SET performed_at = ${at}::timestamptz WHERE device_id IN (${ids})`,
  );
}

async function device(client: ApiClient, steps: ('diagnosed' | 'refurbishing' | 'erasure' | 'ready')[]) {
  const d = await json<{ id: string }>(
    client.post('/devices', { type: 'laptop', storageGb: 128, storageType: 'ssd', donationId }),
  );
  for (const step of steps) {
    if (step === 'erasure')
      await json(
        client.post(`/devices/${d.id}/erasures`, {
          method: 'NIST 800-88 purge',
          level: 'purge',
          verified: true,
          result: 'passed',
          capacityGb: 128,
          operatorName: 'Atelier',
        }),
      );
    else await json(client.post(`/devices/${d.id}/status`, { status: step }));
  }
  return d.id;
}

beforeAll(async () => {
  t = await startTestApp(process.env.WF_DEBUG ? { LOG_LEVEL: 'error' } : {});
  org = await t.buildOrganisation({ name: 'Atelier Test', kinds: ['refurbisher'] });
  const donor = await t.buildOrganisation({ kinds: ['donor'] });
  admin = (await t.member(org.id, 'admin')).client;
  manager = (await t.member(org.id, 'manager')).client;
  const tech = await t.member(org.id, 'technician');
  tech1 = tech.user.id;
  techClient = tech.client;
  const techB = await t.member(org.id, 'technician');
  tech2 = techB.user.id;
  tech2Client = techB.client;
  viewer = (await t.member(org.id, 'viewer')).user.id;
  otherOrg = await t.buildOrganisation({ name: 'Autre atelier', kinds: ['refurbisher'] });
  otherManager = (await t.member(otherOrg.id, 'manager')).client;
  donationId = (
    await json<{ id: string }>(
      techClient.post('/donations', {
        donorOrganisationId: donor.id,
        refurbisherOrganisationId: org.id,
        declaredCount: 10,
      }),
    )
  ).id;
  // Production: tech1 takes 2 devices through every step in week W1 and diagnoses 3 in week W2; tech2
  // diagnoses 1 in W1.
  const full = [
    await device(techClient, ['diagnosed', 'refurbishing', 'erasure', 'ready']),
    await device(techClient, ['diagnosed', 'refurbishing', 'erasure', 'ready']),
  ];
  await dateWork(full, shiftDay(W1, 2));
  const diagnosed = [
    await device(techClient, ['diagnosed']),
    await device(techClient, ['diagnosed']),
    await device(techClient, ['diagnosed']),
  ];
  await dateWork(diagnosed, shiftDay(W2, 1));
  await dateWork([await device(tech2Client, ['diagnosed'])], shiftDay(W1, 3));
});
afterAll(() => t.close());

describe('settings', () => {
  it('keeps standard minutes and a skills grid; a renamed skill keeps its key', async () => {
    const first = await json<{ skills: { key: string; label: string }[] }>(
      manager.put(`${base()}/settings`, {
        skills: [{ label: 'Diagnostic' }, { label: 'Effacement certifié' }, { label: 'Remontage' }],
        maxLevel: 4,
        stepMinutes: STEP,
      }),
    );
    expect(first.skills.map((s) => s.key)).toEqual(['diagnostic', 'effacement_certifie', 'remontage']);
    const renamed = await json<{ skills: { key: string; label: string }[] }>(
      manager.put(`${base()}/settings`, {
        skills: [
          { key: 'diagnostic', label: 'Diagnostic matériel' },
          { key: 'effacement_certifie', label: 'Effacement certifié' },
          { key: 'remontage', label: 'Remontage' },
        ],
        maxLevel: 4,
        stepMinutes: STEP,
      }),
    );
    expect(renamed.skills[0]).toEqual({ key: 'diagnostic', label: 'Diagnostic matériel' });
  });
});

describe('contracts and clauses', () => {
  it('records contracts of members and says what to fix', async () => {
    const c1 = await json<{ id: string; insertion: boolean }>(
      manager.post(`${base()}/contracts`, {
        userId: tech1,
        contractType: 'cddi',
        startsOn: shiftDay(W2, -30),
        weeklyMinutes: 26 * 60,
      }),
    );
    contract1 = c1.id;
    expect(c1.insertion).toBe(true);
    await json(
      admin.post(`${base()}/contracts`, {
        userId: tech2,
        contractType: 'cdi',
        startsOn: shiftDay(W2, -30),
        weeklyMinutes: 35 * 60,
      }),
    );
    const overlap = await manager.post(`${base()}/contracts`, {
      userId: tech1,
      contractType: 'pec',
      startsOn: W1,
      weeklyMinutes: 20 * 60,
    });
    expect(overlap.statusCode).toBe(422);
    expect(overlap.json().detail).toContain('a déjà un contrat du');
    const backwards = await manager.post(`${base()}/contracts`, {
      userId: viewer,
      contractType: 'cdd',
      startsOn: W1,
      endsOn: W2,
      weeklyMinutes: 600,
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors).toEqual([
      { path: 'endsOn', message: 'La date de fin doit être le jour du début ou après.' },
    ]);
    const tooMany = await manager.post(`${base()}/contracts`, {
      userId: viewer,
      contractType: 'cdd',
      startsOn: W1,
      weeklyMinutes: 49 * 60,
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().errors[0].path).toBe('weeklyMinutes');
    const stranger = await t.buildUser();
    const notMember = await manager.post(`${base()}/contracts`, {
      userId: stranger.id,
      contractType: 'cddi',
      startsOn: W1,
      weeklyMinutes: 600,
    });
    expect(notMember.statusCode).toBe(400);
    expect(notMember.json().errors[0]).toMatchObject({ path: 'userId' });
    expect(notMember.json().errors[0].message).toContain('n’est pas membre');
    const en = await manager.request(
      'POST',
      `${base()}/contracts`,
      { userId: stranger.id, contractType: 'cddi', startsOn: W1, weeklyMinutes: 600 },
      { 'accept-language': 'en' },
    );
    expect(en.json().errors[0].message).toContain('is not a member');
  });

  it('records a clause with its required hours', async () => {
    const clause = await json<{ id: string; doneMinutes: number }>(
      manager.post(`${base()}/clauses`, {
        name: 'Marché reconditionnement Loiret',
        buyer: 'Conseil départemental du Loiret',
        reference: 'CD45-2026-017',
        requiredHours: 100,
        startsOn: shiftDay(W2, -60),
        endsOn: shiftDay(W0, 300),
      }),
    );
    clauseId = clause.id;
    expect(clause.doneMinutes).toBe(0);
  });
});

describe('hours', () => {
  it('derives a week from the production signed × the standard minutes', async () => {
    const page = await json<{
      weeks: { weekStart: string; minutes: number; source: string; production: unknown }[];
    }>(manager.get(`${base()}/people/${tech1}`));
    const w1 = page.weeks.find((w) => w.weekStart === W1);
    // 2 × (diagnosis 20 + refurbishing 60 + erasure 15 + check 10) = 210 minutes.
    expect(w1).toMatchObject({
      minutes: 210,
      source: 'derived',
      production: { diagnosed: 2, wiped: 2, refurbished: 2, qualityChecked: 2 },
    });
    expect(page.weeks.find((w) => w.weekStart === W2)).toMatchObject({ minutes: 60, source: 'derived' });
  });

  it('replaces the derived week by entered hours, counted for a clause', async () => {
    const put = await json(manager.put(`${base()}/people/${tech1}/weeks/${W2}`, { minutes: 1200, clauseId }));
    expect(put).toMatchObject({ weekStart: W2, minutes: 1200, clauseId });
    const page = await json<{ weeks: { weekStart: string }[] }>(manager.get(`${base()}/people/${tech1}`));
    expect(page.weeks.find((w) => w.weekStart === W2)).toMatchObject({
      minutes: 1200,
      enteredMinutes: 1200,
      derivedMinutes: 60,
      source: 'entered',
    });
    // A CDI's hours are no insertion hours: not for a clause, but entered without one.
    const cdi = await manager.put(`${base()}/people/${tech2}/weeks/${W2}`, { minutes: 600, clauseId });
    expect(cdi.statusCode).toBe(422);
    expect(cdi.json().detail).toContain('Seules les heures d’un contrat d’insertion');
    await json(manager.put(`${base()}/people/${tech2}/weeks/${W2}`, { minutes: 600 }));
  });

  it('refuses a day other than Monday, more than 60 h, a future week and a person without contract', async () => {
    const tuesday = await manager.put(`${base()}/people/${tech1}/weeks/${shiftDay(W1, 1)}`, { minutes: 60 });
    expect(tuesday.statusCode).toBe(400);
    expect(tuesday.json().errors[0]).toEqual({
      path: 'weekStart',
      message: `Une semaine commence un lundi : le ${formatDay(shiftDay(W1, 1), 'fr')} est un autre jour.`,
    });
    const tooMuch = await manager.put(`${base()}/people/${tech1}/weeks/${W1}`, { minutes: 61 * 60 });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().errors[0].path).toBe('minutes');
    const future = await manager.put(`${base()}/people/${tech1}/weeks/${shiftDay(W0, 7)}`, { minutes: 60 });
    expect(future.statusCode).toBe(400);
    const noContract = await manager.put(`${base()}/people/${viewer}/weeks/${W1}`, { minutes: 60 });
    expect(noContract.statusCode).toBe(422);
    expect(noContract.json().detail).toBe(
      `Cette personne n’a pas de contrat couvrant la semaine du ${formatDay(W1, 'fr')} : ajoutez ou prolongez son contrat d’abord.`,
    );
  });

  it('refuses to delete a contract with hours entered, and derives the week again once its entry goes', async () => {
    const refused = await manager.delete(`/workforce-contracts/${contract1}`);
    expect(refused.statusCode).toBe(422);
    await json(manager.put(`${base()}/people/${tech1}/weeks/${W0}`, { minutes: 300 }));
    expect((await manager.delete(`${base()}/people/${tech1}/weeks/${W0}`)).statusCode).toBe(204);
    const page = await json<{ weeks: { weekStart: string }[] }>(manager.get(`${base()}/people/${tech1}`));
    expect(page.weeks.find((w) => w.weekStart === W0)).toMatchObject({ source: 'derived', minutes: 0 });
  });
});

describe('skills', () => {
  it('records levels over time and refuses what the grid does not allow', async () => {
    await json(
      manager.post(`${base()}/people/${tech1}/skill-levels`, {
        skillKey: 'diagnostic',
        level: 1,
        assessedOn: W2,
      }),
    );
    await json(
      manager.post(`${base()}/people/${tech1}/skill-levels`, {
        skillKey: 'diagnostic',
        level: 3,
        assessedOn: W1,
      }),
    );
    const outOfRange = await manager.post(`${base()}/people/${tech1}/skill-levels`, {
      skillKey: 'diagnostic',
      level: 5,
      assessedOn: W1,
    });
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.json().errors[0]).toEqual({ path: 'level', message: 'Le niveau va de 0 à 4.' });
    const unknown = await manager.post(`${base()}/people/${tech1}/skill-levels`, {
      skillKey: 'soudure',
      level: 1,
      assessedOn: W1,
    });
    expect(unknown.json().errors[0].path).toBe('skillKey');
    const history = await json<{ level: number }[]>(manager.get(`${base()}/people/${tech1}/skill-levels`));
    expect(history.map((h) => h.level)).toEqual([1, 3]);
    // A skill with levels cannot leave the grid, nor the maximum go below a level recorded.
    const removal = await manager.put(`${base()}/settings`, {
      skills: [{ key: 'remontage', label: 'Remontage' }],
      maxLevel: 4,
      stepMinutes: STEP,
    });
    expect(removal.statusCode).toBe(422);
    expect(removal.json().detail).toContain('« Diagnostic matériel » a déjà des niveaux');
    const lower = await manager.put(`${base()}/settings`, {
      skills: [
        { key: 'diagnostic', label: 'Diagnostic matériel' },
        { key: 'effacement_certifie', label: 'Effacement certifié' },
      ],
      maxLevel: 2,
      stepMinutes: STEP,
    });
    expect(lower.statusCode).toBe(422);
    const settings = await json<{ skills: unknown[] }>(manager.get(`${base()}/settings`));
    expect(settings.skills).toHaveLength(3);
  });
});

describe('report', () => {
  it('counts hours, production, insertion hours per clause and month, and skills progress', async () => {
    const report = await json<{
      technicians: {
        userId: string;
        totals: unknown;
        production: unknown;
        skills: { skillKey: string; first: unknown; latest: unknown }[];
      }[];
      insertion: { byClause: unknown[]; byMonth: { minutes: number }[] };
    }>(manager.get(`${base()}/report?from=${W2}&to=${today()}`));
    const one = report.technicians.find((p) => p.userId === tech1);
    expect(one?.totals).toEqual({
      enteredMinutes: 1200,
      derivedMinutes: 210,
      totalMinutes: 1410,
      insertionMinutes: 1410,
      overContractWeeks: 0,
    });
    expect(one?.production).toEqual({ diagnosed: 5, wiped: 2, refurbished: 2, qualityChecked: 2 });
    expect(one?.skills.find((s) => s.skillKey === 'diagnostic')).toMatchObject({
      first: { level: 1, assessedOn: W2 },
      latest: { level: 3, assessedOn: W1 },
    });
    const two = report.technicians.find((p) => p.userId === tech2);
    expect(two?.totals).toEqual({
      enteredMinutes: 600,
      derivedMinutes: 20,
      totalMinutes: 620,
      insertionMinutes: 0,
      overContractWeeks: 0,
    });
    expect(report.insertion).toMatchObject({
      totalMinutes: 1410,
      enteredMinutes: 1200,
      derivedMinutes: 210,
      withoutClauseMinutes: 210,
      byClause: [{ clauseId, requiredHours: 100, periodMinutes: 1200, toDateMinutes: 1200 }],
    });
    expect(report.insertion.byMonth.reduce((s, m) => s + m.minutes, 0)).toBe(1410);
    // The week W1 alone: derived hours only, none for the clause.
    const w1 = await json<{ insertion: unknown }>(
      manager.get(`${base()}/report?from=${W1}&to=${shiftDay(W1, 6)}`),
    );
    expect(w1.insertion).toMatchObject({
      totalMinutes: 210,
      byClause: [{ periodMinutes: 0, toDateMinutes: 1200 }],
    });
    const clauses = await json<{ doneMinutes: number }[]>(manager.get(`${base()}/clauses`));
    expect(clauses[0]?.doneMinutes).toBe(1200);
    const bad = await manager.get(`${base()}/report?from=${W1}&to=${W2}`);
    expect(bad.statusCode).toBe(400);
  });

  it('exports the report as XLSX', async () => {
    const res = await manager.get(`${base()}/report.xlsx?from=${W2}&to=${today()}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      'Période',
      'Techniciens',
      'Semaines',
      'Clauses',
      'Mois',
    ]);
    const clauses = book.getWorksheet('Clauses');
    expect(clauses?.getRow(2).getCell(1).value).toBe('Marché reconditionnement Loiret');
    expect(clauses?.getRow(2).getCell(6).value).toBe(20);
  });

  it('lists technicians with this month’s hours', async () => {
    const list = await json<{ userId: string; contract: { contractType: string } | null }[]>(
      manager.get(`${base()}/technicians`),
    );
    expect(list.map((p) => p.userId).sort()).toEqual([tech1, tech2].sort());
    expect(list.find((p) => p.userId === tech1)?.contract?.contractType).toBe('cddi');
  });
});

describe('who sees it', () => {
  it('hides the workforce from technicians and from other organisations', async () => {
    expect((await techClient.get(`${base()}/technicians`)).statusCode).toBe(403);
    expect((await techClient.get(`${base()}/report`)).statusCode).toBe(403);
    expect(
      (await techClient.patch(`/workforce-contracts/${contract1}`, { weeklyMinutes: 600 })).statusCode,
    ).toBe(404);
    expect((await otherManager.get(`${base()}/technicians`)).statusCode).toBe(404);
    expect((await otherManager.get(`${base()}/people/${tech1}`)).statusCode).toBe(404);
    expect(
      (await otherManager.patch(`/workforce-contracts/${contract1}`, { weeklyMinutes: 600 })).statusCode,
    ).toBe(404);
    expect((await otherManager.delete(`/insertion-clauses/${clauseId}`)).statusCode).toBe(404);
    expect(
      (await otherManager.put(`${base()}/people/${tech1}/weeks/${W1}`, { minutes: 60 })).statusCode,
    ).toBe(404);
    // B's manager's own organisation knows nothing of A's rows.
    expect(
      await json<unknown[]>(otherManager.get(`/organisations/${otherOrg.id}/workforce/contracts`)),
    ).toEqual([]);
    // Nothing changed.
    const clauses = await json<{ id: string }[]>(manager.get(`${base()}/clauses`));
    expect(clauses.map((c) => c.id)).toEqual([clauseId]);
  });

  it('audits writes by ids and field names', async () => {
    const rows = await t.database.db.execute(
      sql`SELECT action, fields FROM audit_log WHERE organisation_id = ${org.id} AND action LIKE 'workforce.%' ORDER BY at`,
    );
    const list = (rows as unknown as { rows: { action: string; fields: string[] }[] }).rows;
    expect(list.map((r) => r.action)).toContain('workforce.hours_put');
    expect(list.find((r) => r.action === 'workforce.contract_create')?.fields).toContain('contractType');
  });
});

describe('what the review found', () => {
  it('counts a report’s production over its weeks: first Monday to the last week’s Sunday', async () => {
    // W2 to W1 (a Monday): the weeks W2 and W1, whose production runs to W1's Sunday (the laptops of W1's
    // Wednesday count, as their hours do).
    const report = await json<{
      productionFrom: string;
      productionTo: string;
      technicians: { userId: string; production: unknown }[];
    }>(manager.get(`${base()}/report?from=${W2}&to=${W1}`));
    expect(report).toMatchObject({ productionFrom: W2, productionTo: shiftDay(W1, 6) });
    expect(report.technicians.find((p) => p.userId === tech1)?.production).toEqual({
      diagnosed: 5,
      wiped: 2,
      refurbished: 2,
      qualityChecked: 2,
    });
    // From W1's Tuesday: W1 is not counted (its Monday is outside), nor its production.
    const later = await json<{
      productionFrom: string;
      technicians: { userId: string; production: unknown }[];
    }>(manager.get(`${base()}/report?from=${shiftDay(W1, 1)}&to=${shiftDay(W0, 6)}`));
    expect(later.productionFrom).toBe(W0);
    expect(later.technicians.find((p) => p.userId === tech1)?.production).toEqual({
      diagnosed: 0,
      wiped: 0,
      refurbished: 0,
      qualityChecked: 0,
    });
  });

  it('caps derived hours at the contract, prorated by its working days, and flags typed hours above it', async () => {
    await json(
      manager.put(`${base()}/settings`, {
        skills: [
          { key: 'diagnostic', label: 'Diagnostic matériel' },
          { key: 'effacement_certifie', label: 'Effacement certifié' },
          { key: 'remontage', label: 'Remontage' },
        ],
        maxLevel: 4,
        stepMinutes: { diagnosed: 480, wiped: 480, refurbished: 480, qualityChecked: 480 },
      }),
    );
    // tech1's W1: 2 laptops × 4 steps × 8 h = 64 h of production, in a 26 h CDDI: 26 h.
    const page = await json<{ weeks: { weekStart: string }[] }>(manager.get(`${base()}/people/${tech1}`));
    expect(page.weeks.find((w) => w.weekStart === W1)).toMatchObject({
      productionMinutes: 3840,
      derivedMinutes: 1560,
      contractMinutes: 1560,
      minutes: 1560,
      overContract: false,
    });
    // A CDDI starting on W1's Wednesday: 3 working days of 5 → 3/5 × 26 h = 15 h 36.
    const late = await t.member(org.id, 'technician');
    await json(
      manager.post(`${base()}/contracts`, {
        userId: late.user.id,
        contractType: 'cddi',
        startsOn: shiftDay(W1, 2),
        weeklyMinutes: 26 * 60,
      }),
    );
    await dateWork(
      [await device(late.client, ['diagnosed', 'refurbishing', 'erasure', 'ready'])],
      shiftDay(W1, 3),
    );
    const week = async () =>
      (
        await json<{ weeks: { weekStart: string }[]; totals: { overContractWeeks: number } }>(
          manager.get(`${base()}/people/${late.user.id}`),
        )
      ).weeks.find((w) => w.weekStart === W1);
    expect(await week()).toMatchObject({ productionMinutes: 1920, contractMinutes: 936, minutes: 936 });
    // Typed hours above the contract are kept (overtime happens), and said.
    await json(manager.put(`${base()}/people/${late.user.id}/weeks/${W1}`, { minutes: 30 * 60 }));
    expect(await week()).toMatchObject({ minutes: 1800, source: 'entered', overContract: true });
    const report = await json<{ technicians: { userId: string; totals: { overContractWeeks: number } }[] }>(
      manager.get(`${base()}/report?from=${W1}&to=${shiftDay(W1, 6)}`),
    );
    expect(report.technicians.find((p) => p.userId === late.user.id)?.totals.overContractWeeks).toBe(1);
    expect(report.technicians.find((p) => p.userId === tech1)?.totals.overContractWeeks).toBe(0);
    // The XLSX says it too, with the weeks its hours and production are counted over.
    const res = await manager.get(`${base()}/report.xlsx?from=${W1}&to=${shiftDay(W1, 6)}`);
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.getWorksheet('Période')?.getRow(3).values).toEqual([
      undefined,
      'Semaines comptées (heures et production), du lundi au dimanche',
      W1,
      shiftDay(W1, 6),
    ]);
    const technicians = book.getWorksheet('Techniciens');
    expect(technicians?.getRow(1).getCell(7).value).toBe('Semaines au-delà du contrat');
    const lateRow = technicians
      ?.getRows(2, technicians.rowCount - 1)
      ?.find((r) => r.getCell(1).value === late.user.name);
    expect(lateRow?.getCell(7).value).toBe(1);
    const weeks = book.getWorksheet('Semaines');
    expect(weeks?.getRow(1).getCell(6).value).toBe('Au-delà du contrat');
    const lateWeek = weeks
      ?.getRows(2, weeks.rowCount - 1)
      ?.find((r) => r.getCell(1).value === late.user.name);
    expect([lateWeek?.getCell(2).value, lateWeek?.getCell(5).value, lateWeek?.getCell(6).value]).toEqual([
      W1,
      15.6,
      'oui',
    ]);
  });

  it('keeps one contract per person when two are created at once', async () => {
    const person = await t.member(org.id, 'technician');
    const body = { userId: person.user.id, contractType: 'cddi', startsOn: W2, weeklyMinutes: 26 * 60 };
    const replies = await Promise.all([
      manager.post(`${base()}/contracts`, body),
      admin.post(`${base()}/contracts`, { ...body, startsOn: W1 }),
    ]);
    expect(replies.map((r) => r.statusCode).sort()).toEqual([201, 422]);
    const kept = await json<{ userId: string }[]>(manager.get(`${base()}/contracts`));
    expect(kept.filter((c) => c.userId === person.user.id)).toHaveLength(1);
  });

  it('refuses clause dates that would leave entered hours outside, and counts only the weeks within', async () => {
    // The clause has tech1's W2 (20 h): starting it on W1 would leave that week outside.
    const moved = await manager.patch(`/insertion-clauses/${clauseId}`, { startsOn: W1 });
    expect(moved.statusCode).toBe(422);
    expect(moved.json().detail).toMatch(
      /^Semaines d’heures saisies pour cette clause qui tomberaient hors du .* : 1\. /,
    );
    const clauses = await json<{ id: string; startsOn: string; doneMinutes: number }[]>(
      manager.get(`${base()}/clauses`),
    );
    expect(clauses.find((c) => c.id === clauseId)).toMatchObject({
      startsOn: shiftDay(W2, -60),
      doneMinutes: 1200,
    });
    // Hours left outside a clause's dates (by data written before this rule) do not count for it.
    await t.database.db.execute(
      sql`UPDATE insertion_clauses SET starts_on = ${W1}::date WHERE id = ${clauseId}`,
    );
    const after = await json<{ id: string; doneMinutes: number }[]>(manager.get(`${base()}/clauses`));
    expect(after.find((c) => c.id === clauseId)?.doneMinutes).toBe(0);
    const report = await json<{ insertion: { byClause: { clauseId: string; toDateMinutes: number }[] } }>(
      manager.get(`${base()}/report?from=${W2}&to=${today()}`),
    );
    expect(report.insertion.byClause.find((c) => c.clauseId === clauseId)).toMatchObject({
      periodMinutes: 0,
      toDateMinutes: 0,
    });
    await t.database.db.execute(
      sql`UPDATE insertion_clauses SET starts_on = ${shiftDay(W2, -60)}::date WHERE id = ${clauseId}`,
    );
    // A date change keeping the entered weeks inside is accepted.
    expect((await manager.patch(`/insertion-clauses/${clauseId}`, { startsOn: W2 })).statusCode).toBe(200);
  });

  it('links a clause to a buyer’s programme the organisation refurbishes for, not to another one', async () => {
    const buyer = await t.buildOrganisation({ name: 'Département', kinds: ['prescriber'] });
    const buyerManager = (await t.member(buyer.id, 'manager')).client;
    const year = today().slice(0, 4);
    const programme = async (partners: { organisationId: string; role: string }[]) =>
      (
        await json<{ id: string }>(
          buyerManager.post('/programmes', {
            name: `Programme ${partners.length} ${Math.random()}`,
            mode: 'donation',
            startsOn: `${year}-01-01`,
            endsOn: `${year}-12-31`,
            partners,
          }),
        )
      ).id;
    const partnered = await programme([{ organisationId: org.id, role: 'refurbisher' }]);
    const foreign = await programme([]);
    const clause = {
      name: 'Clause du Département',
      requiredHours: 50,
      startsOn: `${year}-01-01`,
      endsOn: `${year}-12-31`,
    };
    const linked = await json<{ programmeId: string; programmeName: string }>(
      manager.post(`${base()}/clauses`, { ...clause, programmeId: partnered }),
    );
    expect(linked.programmeId).toBe(partnered);
    const refused = await manager.post(`${base()}/clauses`, { ...clause, programmeId: foreign });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].path).toBe('programmeId');
  });

  it('audits a platform administrator’s read of a person’s page, by ids only', async () => {
    const count = async () => {
      const rows = await t.database.db.execute(
        sql`SELECT entity_id, fields FROM audit_log WHERE action = 'workforce_person.read' AND organisation_id = ${org.id}`,
      );
      return (rows as unknown as { rows: { entity_id: string; fields: string[] }[] }).rows;
    };
    await json(manager.get(`${base()}/people/${tech1}`));
    expect(await count()).toEqual([]);
    const platform = await t.admin();
    await json(platform.get(`${base()}/people/${tech1}`));
    expect(await count()).toEqual([{ entity_id: tech1, fields: [] }]);
  });
});
