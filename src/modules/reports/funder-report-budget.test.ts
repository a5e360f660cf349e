import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../test/support/app.ts';
import { readPdf } from '../../../test/support/pdf.ts';
import { type BudgetWorld, buildBudgetWorld } from '../budgets/budget-test-kit.ts';
import { fundings } from '../budgets/schema.ts';
import { createProgramme, type Kit, startKit } from './programme-report-kit.ts';

/**
 * The funder report's co-financing part: the funder's own fundings of each programme (reference, dates,
 * amounts), its share and the programme's unit costs — and nothing of another funder's agreement, nor of a
 * programme that is not its own.
 */

let kit: Kit;
let world: BudgetWorld;
let funderA: ApiClient;
let funderB: ApiClient;
let otherProgramme: string;

beforeAll(async () => {
  kit = await startKit();
  world = await buildBudgetWorld(kit);
  funderA = (await kit.t.member(world.funderA.id, 'viewer')).client;
  funderB = (await kit.t.member(world.funderB.id, 'viewer')).client;
  // Another organisation's programme, co-financed by funder A only.
  const other = await kit.t.buildOrganisation({ kinds: ['prescriber'] });
  const otherManager = (await kit.t.member(other.id, 'manager')).client;
  const res = await otherManager.post('/programmes', {
    name: 'Programme voisin',
    ownerOrganisationId: other.id,
    mode: 'donation',
    startsOn: `${world.Y}-01-01`,
    endsOn: `${world.Y}-12-31`,
  });
  expect(res.statusCode, res.body).toBe(201);
  otherProgramme = res.json().id;
  await kit.t.database.db.insert(fundings).values({
    programmeId: otherProgramme,
    funderOrganisationId: world.funderA.id,
    requestedCents: 777700,
    grantedCents: 777700,
    agreementReference: 'VOISIN-9',
  });
  expect(await createProgramme(kit)).toBeTruthy();
}, 120_000);
afterAll(() => kit.t.close());

const period = () => `?from=${world.Y0}-01-01&to=${world.Y}-12-31`;
const nbsp = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');

