import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPdf } from '../../../test/support/pdf.ts';
import {
  createProgramme,
  handOver,
  type Kit,
  type PersonSpec,
  readyDevices,
  referPeople,
  startKit,
  times,
} from './programme-report-kit.ts';

/**
 * The known-numbers programme of the issue, built through the public API: 32 people equipped against a
 * target of 40, 25 laptops and 7 desktops, 22 internet aids of 150 EUR, 19 people aged 25-44, 20 single
 * parents; every figure of the JSON, and the same figures read back from the PDF, the XLSX and the CSV.
 */

let kit: Kit;
let programmeId: string;
let funderA: { id: string; name: string };
let funderB: { id: string; name: string };
let aidFunder: { id: string; name: string };
let Y: number;

const zip = <T>(...columns: T[][]): T[][] => (columns[0] ?? []).map((_, i) => columns.map((c) => c[i] as T));

beforeAll(async () => {
  kit = await startKit();
  Y = kit.year;
  funderA = await kit.t.buildOrganisation({ name: 'Département du Loiret', kinds: ['funder'] });
  funderB = await kit.t.buildOrganisation({ name: 'Fondation Numérique', kinds: ['funder'] });
  aidFunder = await kit.t.buildOrganisation({ name: 'Caisse d’allocations familiales', kinds: ['funder'] });
  programmeId = await createProgramme(kit, {
    mode: 'sale',
    unitPriceCents: 13000,
    subsidies: [
      { funderOrganisationId: funderA.id, amountCents: 8000 },
      { funderOrganisationId: funderB.id, amountCents: 2000 },
    ],
    internetAid: { amountCents: 15000, months: 6, funderOrganisationId: aidFunder.id },
    targets: { beneficiaries: 40, devices: 40, autonomyRate: 0.8, byGroup: { job_seeker: 20, senior: 10 } },
    eligibility: { maxFamilyQuotientCents: 100000 },
  });

  // 32 people to equip: each column lists one fact for the 32, in the same order.
  const births = [
    ...times(1, Y - 16),
    ...times(5, Y - 20),
    ...times(19, Y - 30),
    ...times(4, Y - 50),
    ...times(2, Y - 65),
    ...times(1, Y - 80),
  ];
  const households = [
    ...times(20, 'single_parent'),
    ...times(6, 'single'),
    ...times(4, 'couple_with_children'),
    ...times<string | null>(2, null),
  ];
  const zones = [...times(12, true), ...times(20, false)];
  const incomes = [...times(10, 'rsa'), ...times(8, 'low_income'), ...times(14, 'none')];
  const towns = [...times(15, 'Orléans'), ...times(10, 'Fleury-les-Aubrais'), ...times(7, '=Saran')];
  const groups = [...times(20, 'job_seeker'), ...times(8, 'senior'), ...times(4, 'household')];
  const equippedSpecs: PersonSpec[] = births.map((birthYear, i) => ({
    birthYear,
    householdType: households[i] ?? null,
    priorityZone: zones[i] ?? null,
    incomeSituation: incomes[i] ?? null,
    city: towns[i] ?? null,
    targetGroup: groups[i] ?? 'household',
    familyQuotientCents: 50000,
  }));
  const referredOn = `${Y}-02-01`;
  const people = await referPeople(kit, programmeId, equippedSpecs, referredOn);
  // Referred but not equipped: 2 eligible, 3 above the family-quotient ceiling.
  await referPeople(kit, programmeId, times(2, { familyQuotientCents: 50000 }), referredOn);
  await referPeople(kit, programmeId, times(3, { familyQuotientCents: 150000 }), referredOn);

  // Training: one workshop of 4 sessions; 10 enrolled; 6 attend all, 2 attend 3 (75 % < 80 %), 2 none.
  const workshop = await kit.manager.post('/workshops', {
    programmeId,
    title: 'Premiers pas',
  });
  expect(workshop.statusCode, workshop.body).toBe(201);
  const workshopId: string = workshop.json().id;
  const sessions: string[] = [];
  for (let day = 2; day <= 5; day++) {
    const res = await kit.manager.post(`/workshops/${workshopId}/sessions`, {
      startsAt: `${Y}-03-0${day}T09:00:00.000Z`,
      endsAt: `${Y}-03-0${day}T12:00:00.000Z`,
    });
    expect(res.statusCode, res.body).toBe(201);
    sessions.push(res.json().id);
  }
  for (const beneficiaryId of people.slice(0, 10)) {
    const res = await kit.manager.post(`/workshops/${workshopId}/enrolments`, {
      beneficiaryId,
      enrolledOn: `${Y}-03-01`,
    });
    expect(res.statusCode, res.body).toBe(201);
  }
  for (const [i, sessionId] of sessions.entries()) {
    const present = i < 3 ? people.slice(0, 8) : people.slice(0, 6);
    const res = await kit.manager.put(`/sessions/${sessionId}/attendance`, {
      presentBeneficiaryIds: present,
    });
    expect(res.statusCode, res.body).toBe(200);
  }
  // Skills: 6 assessed at entry and exit; +2 in information, +1 in communication; 4 autonomous.
  for (const [i, beneficiaryId] of people.slice(0, 6).entries()) {
    for (const [stage, levels, on] of [
      ['entry', { information: 1, communication: 0 }, `${Y}-03-01`],
      ['exit', { information: 3, communication: 1 }, `${Y}-04-01`],
    ] as const) {
      const res = await kit.manager.post('/skills-assessments', {
        beneficiaryId,
        programmeId,
        stage,
        levels,
        autonomous: stage === 'exit' && i < 4,
        assessedOn: on,
      });
      expect(res.statusCode, res.body).toBe(201);
    }
  }

  // 25 laptops (5 weighed at 2 kg, 3 with a system image) and 7 desktops, handed over with the
  // contribution paid (130 € − 80 € − 20 €).
  const devices = await readyDevices(kit, [
    ...times(5, { type: 'laptop', weightKg: 2 }),
    ...times(3, { type: 'laptop', osImage: 'Emmabuntüs 5' }),
    ...times(17, { type: 'laptop' }),
    ...times(7, { type: 'desktop' }),
  ]);
  for (const [beneficiaryId, deviceId] of zip(people, devices)) {
    await handOver(kit, programmeId, beneficiaryId as string, deviceId as string, `${Y}-06-15`, 3000);
  }
  for (const beneficiaryId of people.slice(0, 22)) {
    const res = await kit.manager.post('/internet-aids', {
      programmeId,
      beneficiaryId,
      amountCents: 15000,
      months: 6,
      grantedOn: `${Y}-06-20`,
    });
    expect(res.statusCode, res.body).toBe(201);
  }
}, 120_000);
afterAll(() => kit.t.close());

