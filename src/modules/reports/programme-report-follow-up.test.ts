import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../test/support/app.ts';
import { readPdf } from '../../../test/support/pdf.ts';
import { planFollowUps } from '../followup/planning.ts';
import type { ProgrammeReport } from './programme-report.ts';
import { maskFollowUps } from './programme-report-follow-up.ts';
import {
  createProgramme,
  handOver,
  type Kit,
  readyDevices,
  referPeople,
  startKit,
  times,
} from './programme-report-kit.ts';

let kit: Kit;
let funderReader: ApiClient;
let programmeId: string;
let people: string[];

/** The follow-ups of a person, by months. */
async function followUpsOf(beneficiaryId: string): Promise<Map<number, string>> {
  const res = await kit.socialWorker.get(`/beneficiaries/${beneficiaryId}/follow-ups`);
  expect(res.statusCode, res.body).toBe(200);
  return new Map(res.json().map((f: { months: number; id: string }) => [f.months, f.id]));
}

async function answer(followUpId: string | undefined, body: Record<string, unknown>) {
  const res = await kit.socialWorker.post(`/follow-ups/${followUpId}/answers`, {
    helpDevice: false,
    helpContact: false,
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
}

/**
 * A handover on `on` whose follow-ups are planned as on that day (recorded at the time, not today: a
 * handover recorded late gets only the latest of its long-overdue follow-ups).
 */
async function handOverOnItsDay(programme: string, beneficiaryId: string, deviceId: string, on: string) {
  const allocationId = await handOver(kit, programme, beneficiaryId, deviceId, on);
  await kit.t.database.db.transaction((tx) => planFollowUps(tx, allocationId, on));
  return allocationId;
}

beforeAll(async () => {
  kit = await startKit();
  const funder = await kit.t.buildOrganisation({ kinds: ['funder'] });
  funderReader = (await kit.t.member(funder.id, 'viewer')).client;
  programmeId = await createProgramme(kit, {
    subsidies: [{ funderOrganisationId: funder.id, amountCents: 5000 }],
  });
  // Three people handed a computer on 1 March: follow-ups due 1 June, 1 September (in the year) and next March.
  people = await referPeople(kit, programmeId, times(3, {}), `${kit.year}-02-01`);
  const devices = await readyDevices(kit, times(3, { type: 'laptop' }));
  for (const [i, id] of people.entries()) {
    await handOverOnItsDay(programmeId, id, devices[i] as string, `${kit.year}-03-01`);
  }
  const [a, b, c] = await Promise.all(people.map(followUpsOf));
  await answer(a?.get(3), {
    works: 'yes',
    frequency: 'daily',
    uses: ['admin', 'job_search'],
    autonomy: 'much_more',
    helpDevice: true,
  });
  await answer(b?.get(3), { works: 'no', frequency: 'never', uses: [], autonomy: 'not_more' });
  await answer(c?.get(6), {
    works: 'partly',
    frequency: 'weekly',
    uses: ['admin'],
    autonomy: 'a_little_more',
    helpContact: true,
  });
});
afterAll(() => kit.t.close());

const report = async (client: ApiClient, query = ''): Promise<ProgrammeReport> => {
  const res = await client.get(`/reports/programmes/${programmeId}${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe("the programme report's follow-ups", () => {
  it('counts the follow-ups due in the period and what their answers say', async () => {
    const { followUp } = await report(kit.manager);
    expect(followUp).toEqual({
      masked: false,
      scheduled: 6,
      due: 6,
      answered: 3,
      responseRate: 0.5,
      stillWorking: 2,
      byFrequency: { daily: 1, weekly: 1, monthly: 0, rarely: 0, never: 1 },
      byUse: { admin: 2, job_search: 1, school: 0, keep_in_touch: 0, learning: 0, other: 0 },
      byAutonomy: { much_more: 1, a_little_more: 1, not_more: 1 },
      helpAsked: 2,
      byMonths: [
        { months: 3, due: 3, answered: 2 },
        { months: 6, due: 3, answered: 1 },
      ],
    });
  });

  it('follows the period asked for', async () => {
    const { followUp } = await report(kit.manager, `?from=${kit.year}-05-01&to=${kit.year}-06-30`);
    expect(followUp).toMatchObject({ scheduled: 3, due: 3, answered: 2, responseRate: 2 / 3 });
    expect(followUp.byMonths).toEqual([{ months: 3, due: 3, answered: 2 }]);
    const empty = (await report(kit.manager, `?from=${kit.year}-01-01&to=${kit.year}-02-28`)).followUp;
    expect(empty).toMatchObject({ scheduled: 0, due: 0, answered: 0, responseRate: null });
  });

  it('divides the answers by the follow-ups due: neither those to come nor those of a handover taken back', async () => {
    const other = await createProgramme(kit);
    const put = await kit.manager.put(`/programmes/${other}/follow-up-settings`, {
      months: [3, 24],
      reminderDays: 14,
    });
    expect(put.statusCode, put.body).toBe(200);
    const [answering, silent, takenBack] = await referPeople(kit, other, times(3, {}), `${kit.year}-02-01`);
    const devices = await readyDevices(kit, times(3, { type: 'laptop' }));
    const on = `${kit.year}-03-01`;
    await handOverOnItsDay(other, answering as string, devices[0] as string, on);
    await handOverOnItsDay(other, silent as string, devices[1] as string, on);
    const back = await handOverOnItsDay(other, takenBack as string, devices[2] as string, on);
    const cancelled = await kit.manager.post(`/allocations/${back}/handover-cancellation`, {
      reason: 'Erreur de saisie',
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    await answer((await followUpsOf(answering as string)).get(3), {
      works: 'yes',
      frequency: 'daily',
      uses: ['admin'],
      autonomy: 'much_more',
    });
    // A period reaching the 24-month follow-ups, still to come.
    const res = await kit.manager.get(
      `/reports/programmes/${other}?from=${kit.year}-01-01&to=${kit.year + 2}-12-31`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const { followUp } = res.json() as ProgrammeReport;
    // 1 answered of 2 due: not 1 of 4 planned, nor 1 of 3 with the handover taken back.
    expect(followUp).toMatchObject({ scheduled: 4, due: 2, answered: 1, responseRate: 0.5 });
    expect(followUp.byMonths).toEqual([
      { months: 3, due: 2, answered: 1 },
      { months: 24, due: 0, answered: 0 },
    ]);
  });

  it("masks a funder's small counts of answers", async () => {
    const { followUp } = await report(funderReader);
    expect(followUp).toMatchObject({ masked: true, scheduled: 6, due: 6, answered: 3, responseRate: 0.5 });
    expect(followUp.byFrequency.daily).toBe('<5');
    expect(followUp.stillWorking).toBe('<5');
    expect(followUp.byMonths[0]?.answered).toBe('<5');
  });
});

describe("the report's files carry the follow-ups", () => {
  it('prints them in the PDF: counts, response rate, answers, per follow-up', async () => {
    const res = await kit.manager.get(`/reports/programmes/${programmeId}.pdf`);
    expect(res.statusCode, res.body).toBe(200);
    const { text } = await readPdf(res.rawPayload);
    const part = text.slice(text.indexOf('Suivi après remise'), text.indexOf('Impact environnemental'));
    expect(part).toContain('Suivis arrivant à échéance dans la période 6');
    expect(part).toContain('Réponses reçues 3');
    expect(part).toContain('Taux de réponse 50 %');
    expect(part).toContain('Tous les jours 1');
    expect(part).toContain('Démarches administratives 2');
    expect(part).toContain('Suivi à 3 mois 3 2');
  });

  it('gives them a sheet of numbers in the XLSX, and masked counts to a funder', async () => {
    const rowsOf = async (client: ApiClient) => {
      const res = await client.get(`/reports/programmes/${programmeId}.xlsx`);
      expect(res.statusCode, res.body).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as Parameters<typeof workbook.xlsx.load>[0]);
      const rows = new Map<string, unknown[]>();
      workbook.getWorksheet('Suivi')?.eachRow((row) => {
        const values = (row.values as unknown[]).slice(1);
        rows.set(String(values[0]), values.slice(1));
      });
      return rows;
    };
    const manager = await rowsOf(kit.manager);
    expect(manager.get('Réponses reçues')).toEqual([3]);
    expect(manager.get('Taux de réponse')).toEqual([0.5, 6]);
    expect(manager.get('Usages : Démarches administratives')).toEqual([2]);
    expect(manager.get('Suivi à 6 mois')).toEqual([1, 3]);
    const funder = await rowsOf(funderReader);
    expect(funder.get('Usages : Démarches administratives')).toEqual(['<5']);
  });

  it('gives one CSV row per follow-up figure, and masks them in the open data', async () => {
    const rowsOf = async (path: string) => {
      const res = await kit.manager.get(`/reports/programmes/${programmeId}${path}`);
      expect(res.statusCode, res.body).toBe(200);
      const rows: Record<string, string>[] = parse(res.body, { columns: true, bom: true });
      return (indicator: string, breakdown = '') =>
        rows.find((r) => r.section === 'follow_up' && r.indicator === indicator && r.breakdown === breakdown)
          ?.value;
    };
    const csv = await rowsOf('.csv');
    expect(csv('answered')).toBe('3');
    expect(csv('response_rate')).toBe('0.5');
    expect(csv('frequency', 'never')).toBe('1');
    expect(csv('answered_at_months', '3')).toBe('2');
    const open = await rowsOf('/open-data.csv');
    expect(open('due')).toBe('6');
    expect(open('answered')).toBe('<5');
    expect(open('frequency', 'never')).toBe('<5');
    expect(open('frequency', 'monthly')).toBe('0');
  });
});

describe('maskFollowUps', () => {
  it('keeps counts of 5 or more and zeroes, and masks a lone small count with a complement', () => {
    const masked = maskFollowUps({
      masked: false,
      scheduled: 20,
      due: 20,
      answered: 12,
      responseRate: 0.6,
      stillWorking: 10,
      byFrequency: { daily: 6, weekly: 4, monthly: 2, rarely: 0, never: 0 },
      byUse: { admin: 12, job_search: 5, school: 0, keep_in_touch: 9, learning: 0, other: 0 },
      byAutonomy: { much_more: 7, a_little_more: 5, not_more: 0 },
      helpAsked: 0,
      byMonths: [{ months: 3, due: 20, answered: 12 }],
    });
    // Two small counts hide each other: the 6 stays.
    expect(masked.byFrequency).toEqual({ daily: 6, weekly: '<5', monthly: '<5', rarely: 0, never: 0 });
    expect(masked.byAutonomy).toEqual({ much_more: 7, a_little_more: 5, not_more: 0 });
    // 10 working, 2 not: the 2 is hidden, so the 10 is too (12 − 10 would give it away).
    expect(masked.stillWorking).toBe('<5');
    expect(masked.helpAsked).toBe(0);
    // 9 of 12 keep in touch: the 3 others would be 12 − 9.
    expect(masked.byUse).toMatchObject({ admin: 12, job_search: 5, keep_in_touch: '<5' });
    expect(masked.byMonths).toEqual([{ months: 3, due: 20, answered: 12 }]);
  });
});
