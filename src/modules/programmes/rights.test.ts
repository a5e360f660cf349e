import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp, unique } from '../../../test/support/app.ts';
import { readPdf } from '../../../test/support/pdf.ts';
import { addMonthsToDay, today } from '../../lib/dates.ts';
import { anonymiseInactive } from './rights.ts';

/**
 * The rights of the person (GDPR): every read of their record is written in the audit log with ids only,
 * they can have everything kept about them (export), and an erasure leaves nothing personal anywhere in
 * the database. People with no contact for the retention period are anonymised by the daily job.
 */
let t: TestApp;

const year = today().slice(0, 4);
const period = { mode: 'sale' as const, startsOn: `${year}-01-01`, endsOn: `${year}-12-31` };
const FQ_CEILING = 70000;

let ownerA: { id: string; name: string };
let prescriberB: { id: string; name: string };
let openProgramme: { id: string; name: string };
let strictProgramme: { id: string; name: string };
let ownerManager: ApiClient;
let bManager: ApiClient;
let bSocialWorker: ApiClient;
let bSocialWorkerId: string;
let aSocialWorker: ApiClient;
let aSocialWorkerId: string;
let platformAdmin: ApiClient;

const randomDigits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();

beforeAll(async () => {
  t = await startTestApp();
  ownerA = await t.buildOrganisation({ name: unique('CCAS '), kinds: ['prescriber', 'coordinator'] });
  prescriberB = await t.buildOrganisation({ name: unique('Mission locale '), kinds: ['prescriber'] });
  ownerManager = (await t.member(ownerA.id, 'manager')).client;
  const a = await t.member(ownerA.id, 'social_worker');
  aSocialWorker = a.client;
  aSocialWorkerId = a.user.id;
  bManager = (await t.member(prescriberB.id, 'manager')).client;
  const b = await t.member(prescriberB.id, 'social_worker');
  bSocialWorker = b.client;
  bSocialWorkerId = b.user.id;
  platformAdmin = await t.admin();
  const partners = [{ organisationId: prescriberB.id, role: 'prescriber' }];
  const create = async (body: Record<string, unknown>) => {
    const res = await ownerManager.post('/programmes', {
      ...period,
      ownerOrganisationId: ownerA.id,
      ...body,
    });
    if (res.statusCode !== 201) throw new Error(`set-up failed: ${res.statusCode} ${res.body}`);
    return res.json() as { id: string; name: string };
  };
  openProgramme = await create({ name: unique('Ordi pour tous '), partners });
  strictProgramme = await create({
    name: unique('Ordi sous conditions '),
    partners,
    eligibility: { maxFamilyQuotientCents: FQ_CEILING, postcodes: ['45*'] },
  });
});
afterAll(() => t.close());

/** What a social worker of B records about a person: every field a person may have. */
function personFields(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'person',
    firstName: unique('Zoé'),
    lastName: unique('Lefèvre'),
    birthYear: 1987,
    householdType: 'single_parent',
    childrenCount: 2,
    postcode: `93${randomDigits(3)}`,
    city: 'Saint-Denis',
    country: 'FR',
    priorityZone: true,
    incomeSituation: 'rsa',
    familyQuotientCents: 60000,
    employmentSituation: 'job_seeker',
    targetGroup: 'job_seeker',
    phone: `06 ${randomDigits(2)} ${randomDigits(2)} ${randomDigits(2)} ${randomDigits(2)}`,
    email: `${unique('zoe')}@exemple.fr`,
    accessibilityNeeds: true,
    deviceNeed: 'laptop',
    ...overrides,
  };
}

async function createPerson(client: ApiClient, fields: Record<string, unknown>): Promise<string> {
  const res = await client.post('/beneficiaries', {
    ...fields,
    referringOrganisationId: prescriberB.id,
    consent: { givenOn: today(), covers: ['referral', 'partners', 'follow_up'] },
  });
  if (res.statusCode !== 201) throw new Error(`set-up failed: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

async function refer(beneficiaryId: string, programmeId: string, socialEvaluation: string) {
  const res = await bSocialWorker.post('/referrals', { beneficiaryId, programmeId, socialEvaluation });
  if (res.statusCode !== 201) throw new Error(`set-up failed: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; status: string };
}