const share = (count: number) => count / 32;

describe('the known-numbers programme', () => {
  it('gives every figure of the JSON', async () => {
    const res = await kit.manager.get(`/reports/programmes/${programmeId}`);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report.programme).toMatchObject({
      id: programmeId,
      ownerOrganisationId: kit.owner.id,
      mode: 'sale',
    });
    expect(report.period).toEqual({ from: `${Y}-01-01`, to: `${Y}-12-31` });
    expect(report.beneficiaries).toEqual({
      referred: 37,
      eligible: 34,
      equipped: 32,
      persons: 32,
      associations: 0,
      target: 40,
      targetAchievement: 0.8,
      byGroup: [
        { group: 'pupil', equipped: 0, target: null },
        { group: 'job_seeker', equipped: 20, target: 20 },
        { group: 'senior', equipped: 8, target: 10 },
        { group: 'household', equipped: 4, target: null },
        { group: 'association', equipped: 0, target: null },
      ],
    });
    expect(report.devices).toEqual({
      handedOver: 32,
      target: 40,
      byType: { laptop: 25, desktop: 7, monitor: 0, tablet: 0, smartphone: 0, printer: 0, other: 0 },
      osImages: [{ name: 'Emmabuntüs 5', count: 3 }],
    });
    expect(report.money).toEqual({
      contributionsCents: 96000,
      subsidiesCents: 320000,
      subsidiesByFunder: [
        { funderOrganisationId: funderA.id, funderName: funderA.name, units: 32, amountCents: 256000 },
        { funderOrganisationId: funderB.id, funderName: funderB.name, units: 32, amountCents: 64000 },
      ],
      internetAids: {
        count: 22,
        totalCents: 330000,
        byFunder: [
          { funderOrganisationId: aidFunder.id, funderName: aidFunder.name, count: 22, totalCents: 330000 },
        ],
      },
      costPerPersonCents: null,
    });
    expect(report.demographics).toEqual({
      masked: false,
      persons: 32,
      ageBands: [
        { band: 'under-18', count: 1, share: share(1) },
        { band: '18-24', count: 5, share: share(5) },
        { band: '25-44', count: 19, share: share(19) },
        { band: '45-59', count: 4, share: share(4) },
        { band: '60-74', count: 2, share: share(2) },
        { band: '75+', count: 1, share: share(1) },
        { band: 'unknown', count: 0, share: 0 },
      ],
      householdTypes: [
        { type: 'single', count: 6, share: share(6) },
        { type: 'single_parent', count: 20, share: share(20) },
        { type: 'couple', count: 0, share: 0 },
        { type: 'couple_with_children', count: 4, share: share(4) },
        { type: 'other', count: 0, share: 0 },
        { type: 'unknown', count: 2, share: share(2) },
      ],
      priorityZoneShare: 0.375,
      incomeSituations: [
        { situation: 'rsa', count: 10, share: share(10) },
        { situation: 'aah', count: 0, share: 0 },
        { situation: 'aspa', count: 0, share: 0 },
        { situation: 'minimum_income_other', count: 0, share: 0 },
        { situation: 'low_income', count: 8, share: share(8) },
        { situation: 'scholarship', count: 0, share: 0 },
        { situation: 'none', count: 14, share: share(14) },
        { situation: 'unknown', count: 0, share: 0 },
      ],
      towns: [
        { town: 'Orléans', count: 15, share: share(15) },
        { town: 'Fleury-les-Aubrais', count: 10, share: share(10) },
        { town: '=Saran', count: 7, share: share(7) },
      ],
    });
    expect(report.training).toEqual({
      enrolled: 10,
      completed: 6,
      assessedAtExit: 6,
      autonomousShare: 4 / 6,
      autonomyTarget: 0.8,
      averageSkillsProgress: {
        people: 6,
        overall: 1.5,
        byArea: [
          { area: 'communication', people: 6, progress: 1 },
          { area: 'information', people: 6, progress: 2 },
        ],
      },
      cheques: [],
    });
    // 25 × 182.3 × 0.5 + 7 × 261.9 × 0.5; 20 × 1.83 + 5 × 2 (weighed) + 7 × 6.69.
    expect(report.impact).toEqual({ co2eAvoidedKg: 3195.4, weeeAvoidedKg: 93.4 });
  });

  it('prints the same figures in the PDF, key figures first, with the method and the bases of shares', async () => {
    const res = await kit.manager.get(`/reports/programmes/${programmeId}.pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const { text } = await readPdf(res.rawPayload);
    const keyFigures = text.indexOf('Chiffres clés');
    expect(keyFigures).toBeGreaterThan(-1);
    expect(keyFigures).toBeLessThan(text.indexOf('Profil des personnes équipées'));
    expect(text).toContain('Bénéficiaires équipés 32 40');
    expect(text).toContain('Bénéficiaires équipés 32 40 Atteinte de l’objectif 80 % Matériels remis 32 40');
    expect(text).toContain('Matériels remis 32');
    expect(text).toContain('Ordinateur portable 25');
    expect(text).toContain('Ordinateur fixe 7');
    expect(text).toContain('Aides à la connexion 22 (3 300 €)');
    expect(text).toContain('Participations payées 960 €');
    expect(text).toContain(`${funderA.name} 2 560 € 32`);
    expect(text).toContain(`${funderB.name} 640 € 32`);
    expect(text).toContain('25-44 19 59,4 %');
    expect(text).toContain('Parent seul avec enfant(s) 20 62,5 %');
    expect(text).toContain('Part en quartier prioritaire (QPV) : 37,5 %');
    expect(text).toContain('Orléans 15 46,9 %');
    expect(text).toContain('Personnes inscrites 10');
    expect(text).toContain('Personnes ayant terminé la formation 6');
    expect(text).toContain('Part autonomes en sortie 66,7 % 80 %');
    expect(text).toContain('3 195,4 kg');
    expect(text).toContain('93,4 kg');
    expect(text).toContain('Base des parts : 32 personne(s) équipée(s)');
    expect(text).toContain('facteur de substitution 0,5');
    expect(text).toContain('ADEME/Arcep');
    expect(text).toContain('The Restart Project');
    expect(text).toContain(`Période du 1 janvier ${Y} au 31 décembre ${Y}`);
    expect(text).not.toMatch(/Nora|Petit/);

    const english = await kit.manager.get(`/reports/programmes/${programmeId}.pdf`, {
      'accept-language': 'en',
    });
    const en = (await readPdf(english.rawPayload)).text;
    expect(en).toContain('Key figures');
    expect(en).toContain('Beneficiaries equipped 32 40 Target achieved 80%');
    expect(en).toContain('Laptop 25');
    expect(en).toContain('displacement factor 0.5');
  });

  it('gives the same figures as numbers in the XLSX, one sheet per part, euros formatted', async () => {
    const res = await kit.manager.get(`/reports/programmes/${programmeId}.xlsx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'Synthèse',
      'Bénéficiaires',
      'Matériels',
      'Financement',
      'Budget',
      'Profil',
      'Formation',
      'Suivi',
      'Impact',
      'Chèques formation',
    ]);
    const rowsOf = (name: string) => {
      const sheet = workbook.getWorksheet(name);
      if (!sheet) throw new Error(`no sheet ${name}`);
      const rows: { values: unknown[]; formats: (string | undefined)[] }[] = [];
      sheet.eachRow((row) => {
        const values: unknown[] = [];
        const formats: (string | undefined)[] = [];
        row.eachCell({ includeEmpty: true }, (cell) => {
          values.push(cell.value);
          formats.push(cell.numFmt);
        });
        rows.push({ values, formats });
      });
      return rows;
    };
    const find = (name: string, ...start: unknown[]) => {
      const row = rowsOf(name).find((r) => start.every((v, i) => r.values[i] === v));
      if (!row) throw new Error(`no row ${start.join(' / ')} in ${name}`);
      return row;
    };
    for (const sheet of workbook.worksheets) expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(rowsOf('Synthèse')[0]?.values).toEqual(['Indicateur', 'Valeur']);
    expect(find('Synthèse', 'Bénéficiaires équipés').values[1]).toBe(32);
    expect(find('Synthèse', 'Atteinte de l’objectif')).toMatchObject({ values: [expect.any(String), 0.8] });
    expect(find('Synthèse', 'Atteinte de l’objectif').formats[1]).toBe('0.0%');
    expect(find('Bénéficiaires', 'Orientations reçues').values[1]).toBe(37);
    expect(find('Bénéficiaires', 'Orientations éligibles').values[1]).toBe(34);
    expect(find('Matériels', 'Ordinateur portable').values[1]).toBe(25);
    expect(find('Matériels', 'Ordinateur fixe').values[1]).toBe(7);
    const aids = find('Financement', 'Aides à la connexion (montant)');
    expect(aids.values.slice(1)).toEqual([3300, 22]);
    expect(aids.formats[1]).toBe('#,##0.00 "€"');
    expect(find('Financement', `Financeur : ${funderA.name}`).values.slice(1)).toEqual([2560, 32]);
    expect(find('Financement', 'Participations payées').values[1]).toBe(960);
    expect(find('Profil', 'Tranche d’âge', '25-44').values.slice(2)).toEqual([19, 19 / 32]);
    expect(find('Profil', 'Composition du foyer', 'Parent seul avec enfant(s)').values.slice(2)).toEqual([
      20,
      20 / 32,
    ]);
    expect(find('Profil', 'Commune', '=Saran').values.slice(2)).toEqual([7, 7 / 32]);
    expect(find('Formation', 'Personnes ayant terminé la formation').values[1]).toBe(6);
    expect(find('Formation', 'Part autonomes en sortie').values[1]).toBeCloseTo(4 / 6, 10);
    expect(find('Impact', 'CO2e évité (kg)').values[1]).toBe(3195.4);
    expect(find('Impact', 'DEEE évités (kg)').values[1]).toBe(93.4);
  });

  it('gives one CSV row per figure, formula-like text quoted', async () => {
    const res = await kit.manager.get(`/reports/programmes/${programmeId}.csv`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const rows: Record<string, string>[] = parse(res.body, { columns: true, bom: true });
    expect(Object.keys(rows[0] ?? {})).toEqual(['section', 'indicator', 'breakdown', 'value', 'unit']);
    const value = (indicator: string, breakdown = '') => {
      const row = rows.find((r) => r.indicator === indicator && r.breakdown === breakdown);
      if (!row) throw new Error(`no row ${indicator}/${breakdown}`);
      return [row.value, row.unit];
    };
    expect(value('from')).toEqual([`${Y}-01-01`, 'date']);
    expect(value('referred')).toEqual(['37', 'referrals']);
    expect(value('eligible')).toEqual(['34', 'referrals']);
    expect(value('equipped')).toEqual(['32', 'beneficiaries']);
    expect(rows.find((r) => r.section === 'beneficiaries' && r.indicator === 'target')?.value).toBe('40');
    expect(value('target_achievement')).toEqual(['0.8', 'fraction']);
    expect(value('equipped_by_group', 'job_seeker')).toEqual(['20', 'beneficiaries']);
    expect(value('handed_over')).toEqual(['32', 'devices']);
    expect(value('by_type', 'laptop')).toEqual(['25', 'devices']);
    expect(value('by_type', 'desktop')).toEqual(['7', 'devices']);
    expect(value('contributions')).toEqual(['960', 'EUR']);
    expect(value('subsidies')).toEqual(['3200', 'EUR']);
    expect(value('subsidies_by_funder', funderA.name)).toEqual(['2560', 'EUR']);
    expect(value('internet_aids')).toEqual(['22', 'aids']);
    expect(value('internet_aids_total')).toEqual(['3300', 'EUR']);
    expect(value('age_band', '25-44')).toEqual(['19', 'persons']);
    expect(value('household_type', 'single_parent')).toEqual(['20', 'persons']);
    expect(value('priority_zone_share')).toEqual(['0.375', 'fraction']);
    expect(value('town', 'Orléans')).toEqual(['15', 'persons']);
    expect(value('town', "'=Saran")).toEqual(['7', 'persons']);
    expect(value('enrolled')).toEqual(['10', 'persons']);
    expect(value('completed')).toEqual(['6', 'persons']);
    expect(value('skills_progress')).toEqual(['1.5', 'levels']);
    expect(value('co2e_avoided')).toEqual(['3195.4', 'kg_co2e']);
    expect(value('weee_avoided')).toEqual(['93.4', 'kg']);
    expect(rows.some((r) => Object.values(r).some((cell) => /^[=+\-@]/.test(cell)))).toBe(false);
  });

  it('publishes the open data: anonymous figures, counts under 5 masked, small towns left out', async () => {
    const res = await kit.manager.get(`/reports/programmes/${programmeId}/open-data.csv`);
    expect(res.statusCode, res.body).toBe(200);
    const rows: Record<string, string>[] = parse(res.body, { columns: true });
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'programme_id',
      'programme_name',
      'period_from',
      'period_to',
      'section',
      'indicator',
      'breakdown',
      'value',
      'unit',
    ]);
    const value = (indicator: string, breakdown = '') =>
      rows.find((r) => r.indicator === indicator && r.breakdown === breakdown)?.value;
    expect(value('equipped')).toBe('32');
    expect(value('age_band', '25-44')).toBe('19');
    expect(value('age_band', 'under-18')).toBe('<5');
    expect(value('age_band_share', 'under-18')).toBe('<5');
    expect(value('age_band', '45-59')).toBe('<5');
    expect(value('age_band', 'unknown')).toBe('0');
    expect(value('household_type', 'couple_with_children')).toBe('<5');
    expect(value('household_type', 'single_parent')).toBe('20');
    expect(value('internet_aids_total')).toBe('3300');
    expect(value('town', "'=Saran")).toBe('7');
    expect(rows.some((r) => r.indicator === 'by_os_image')).toBe(false);
    expect(res.body).not.toMatch(/Nora|Petit/);
  });
});
