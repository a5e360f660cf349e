import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../test/support/app.ts';
import { readPdf } from '../../../test/support/pdf.ts';
import { createProgramme, type Kit, startKit } from '../reports/programme-report-kit.ts';
import { type BudgetWorld, buildBudgetWorld } from './budget-test-kit.ts';
import { fundings } from './schema.ts';

/**
 * The financial statement (whole programme, and one agreement), figures read back from the PDF and the
 * XLSX; who may download it.
 */

let kit: Kit;
let world: BudgetWorld;

beforeAll(async () => {
  kit = await startKit();
  world = await buildBudgetWorld(kit);
}, 120_000);
afterAll(() => kit.t.close());

const nbsp = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');
const url = (ext: 'pdf' | 'xlsx', fundingId?: string) =>
  `/programmes/${world.programmeId}/budget/statement.${ext}${fundingId ? `?fundingId=${fundingId}` : ''}`;

async function pdfText(client: ApiClient, address: string, headers?: Record<string, string>) {
  const res = await client.get(address, headers);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  return nbsp((await readPdf(res.rawPayload)).text);
}

async function sheets(client: ApiClient, address: string): Promise<Map<string, unknown[][]>> {
  const res = await client.get(address);
  expect(res.statusCode, res.body).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  const out = new Map<string, unknown[][]>();
  for (const sheet of workbook.worksheets) {
    const rows: unknown[][] = [];
    sheet.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1));
    });
    out.set(sheet.name, rows);
  }
  return out;
}