describe('the funder report’s co-financing', () => {
  it('lists the funder’s own fundings, its share and the unit costs', async () => {
    const res = await funderA.get(`/reports/funders/${world.funderA.id}${period()}`);
    expect(res.statusCode, res.body).toBe(200);
    const line = res
      .json()
      .programmes.find((p: { programme: { id: string } }) => p.programme.id === world.programmeId);
    expect(line.budget).toEqual({
      fundings: [
        {
          id: world.fundingIds[0],
          status: 'received',
          requestedCents: 120000,
          grantedCents: 100000,
          receivedCents: 100000,
          agreementReference: 'CONV-2024-17',
          agreementStartsOn: `${world.Y0}-01-01`,
          agreementEndsOn: `${world.Y}-12-31`,
          derived: false,
        },
        // Its 80 € per handover (6 handovers): its contribution too, its own computed row.
        {
          id: world.funderA.id,
          status: 'received',
          requestedCents: 48000,
          grantedCents: 48000,
          receivedCents: 48000,
          agreementReference: null,
          agreementStartsOn: null,
          agreementEndsOn: null,
          derived: true,
        },
      ],
      requestedCents: 168000,
      grantedCents: 148000,
      receivedCents: 148000,
      // Granted to the programme: 2 000 € of agreements + 600 € of handover subsidies.
      shareOfGranted: 148000 / 260000,
      shareOfPlanned: 148000 / 290000,
      costPerPersonCents: 37000,
      costPerDeviceCents: 30833,
    });
    // A programme it only co-finances (no subsidy, no aid) is listed too: it pays for it.
    const other = res
      .json()
      .programmes.find((p: { programme: { id: string } }) => p.programme.id === otherProgramme);
    expect(other.budget.grantedCents).toBe(777700);
    expect(other.budget.shareOfGranted).toBe(1);
  });

  it('never shows another funder’s agreement nor another funder’s programme', async () => {
    const res = await funderB.get(`/reports/funders/${world.funderB.id}${period()}`);
    expect(res.statusCode, res.body).toBe(200);
    const programmes = res.json().programmes;
    expect(programmes.map((p: { programme: { id: string } }) => p.programme.id)).toEqual([world.programmeId]);
    expect(programmes[0].budget.fundings.map((f: { derived: boolean }) => f.derived)).toEqual([false, true]);
    expect(programmes[0].budget).toMatchObject({
      grantedCents: 62000,
      receivedCents: 32000,
      shareOfGranted: 62000 / 260000,
    });
    expect(res.body).not.toContain('CONV-2024-17');
    expect(res.body).not.toContain('VOISIN-9');
    expect(res.body).not.toContain('777700');
    // And funder B cannot read funder A's report.
    expect((await funderB.get(`/reports/funders/${world.funderA.id}${period()}`)).statusCode).toBe(404);
    const pdf = nbsp(
      (await readPdf((await funderB.get(`/reports/funders/${world.funderB.id}.pdf${period()}`)).rawPayload))
        .text,
    );
    expect(pdf).not.toContain('CONV-2024-17');
    expect(pdf).not.toContain('Programme voisin');
  });

  it('prints the fundings and costs in the PDF and the XLSX', async () => {
    const pdf = nbsp(
      (await readPdf((await funderA.get(`/reports/funders/${world.funderA.id}.pdf${period()}`)).rawPayload))
        .text,
    );
    expect(pdf).toContain('Cofinancement et coûts');
    expect(pdf).toMatch(/CONV-2024-17 Du 1 janvier \d{4} au 31 décembre \d{4} Reçu 1 200 € 1 000 € 1 000 €/);
    expect(pdf).toMatch(/Subventions à la remise \(calculées\) — Reçu 480 € 480 € 480 €/);
    expect(pdf).toContain('Part de Département du Loiret dans les financements accordés 56,9 %');
    expect(pdf).toContain('Coût par personne équipée 370 €');
    const res = await funderA.get(`/reports/funders/${world.funderA.id}.xlsx${period()}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const sheet = workbook.getWorksheet('Cofinancement');
    const rows: unknown[][] = [];
    sheet?.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1));
    });
    const own = rows.find((r) => r[1] === 'CONV-2024-17');
    expect(own?.slice(4)).toEqual(['Reçu', 1200, 1000, 1000, 1480 / 2600, 1480 / 2900, 370, 308.33]);
    const subsidies = rows.find((r) => r[1] === 'Subventions à la remise (calculées)');
    expect(subsidies?.slice(5, 8)).toEqual([480, 480, 480]);
  });

  it('lists a programme for what the funder granted only: not for a refused or an unanswered request', async () => {
    const db = kit.t.database.db;
    const refusing = await kit.t.buildOrganisation({ name: 'Fondation qui refuse', kinds: ['funder'] });
    const asked = await kit.t.buildOrganisation({ name: 'Fondation sollicitée', kinds: ['funder'] });
    await db.insert(fundings).values([
      {
        programmeId: world.programmeId,
        funderOrganisationId: refusing.id,
        requestedCents: 30000,
        grantedCents: 30000,
        refusedOn: `${world.Y}-01-15`,
      },
      { programmeId: world.programmeId, funderOrganisationId: asked.id, requestedCents: 20000 },
      // Funder B, which subsidises the programme, is also asked for more: that request is not shown.
      { programmeId: world.programmeId, funderOrganisationId: world.funderB.id, requestedCents: 90000 },
    ]);
    for (const funder of [refusing, asked]) {
      const reader = (await kit.t.member(funder.id, 'viewer')).client;
      const res = await reader.get(`/reports/funders/${funder.id}${period()}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().programmes).toEqual([]);
      expect(res.body).not.toContain('29000');
    }
    const res = await funderB.get(`/reports/funders/${world.funderB.id}${period()}`);
    const line = res.json().programmes[0];
    expect(line.budget.fundings.map((f: { status: string }) => f.status)).toEqual([
      'partly_received',
      'received',
    ]);
    expect(line.budget.requestedCents).toBe(60000 + 12000);
  });
});
