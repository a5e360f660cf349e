import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../test/support/app.ts';
import { readPdf } from '../../../test/support/pdf.ts';
import { type BudgetWorld, buildBudgetWorld } from '../budgets/budget-test-kit.ts';
import { createProgramme, type Kit, startKit } from './programme-report-kit.ts';

/** The programme report's « Budget » section, in the JSON and read back from the PDF, the XLSX and the CSV. */

let kit: Kit;
let world: BudgetWorld;
let funderViewer: ApiClient;

beforeAll(async () => {
  kit = await startKit();
  world = await buildBudgetWorld(kit);
  funderViewer = (await kit.t.member(world.funderB.id, 'viewer')).client;
}, 120_000);
afterAll(() => kit.t.close());

const nbsp = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');

describe('the programme report’s budget section', () => {
  it('gives planned against actual per category, the costs and each funder’s share', async () => {
    const res = await kit.manager.get(`/reports/programmes/${world.programmeId}`);
    expect(res.statusCode, res.body).toBe(200);
    const budget = res.json().budget;
    expect(budget.recorded).toBe(true);
    expect(budget.totals).toEqual({ plannedCents: 290000, committedCents: 215000, spentCents: 185000 });
    expect(budget.categories.map((c: { category: string }) => c.category)).toEqual([
      'equipment',
      'internet_aid',
      'staff',
      'other',
    ]);
    expect(budget.costPerPersonCents).toBe(37000);
    expect(budget.costPerDeviceCents).toBe(30833);
    expect(res.json().money.costPerPersonCents).toBe(37000);
    expect(
      budget.funders.map((f: { funderName: string; grantedCents: number; shareOfGranted: number }) => [
        f.funderName,
        f.grantedCents,
        f.shareOfGranted,
      ]),
    ).toEqual([
      // Agreements and the subsidies recorded on handovers (80 € and 20 € × 6 handovers).
      ['Département du Loiret', 148000, 148000 / 260000],
      ['Fondation Numérique', 62000, 62000 / 260000],
      ['Fonds européens FSE+', 50000, 50000 / 260000],
      ['Fondation en attente', 0, 0],
      ['Mécène refusé', 0, 0],
    ]);
    expect(budget.funding).toEqual({
      grantedCents: 260000,
      receivedCents: 180000,
      unfundedCents: 30000,
      overfundedCents: 0,
    });
    expect([budget.coveredFrom, budget.coveredTo]).toEqual([world.Y0, world.Y]);
  });

  it('follows the report’s period: last year only', async () => {
    const res = await kit.manager.get(
      `/reports/programmes/${world.programmeId}?from=${world.Y}-01-01&to=${world.Y}-12-31`,
    );
    const budget = res.json().budget;
    expect(budget.totals).toEqual({ plannedCents: 190000, committedCents: 150000, spentCents: 125000 });
    // 4 handovers to 4 people in Y.
    expect(budget.costPerPersonCents).toBe(31250);
    expect(budget.costPerDeviceCents).toBe(31250);
  });

  it('keeps to whole calendar years: a first-quarter report shows the year’s budget and the year’s people', async () => {
    const res = await kit.manager.get(
      `/reports/programmes/${world.programmeId}?from=${world.Y}-01-01&to=${world.Y}-03-31`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const budget = res.json().budget;
    expect([budget.coveredFrom, budget.coveredTo]).toEqual([world.Y, world.Y]);
    expect(budget.totals).toEqual({ plannedCents: 190000, committedCents: 150000, spentCents: 125000 });
    // The year's 1 250 € spent over the year's 4 people and 4 devices, not over the quarter's 2.
    expect(budget.costPerPersonCents).toBe(31250);
    expect(budget.costPerDeviceCents).toBe(31250);
    const pdf = nbsp(
      (
        await readPdf(
          (
            await kit.manager.get(
              `/reports/programmes/${world.programmeId}.pdf?from=${world.Y}-01-01&to=${world.Y}-03-31`,
            )
          ).rawPayload,
        )
      ).text,
    );
    expect(pdf).toContain(`Budget de l’année ${world.Y} (année civile entière)`);
  });

  it('shows funders their shares, never an agreement’s reference', async () => {
    const res = await funderViewer.get(`/reports/programmes/${world.programmeId}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().budget.totals.spentCents).toBe(185000);
    expect(res.body).not.toContain('CONV-2024-17');
  });

  it('says when no budget is recorded', async () => {
    const other = await createProgramme(kit);
    const res = await kit.manager.get(`/reports/programmes/${other}`);
    expect(res.json().budget.recorded).toBe(false);
    expect(res.json().budget.costPerPersonCents).toBeNull();
    const pdf = await readPdf((await kit.manager.get(`/reports/programmes/${other}.pdf`)).rawPayload);
    expect(pdf.text).toContain('Aucune ligne de budget n’est enregistrée pour cette période.');
  });

  it('prints the same figures in the PDF, in French and English', async () => {
    const res = await kit.manager.get(`/reports/programmes/${world.programmeId}.pdf`);
    expect(res.statusCode).toBe(200);
    const text = nbsp((await readPdf(res.rawPayload)).text);
    expect(text).toContain('Budget');
    expect(text).toMatch(/Total 2 900 € 2 150 € 1 850 €/);
    expect(text).toContain('Coût par personne équipée 370 €');
    expect(text).toContain('Coût par matériel remis 308,33 €');
    expect(text).toMatch(/Département du Loiret 1 480 € 1 480 € 56,9 %/);
    expect(text).toContain('Reste à financer (prévu − accordé) 300 €');
    expect(text).toContain(`Budget des années ${world.Y0}–${world.Y} (années civiles entières)`);
    const en = await kit.manager.get(`/reports/programmes/${world.programmeId}.pdf`, {
      'accept-language': 'en',
    });
    const english = nbsp((await readPdf(en.rawPayload)).text);
    expect(english).toContain('Cost per person equipped €370');
  });

  it('has a Budget sheet in the XLSX with numbers as numbers', async () => {
    const res = await kit.manager.get(`/reports/programmes/${world.programmeId}.xlsx`);
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const sheet = workbook.getWorksheet('Budget');
    expect(sheet).toBeDefined();
    const rows: unknown[][] = [];
    sheet?.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1));
    });
    expect(rows).toContainEqual(['Total', 2900, 2150, 1850]);
    expect(rows).toContainEqual(['Coût par personne équipée', 370]);
    expect(rows).toContainEqual(['Département du Loiret', 1480, 1480, 1480 / 2600, 1480 / 2900]);
  });

  it('lists the budget rows in the CSV', async () => {
    const res = await kit.manager.get(`/reports/programmes/${world.programmeId}.csv`);
    const rows: string[][] = parse(res.body.replace(/^\uFEFF/, ''));
    const value = (indicator: string, breakdown = '') =>
      rows.find((r) => r[0] === 'budget' && r[1] === indicator && r[2] === breakdown)?.[3];
    expect(value('spent_total')).toBe('1850');
    expect(value('planned', 'staff')).toBe('400');
    expect(value('cost_per_person')).toBe('370');
    expect(value('share_of_granted_by_funder', 'Fondation Numérique')).toBe(String(620 / 2600));
    expect(value('unfunded')).toBe('300');
    expect(value('overfunded')).toBe('0');
  });
});