describe('the financial statement', () => {
  it('prints the whole programme: spending per item, co-financing, unit costs (PDF)', async () => {
    const text = await pdfText(kit.manager, url('pdf'));
    expect(text).toContain('État financier');
    expect(text).toContain('Toute la durée du budget');
    expect(text).toMatch(/Équipement 1 900 € 1 300 € 1 200 €/);
    expect(text).toMatch(/Total 2 900 € 2 150 € 1 850 €/);
    // Requested, granted, received, share of the granted (2 600 €) and of the planned (2 900 €), whole headers.
    expect(text).toContain('Demandé Accordé Reçu Part des financements Part du budget prévu');
    expect(text).toMatch(/Département du Loiret CONV-2024-17 Reçu 1 200 € 1 000 € 1 000 € 38,5 % 34,5 %/);
    expect(text).toMatch(/Fondation Numérique — En partie reçu 600 € 500 € 200 € 19,2 % 17,2 %/);
    // The subsidies recorded on handovers (80 € and 20 € × 6 handovers): their funders' computed rows.
    expect(text).toMatch(
      /Département du Loiret Subventions à la remise \(calculées\) Reçu 480 € 480 € 480 € 18,5 % 16,6 %/,
    );
    expect(text).toMatch(/Total 3 600 € 2 600 € 1 800 €/);
    // The page's words: categories and statuses.
    expect(text).toContain('Temps de personnel 400 €');
    expect(text).toContain('Aide internet 600 €');
    expect(text).not.toMatch(/Versé|aides à la connexion/);
    expect(text).toContain('Reste à financer (prévu − accordé) 300 €');
    expect(text).toContain('Coût par personne équipée 370 €');
    expect(text).toContain('Coût par matériel remis 308,33 €');
  });

  it('prints one agreement over its dates, in English too', async () => {
    const [agreement] = world.fundingIds;
    const text = await pdfText(kit.manager, url('pdf', agreement));
    expect(text).toContain('État financier de la convention');
    expect(text).toContain('Référence : CONV-2024-17');
    expect(text).toContain(`Du 1 janvier ${world.Y0} au 31 décembre ${world.Y}`);
    expect(text).toMatch(/Reçu 1 200 € 1 000 € 1 000 €/);
    expect(text).not.toContain('Fondation Numérique');
    const english = await pdfText(kit.manager, url('pdf', agreement), { 'accept-language': 'en' });
    expect(english).toContain('Financial statement of the agreement');
    expect(english).toContain('Reference: CONV-2024-17');
  });

  it('keeps to the agreement’s dates: an agreement over last year shows last year’s budget', async () => {
    const b = world.fundingIds[1] as string;
    await kit.t.database.db
      .update(fundings)
      .set({
        agreementReference: 'FN-7',
        agreementStartsOn: `${world.Y}-01-01`,
        agreementEndsOn: `${world.Y}-12-31`,
      })
      .where(eq(fundings.id, b));
    const text = await pdfText(kit.manager, url('pdf', b));
    expect(text).toContain(`Période du 1 janvier ${world.Y} au 31 décembre ${world.Y}`);
    expect(text).toMatch(/Total 1 900 € 1 500 € 1 250 €/);
    // 4 people and 4 devices in Y.
    expect(text).toContain('Coût par personne équipée 312,50 €');
    const book = await sheets(kit.manager, url('xlsx', b));
    expect(book.get('État financier')).toContainEqual(['Réalisé', 1250]);
    expect(book.get('État financier')).toContainEqual(['Reçu', 200]);
  });

  it('gives the same figures as numbers in the XLSX', async () => {
    const book = await sheets(kit.manager, url('xlsx'));
    expect([...book.keys()]).toEqual(['État financier', 'Dépenses', 'Cofinancements']);
    const spending = book.get('Dépenses') ?? [];
    expect(spending).toContainEqual(['Équipement', 1900, 1300, 1200, 700]);
    expect(spending).toContainEqual(['Total', 2900, 2150, 1850, 1050]);
    const co = book.get('Cofinancements') ?? [];
    expect(co).toContainEqual([
      'Département du Loiret',
      'CONV-2024-17',
      'Reçu',
      1200,
      1000,
      1000,
      1000 / 2600,
      1000 / 2900,
    ]);
    expect(co).toContainEqual([
      'Fondation Numérique',
      'Subventions à la remise (calculées)',
      'Reçu',
      120,
      120,
      120,
      120 / 2600,
      120 / 2900,
    ]);
    expect(co).toContainEqual(['Total', '', '', 3600, 2600, 1800]);
    const summary = book.get('État financier') ?? [];
    expect(summary).toContainEqual(['Coût par personne équipée', 370]);
  });

  it('gives one agreement’s figures in the XLSX over its dates', async () => {
    const fse = world.fundingIds[2] as string;
    const book = await sheets(kit.manager, url('xlsx', fse));
    const summary = book.get('État financier') ?? [];
    expect(summary).toContainEqual(['Financeur', 'Fonds européens FSE+']);
    expect(summary).toContainEqual(['Accordé', 500]);
    expect(summary).toContainEqual(['Reçu', 0]);
    // No agreement dates: the whole budget.
    expect(summary).toContainEqual(['Réalisé', 1850]);
    expect((book.get('Cofinancements') ?? []).length).toBe(2);
  });

  it('is read by the owner’s viewers; others get 404, funders too', async () => {
    const viewer = (await kit.t.member(kit.owner.id, 'viewer')).client;
    expect((await viewer.get(url('pdf'))).statusCode).toBe(200);
    const socialWorker = (await kit.t.member(kit.owner.id, 'social_worker')).client;
    expect((await socialWorker.get(url('xlsx'))).statusCode).toBe(404);
    const funder = (await kit.t.member(world.funderA.id, 'admin')).client;
    expect((await funder.get(url('pdf'))).statusCode).toBe(404);
    const other = await kit.t.buildOrganisation({ kinds: ['prescriber'] });
    const stranger = (await kit.t.member(other.id, 'manager')).client;
    expect((await stranger.get(url('pdf'))).statusCode).toBe(404);
    expect((await stranger.get(url('xlsx', world.fundingIds[0]))).statusCode).toBe(404);
    expect((await kit.t.anonymous.get(url('pdf'))).statusCode).toBe(401);
  });

  it('covers the whole calendar years of an agreement from July to June, and says so', async () => {
    const [id] = await kit.t.database.db
      .insert(fundings)
      .values({
        programmeId: world.programmeId,
        funderName: 'Fondation Juillet',
        requestedCents: 40000,
        grantedCents: 40000,
        agreementReference: 'JUIL-1',
        agreementStartsOn: `${world.Y0}-07-01`,
        agreementEndsOn: `${world.Y}-06-30`,
      })
      .returning({ id: fundings.id });
    const text = await pdfText(kit.manager, url('pdf', id?.id));
    expect(text).toContain(`Budget des années ${world.Y0}–${world.Y} (années civiles entières)`);
    // Both whole years: every line, and the 5 people and 6 devices of those years.
    expect(text).toMatch(/Total 2 900 € 2 150 € 1 850 €/);
    expect(text).toContain('Coût par personne équipée 370 €');
    const book = await sheets(kit.manager, url('xlsx', id?.id));
    expect(book.get('État financier')).toContainEqual([
      `Budget des années ${world.Y0}–${world.Y} (années civiles entières)`,
    ]);
  });

  it('completes an agreement with only a start date with the programme’s end, and says so', async () => {
    const [id] = await kit.t.database.db
      .insert(fundings)
      .values({
        programmeId: world.programmeId,
        funderName: 'Fondation Début',
        requestedCents: 10000,
        grantedCents: 10000,
        agreementStartsOn: `${world.Y}-02-01`,
      })
      .returning({ id: fundings.id });
    const text = await pdfText(kit.manager, url('pdf', id?.id));
    expect(text).toContain(`Période du 1 février ${world.Y} au 31 décembre ${world.Y}`);
    expect(text).toContain(`Budget de l’année ${world.Y} (année civile entière)`);
    expect(text).toContain('Une date de la convention n’est pas renseignée');
    expect(text).toMatch(/Total 1 900 € 1 500 € 1 250 €/);
    expect(text).not.toContain('Toute la durée du budget');
  });

  it('answers 404 for a funding of another programme or not a funding at all', async () => {
    const otherOrg = await kit.t.buildOrganisation({ kinds: ['prescriber'] });
    const res = await kit.manager.get(url('pdf', otherOrg.id));
    expect(res.statusCode).toBe(404);
    expect((await kit.manager.get(url('xlsx', 'nope'))).statusCode).toBe(404);
  });

  it('accepts an overspent line and says so on the line', async () => {
    const programmeId = await createProgramme(kit);
    const res = await kit.manager.post(`/programmes/${programmeId}/budget-lines`, {
      year: kit.year,
      category: 'equipment',
      label: 'Serveurs',
      plannedCents: 150050,
      committedCents: 200000,
      spentCents: 250000,
    });
    expect(res.statusCode, res.body).toBe(201);
    const text = await pdfText(kit.manager, `/programmes/${programmeId}/budget/statement.pdf`);
    expect(text).toContain(
      `Dépensé au-delà du prévu : « Serveurs » (${kit.year}), 2 500 € dépensés pour 1 500,50 € prévus.`,
    );
  });
});