interface AuditRow {
  id: string;
  action: string;
  entityType: string;
  entityId: string;
  organisationId: string;
  actorUserId: string;
  fields: string[];
}
async function auditOf(entityId: string): Promise<AuditRow[]> {
  const res = await platformAdmin.get(`/audit?entityId=${entityId}&limit=500`);
  expect(res.statusCode).toBe(200);
  return res.json().items;
}

/** Every row of every table of the public schema, as JSON text. */
async function everyRow(): Promise<{ table: string; json: string }[]> {
  const tables = await t.database.pool.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
  );
  const rows: { table: string; json: string }[] = [];
  for (const { table_name } of tables.rows) {
    const result = await t.database.pool.query<{ j: string }>(
      `SELECT row_to_json(t)::text AS j FROM "${table_name}" t`,
    );
    for (const r of result.rows) rows.push({ table: table_name, json: r.j });
  }
  return rows;
}

/** A JSON value (number or string) exactly equal to `value`, wherever it is (a column, a nested param). */
const jsonValue = (value: string | number) => new RegExp(`[:,\\[]\\s*"?${value}"?\\s*[,}\\]]`);

/** The rows where a personal value still shows, by what it is. */
function traces(
  rows: { table: string; json: string }[],
  secrets: Record<string, string | RegExp>,
): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const [what, secret] of Object.entries(secrets)) {
    const hits = rows.filter(({ json }) =>
      typeof secret === 'string'
        ? json.toLowerCase().includes(secret.toLowerCase()) || fold(json).includes(fold(secret))
        : secret.test(json),
    );
    if (hits.length > 0) found[what] = hits.map((h) => `${h.table}: ${h.json.slice(0, 300)}`);
  }
  return found;
}

describe('every read of a record is audited, with ids only', () => {
  let personId: string;
  let fields: ReturnType<typeof personFields>;

  beforeAll(async () => {
    fields = personFields();
    personId = await createPerson(bSocialWorker, fields);
    await refer(personId, openProgramme.id, unique('Évaluation '));
  });

  it.each([
    ['the record', '', [{ action: 'beneficiary.read', fields: [] }]],
    ['the timeline', '/timeline', [{ action: 'beneficiary.read', fields: ['timeline'] }]],
    ['the JSON export', '/export.json', [{ action: 'beneficiary.export', fields: ['json'] }]],
    ['the PDF export', '/export.pdf', [{ action: 'beneficiary.export', fields: ['pdf'] }]],
  ])('reading %s writes an audit entry: action, person, organisation, reader', async (_w, path, expected) => {
    const before = new Set((await auditOf(personId)).map((e) => e.id));
    const res = await bSocialWorker.get(`/beneficiaries/${personId}${path}`);
    expect(res.statusCode).toBe(200);
    const added = (await auditOf(personId)).filter((e) => !before.has(e.id));
    for (const entry of expected) {
      expect(added).toContainEqual(
        expect.objectContaining({
          ...entry,
          entityType: 'beneficiary',
          entityId: personId,
          organisationId: prescriberB.id,
          actorUserId: bSocialWorkerId,
        }),
      );
    }
  });

  it("audits the programme owner's reads too", async () => {
    const before = new Set((await auditOf(personId)).map((e) => e.id));
    expect((await aSocialWorker.get(`/beneficiaries/${personId}`)).statusCode).toBe(200);
    expect((await aSocialWorker.get(`/beneficiaries/${personId}/timeline`)).statusCode).toBe(200);
    const added = (await auditOf(personId)).filter((e) => !before.has(e.id));
    expect(added.map((e) => [e.action, e.actorUserId, e.entityId])).toEqual([
      ['beneficiary.read', aSocialWorkerId, personId],
      ['beneficiary.read', aSocialWorkerId, personId],
    ]);
  });

  it('holds no personal value in the audit log', async () => {
    const rows = await t.database.pool.query<{ j: string }>(
      'SELECT row_to_json(a)::text AS j FROM audit_log a',
    );
    const mine = rows.rows.filter((r) => r.j.includes(personId));
    expect(mine.length).toBeGreaterThanOrEqual(7);
    const leaks = traces(
      rows.rows.map((r) => ({ table: 'audit_log', json: r.j })),
      {
        firstName: fields.firstName,
        lastName: fields.lastName,
        email: fields.email,
        phone: fields.phone,
        postcode: jsonValue(fields.postcode),
      },
    );
    expect(leaks).toEqual({});
  });
});

describe('the export of everything kept (right of access)', () => {
  let personId: string;
  let fields: ReturnType<typeof personFields>;
  const evaluationOpen = unique('Cherche un emploi, pas d’ordinateur à la maison ');
  const evaluationStrict = unique('Démarches en ligne sur son téléphone ');
  const familyQuotient = 80000 + Number(randomDigits(4));

  beforeAll(async () => {
    fields = personFields({ familyQuotientCents: familyQuotient });
    personId = await createPerson(bSocialWorker, fields);
    const added = await bSocialWorker.post(`/beneficiaries/${personId}/consents`, {
      givenOn: today(),
      covers: ['partners'],
    });
    expect(added.statusCode).toBe(201);
    expect((await refer(personId, openProgramme.id, evaluationOpen)).status).toBe('eligible');
    expect((await refer(personId, strictProgramme.id, evaluationStrict)).status).toBe('ineligible');
  });

  it('gives, as JSON, every field recorded, the consents, the referrals with evaluations and reasons, the path and who read it', async () => {
    const res = await bSocialWorker.get(`/beneficiaries/${personId}/export.json`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['content-disposition']).toMatch(/^attachment/);
    const data = res.json();
    const { kind: _kind, ...recorded } = fields;
    expect(data.beneficiary).toMatchObject({ id: personId, kind: 'person', ...recorded });
    expect(data.organisation).toEqual({ id: prescriberB.id, name: prescriberB.name });

    expect(data.consents).toHaveLength(2);
    expect(data.consents.map((c: { covers: string[] }) => [...c.covers].sort())).toEqual(
      expect.arrayContaining([['follow_up', 'partners', 'referral'], ['partners']]),
    );
    for (const consent of data.consents) expect(consent.givenOn).toBe(today());

    const byProgramme = new Map<string, Record<string, unknown>>(
      data.referrals.map((r: { programmeId: string }) => [r.programmeId, r]),
    );
    expect(byProgramme.get(openProgramme.id)).toMatchObject({
      status: 'eligible',
      socialEvaluation: evaluationOpen,
      programmeName: openProgramme.name,
      referredOn: today(),
    });
    const strict = byProgramme.get(strictProgramme.id) as {
      status: string;
      socialEvaluation: string;
      eligibility: { reasons: { code: string; params?: Record<string, unknown>; message: string }[] };
    };
    expect(strict.status).toBe('ineligible');
    expect(strict.socialEvaluation).toBe(evaluationStrict);
    const reasons = strict.eligibility.reasons;
    expect(reasons.map((r) => r.code).sort()).toEqual([
      'family_quotient_above_ceiling',
      'postcode_not_covered',
    ]);
    expect(reasons.find((r) => r.code === 'family_quotient_above_ceiling')?.params).toMatchObject({
      value: familyQuotient,
      ceiling: FQ_CEILING,
    });
    for (const reason of reasons) expect(reason.message.length).toBeGreaterThan(10);

    const kinds = data.timeline.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['created', 'consent_given', 'referred']));
    expect(kinds.filter((k: string) => k === 'referred')).toHaveLength(2);

    const actions = data.accesses.map((a: { action: string }) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(['beneficiary.create', 'beneficiary.read', 'beneficiary.export']),
    );
    expect(JSON.stringify(data.accesses)).not.toContain(fields.lastName);
  });

  it('gives a readable PDF with the names and the social evaluations', async () => {
    const res = await bSocialWorker.get(`/beneficiaries/${personId}/export.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const { text } = await readPdf(res.rawPayload);
    expect(text).toContain(fields.firstName);
    expect(text).toContain(fields.lastName);
    expect(text).toContain(evaluationOpen.trim());
    expect(text).toContain(evaluationStrict.trim());
  });
});

describe('erasure (right to be forgotten)', () => {
  // Values no other record of this file uses, so that a scan of the whole database finds only this person.
  const birthYear = 1953;
  const familyQuotient = 90000 + Number(randomDigits(4));
  const postcode = `97${randomDigits(3)}`;
  const oldEmail = `${unique('ancienne')}@exemple.fr`;
  const evaluationOpen = unique('Vit seule avec deux enfants, sans connexion ');
  const evaluationStrict = unique('Suivie par le service social depuis ');
  const priorityReason = unique('Entretien d’embauche le ');
  let fields: ReturnType<typeof personFields>;
  let personId: string;
  let consentId: string;
  let secrets: Record<string, string | RegExp>;

  beforeAll(async () => {
    fields = personFields({ birthYear, familyQuotientCents: familyQuotient, postcode, email: oldEmail });
    personId = await createPerson(bSocialWorker, fields);
    const changed = await bSocialWorker.patch(`/beneficiaries/${personId}`, {
      email: `${unique('zoe')}@exemple.fr`,
    });
    expect(changed.statusCode).toBe(200);
    const email = changed.json().email as string;
    consentId = changed.json().consents[0].id;
    const open = await refer(personId, openProgramme.id, evaluationOpen);
    expect((await refer(personId, strictProgramme.id, evaluationStrict)).status).toBe('ineligible');
    const prioritised = await ownerManager.patch(`/referrals/${open.id}`, { priority: true, priorityReason });
    expect(prioritised.statusCode).toBe(200);
    for (const path of ['', '/timeline', '/export.json', '/export.pdf'])
      expect((await bSocialWorker.get(`/beneficiaries/${personId}${path}`)).statusCode).toBe(200);
    secrets = {
      firstName: fields.firstName,
      lastName: fields.lastName,
      email,
      'former e-mail': oldEmail,
      phone: fields.phone,
      'social evaluation (open programme)': evaluationOpen.trim(),
      'social evaluation (strict programme)': evaluationStrict.trim(),
      'priority reason': priorityReason.trim(),
      'family quotient': jsonValue(familyQuotient),
      postcode: jsonValue(postcode),
      'birth year': new RegExp(`birth_?year"\\s*:\\s*"?${birthYear}`, 'i'),
    };
  });

  it('is for managers and administrators of the referring organisation: a social worker gets 403', async () => {
    const res = await bSocialWorker.post(`/beneficiaries/${personId}/erasure`);
    expect(res.statusCode).toBe(403);
    const still = (await bSocialWorker.get(`/beneficiaries/${personId}`)).json();
    expect(still).toMatchObject({ anonymisedAt: null, firstName: fields.firstName });
  });

  it('finds every personal value in the database before the erasure (the scan below can fail)', async () => {
    const found = traces(await everyRow(), secrets);
    expect(Object.keys(found).sort()).toEqual(
      Object.keys(secrets)
        .filter((k) => k !== 'former e-mail')
        .sort(),
    );
  });

  it('keeps the anonymous facts, closes the open referrals as `withdrew`, and the record can no longer change', async () => {
    const res = await bManager.post(`/beneficiaries/${personId}/erasure`);
    expect(res.statusCode).toBe(200);
    const record = res.json();
    expect(record.anonymisedAt).not.toBeNull();
    expect(record.can).toMatchObject({ edit: false, refer: false, erase: false });
    expect(record).toMatchObject({
      firstName: null,
      lastName: null,
      birthYear: null,
      postcode: null,
      email: null,
      phone: null,
      familyQuotientCents: null,
      incomeSituation: null,
      householdType: 'single_parent',
      childrenCount: 2,
      city: 'Saint-Denis',
      priorityZone: true,
      targetGroup: 'job_seeker',
      kind: 'person',
    });
    expect(record.ageBand).toEqual(expect.stringMatching(/\d/));
    expect(record.referrals).toHaveLength(2);
    for (const referral of record.referrals) {
      expect(referral).toMatchObject({
        status: 'exited',
        exitReason: 'withdrew',
        exitedOn: today(),
        referredOn: today(),
        socialEvaluation: null,
        priorityReason: null,
      });
    }
    const strict = record.referrals.find(
      (r: { programmeId: string }) => r.programmeId === strictProgramme.id,
    );
    expect(strict.eligibility.reasons.map((r: { code: string }) => r.code).sort()).toEqual([
      'family_quotient_above_ceiling',
      'postcode_not_covered',
    ]);
    expect(JSON.stringify(record)).not.toContain(String(familyQuotient));
  });

  it('leaves no personal value anywhere in the database, audit log included', async () => {
    const rows = await everyRow();
    expect(rows.some((r) => r.table === 'audit_log' && r.json.includes(personId))).toBe(true);
    expect(traces(rows, secrets)).toEqual({});
  });

  it('refuses any further change (422)', async () => {
    for (const [method, path, body] of [
      ['PATCH', `/beneficiaries/${personId}`, { firstName: 'Zoé' }],
      ['POST', '/referrals', { beneficiaryId: personId, programmeId: openProgramme.id }],
      ['POST', `/beneficiaries/${personId}/consents`, { givenOn: today() }],
      ['POST', `/beneficiaries/${personId}/consents/${consentId}/withdrawal`, {}],
      ['POST', `/beneficiaries/${personId}/erasure`, {}],
    ] as const) {
      const res = await bManager.request(method, path, body);
      expect(res.statusCode, `${method} ${path}`).toBe(422);
    }
    const record = (await bManager.get(`/beneficiaries/${personId}`)).json();
    expect(record.firstName).toBeNull();
    expect(record.referrals.every((r: { status: string }) => r.status === 'exited')).toBe(true);
  });

  it('disappears from lists and searches', async () => {
    for (const url of [
      '/beneficiaries',
      `/beneficiaries?programmeId=${openProgramme.id}`,
      `/beneficiaries?q=${encodeURIComponent(fields.lastName)}`,
      `/referrals?q=${encodeURIComponent(fields.lastName)}`,
    ]) {
      const res = await bManager.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(
        res.json().items.some((i: { id: string; beneficiaryId?: string }) => i.id === personId),
        url,
      ).toBe(false);
    }
    const participants = await ownerManager.get(`/programmes/${openProgramme.id}/participants`);
    expect(participants.json().items.map((p: { beneficiaryId: string }) => p.beneficiaryId)).not.toContain(
      personId,
    );
  });
});

describe('the retention job', () => {
  let orgX: { id: string; name: string };
  let orgY: { id: string; name: string };
  let xAdmin: ApiClient;
  let stale: string[];
  let active: string[];
  let staleLater: string;

  const setInactive = (ids: string[]) =>
    t.database.pool.query(
      "UPDATE beneficiaries SET last_activity_on = (current_date - interval '3 years')::date WHERE id = ANY($1::uuid[])",
      [ids],
    );
  const stateOf = async (ids: string[]) =>
    (
      await t.database.pool.query<{ id: string; first_name: string | null; anonymised_at: Date | null }>(
        'SELECT id, first_name, anonymised_at FROM beneficiaries WHERE id = ANY($1::uuid[])',
        [ids],
      )
    ).rows;
  const runCount = async () =>
    Number((await t.database.pool.query('SELECT count(*) AS n FROM anonymisation_runs')).rows[0].n);

  beforeAll(async () => {
    orgX = await t.buildOrganisation({ kinds: ['prescriber'] });
    orgY = await t.buildOrganisation({ kinds: ['prescriber'] });
    xAdmin = (await t.member(orgX.id, 'admin')).client;
    const xWorker = (await t.member(orgX.id, 'social_worker')).client;
    const yWorker = (await t.member(orgY.id, 'social_worker')).client;
    const make = async (client: ApiClient, organisationId: string) => {
      const res = await client.post('/beneficiaries', {
        kind: 'person',
        firstName: unique('Léa'),
        lastName: unique('Martin'),
        referringOrganisationId: organisationId,
        consentGivenOn: today(),
      });
      if (res.statusCode !== 201) throw new Error(`set-up failed: ${res.statusCode} ${res.body}`);
      return res.json().id as string;
    };
    stale = [await make(xWorker, orgX.id), await make(xWorker, orgX.id), await make(yWorker, orgY.id)];
    active = [await make(xWorker, orgX.id), await make(yWorker, orgY.id)];
    staleLater = await make(yWorker, orgY.id);
    await setInactive(stale);
  });

  const expectedByOrganisation = () =>
    [
      { organisationId: orgX.id, organisationName: orgX.name, count: 2 },
      { organisationId: orgY.id, organisationName: orgY.name, count: 1 },
    ].sort((a, b) => a.organisationId.localeCompare(b.organisationId));
  const sorted = <T extends { organisationId: string }>(items: T[]) =>
    [...items].sort((a, b) => a.organisationId.localeCompare(b.organisationId));

  it('in a dry run, reports who would be anonymised and changes nothing', async () => {
    const report = await anonymiseInactive(t.database.db, {
      retentionMonths: 24,
      trigger: 'manual',
      dryRun: true,
    });
    expect(report).toMatchObject({
      anonymised: 3,
      dryRun: true,
      cutoffOn: addMonthsToDay(today(), -24),
    });
    expect(sorted(report.byOrganisation)).toEqual(expectedByOrganisation());
    for (const row of await stateOf([...stale, ...active])) {
      expect(row.anonymised_at).toBeNull();
      expect(row.first_name).not.toBeNull();
    }
    expect(await runCount()).toBe(0);
  });

  it('anonymises only the people with no contact for the period, and counts them by organisation', async () => {
    const report = await anonymiseInactive(t.database.db, { retentionMonths: 24, trigger: 'manual' });
    expect(report).toMatchObject({ anonymised: 3, ran: true, dryRun: false });
    expect(sorted(report.byOrganisation)).toEqual(expectedByOrganisation());
    const state = new Map((await stateOf([...stale, ...active])).map((r) => [r.id, r]));
    for (const id of stale) {
      expect(state.get(id)?.anonymised_at).not.toBeNull();
      expect(state.get(id)?.first_name).toBeNull();
    }
    for (const id of active) {
      expect(state.get(id)?.anonymised_at).toBeNull();
      expect(state.get(id)?.first_name).not.toBeNull();
    }
    const record = (await platformAdmin.get(`/beneficiaries/${stale[0]}`)).json();
    expect(record.anonymisedAt).not.toBeNull();
    expect(record.can.edit).toBe(false);
  });

  it('runs the daily job once a day, however often it is started', async () => {
    const first = await anonymiseInactive(t.database.db, { retentionMonths: 24, trigger: 'daily' });
    expect(first).toMatchObject({ ran: true, anonymised: 0 });
    await setInactive([staleLater]);
    const second = await anonymiseInactive(t.database.db, { retentionMonths: 24, trigger: 'daily' });
    expect(second).toMatchObject({ ran: false, anonymised: 0, byOrganisation: [] });
    const [row] = await stateOf([staleLater]);
    expect(row?.anonymised_at).toBeNull();
    expect(row?.first_name).not.toBeNull();
  });

  it("shows its reports to platform administrators only (an organisation's administrator gets 403)", async () => {
    expect((await xAdmin.get('/anonymisation-runs')).statusCode).toBe(403);
    const res = await platformAdmin.get('/anonymisation-runs');
    expect(res.statusCode).toBe(200);
    const runs = res.json().items as {
      trigger: string;
      anonymised: number;
      cutoffOn: string;
      byOrganisation: { organisationId: string; count: number }[];
    }[];
    expect(runs.map((r) => [r.trigger, r.anonymised]).sort()).toEqual([
      ['daily', 0],
      ['manual', 3],
    ]);
    const manual = runs.find((r) => r.trigger === 'manual');
    expect(manual?.cutoffOn).toBe(addMonthsToDay(today(), -24));
    expect(sorted(manual?.byOrganisation ?? [])).toEqual(
      expectedByOrganisation().map(({ organisationId, count }) => ({ organisationId, count })),
    );
  });
});
