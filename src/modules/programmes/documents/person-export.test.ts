import { describe, expect, it } from 'vitest';
import { readPdf } from '../../../../test/support/pdf.ts';
import { exportDisplayName, type PersonExport, personExportPdf } from './person-export.ts';

const EVALUATION =
  'Mme Dupont cherche un emploi de secrétaire médicale. Elle n’a pas d’ordinateur à la maison et fait ses démarches sur son téléphone.';
const REASON = 'Le quotient familial (612,50 €) est au-dessus du plafond du programme (600 €).';

type Referral = PersonExport['referrals'][number];

const referral = (overrides: Partial<Referral> = {}): Referral => ({
  programmeName: 'Un ordinateur pour l’emploi',
  referredOn: '2026-02-10',
  status: 'in_training',
  referringOrganisationName: 'CCAS de Villeurbanne',
  reasons: [REASON],
  socialEvaluation: EVALUATION,
  priority: true,
  priorityReason: 'Entretien d’embauche en mars',
  exitReason: null,
  exitedOn: null,
  ...overrides,
});

const personExport = (overrides: Partial<PersonExport> = {}): PersonExport => ({
  generatedAt: '2026-11-25T13:30:00Z',
  organisationName: 'CCAS de Villeurbanne',
  beneficiary: {
    id: '0193a8f2-6c1e-7b3a-9d4e-2f5a6b7c8d9e',
    kind: 'person',
    firstName: 'Jeanne',
    lastName: 'Dupont',
    birthYear: 1961,
    householdType: 'single_parent',
    childrenCount: 2,
    postcode: '69100',
    city: 'Villeurbanne',
    country: 'FR',
    priorityZone: true,
    incomeSituation: 'rsa',
    familyQuotientCents: 61250,
    employmentSituation: 'job_seeker',
    targetGroup: 'job_seeker',
    phone: '06 12 34 56 78',
    email: 'jeanne.dupont@example.fr',
    accessibilityNeeds: false,
    deviceNeed: 'laptop',
    createdAt: '2026-02-03T09:15:00Z',
    lastActivityOn: '2026-10-14',
  },
  consents: [
    {
      givenOn: '2026-02-03',
      collectedByName: 'Camille Martin',
      covers: ['referral', 'follow_up'],
      withdrawnOn: '2026-09-30',
    },
  ],
  referrals: [
    referral(),
    {
      programmeName: 'Pass numérique',
      referredOn: '2026-01-10',
      status: 'exited',
      referringOrganisationName: 'Mission locale de Lyon',
      reasons: [],
      socialEvaluation: null,
      priority: false,
      priorityReason: null,
      exitReason: 'equipped_elsewhere',
      exitedOn: '2026-03-01',
    },
  ],
  timeline: [
    {
      at: '2026-02-03T09:15:00Z',
      kind: 'created',
      programmeName: null,
      fromStatus: null,
      toStatus: null,
      authorName: 'Camille Martin',
    },
    {
      at: '2026-03-10T10:00:00Z',
      kind: 'status_changed',
      programmeName: 'Un ordinateur pour l’emploi',
      fromStatus: 'eligible',
      toStatus: 'in_training',
      authorName: 'Lou Bernard',
    },
  ],
  accesses: [
    { at: '2026-11-20T08:05:00Z', action: 'beneficiary.read', actorName: 'Lou Bernard' },
    { at: '2026-11-25T13:30:00Z', action: 'beneficiary.print_label', actorName: null },
  ],
  ...overrides,
});

describe('personExportPdf', () => {
  it('contains every field of the record, in plain French words', async () => {
    const { text } = await readPdf(await personExportPdf(personExport(), 'fr'));
    for (const expected of [
      'Export des données du dossier',
      'Jeanne Dupont',
      'Export du 25 novembre 2026 à 14:30',
      'CCAS de Villeurbanne',
      'Référence du dossier 0193a8f2-6c1e-7b3a-9d4e-2f5a6b7c8d9e',
      'Type de dossier Personne',
      'Prénom Jeanne',
      'Nom Dupont',
      'Année de naissance 1961',
      'Composition du foyer Parent seul avec enfant(s)',
      'Nombre d’enfants 2',
      'Code postal 69100',
      'Commune Villeurbanne',
      'Pays France',
      'Habite un quartier prioritaire (QPV) Oui',
      'Situation de revenus Revenu de solidarité active (RSA)',
      'Quotient familial 612,50 €',
      'Situation professionnelle En recherche d’emploi',
      'Public Personne en recherche d’emploi',
      'Téléphone 06 12 34 56 78',
      'E-mail jeanne.dupont@example.fr',
      'Besoin d’une adaptation Non',
      'Matériel souhaité Ordinateur portable',
      'Dossier créé le 3 février 2026',
      'Dernière activité le 14 octobre 2026',
      // Consents
      'Camille Martin',
      'L’orientation vers un programme, le suivi du parcours',
      '30 septembre 2026',
      // Referrals
      'Un ordinateur pour l’emploi',
      'Orienté le 10 février 2026',
      'Étape En formation',
      'Prioritaire Oui : Entretien d’embauche en mars',
      REASON,
      EVALUATION,
      'Mission locale de Lyon',
      'Sorti du programme',
      'Équipé par ailleurs, le 1 mars 2026',
      // History and accesses
      '03/02/2026 10:15 Dossier créé',
      'Changement d’étape : Éligible → En formation',
      'Lou Bernard',
      '20/11/2026 09:05 Consultation du dossier Lou Bernard',
      'beneficiary.print_label',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toMatch(/undefined|null|NaN|\{\w+\}/);
  });

  it('leaves out the fields that are not filled in', async () => {
    const data = personExport();
    data.beneficiary = { ...data.beneficiary, phone: null, email: '  ', familyQuotientCents: undefined };
    const { text } = await readPdf(await personExportPdf(data, 'fr'));
    expect(text).not.toContain('Téléphone');
    expect(text).not.toContain('E-mail');
    expect(text).not.toContain('Quotient familial');
    expect(text).toContain('Prénom Jeanne');
  });

  it('says so when a section is empty', async () => {
    const { text } = await readPdf(
      await personExportPdf(personExport({ consents: [], referrals: [], timeline: [], accesses: [] }), 'fr'),
    );
    expect(text).toContain('Consentements Aucun consentement enregistré.');
    expect(text).toContain('Aucune orientation enregistrée.');
    expect(text).toContain('Aucun événement enregistré.');
    expect(text).toContain('Aucune consultation enregistrée.');
    expect(text).not.toContain('Recueilli par');
  });

  it('lists the computers, loans, aids, problems reported and training, in words', async () => {
    const { text } = await readPdf(
      await personExportPdf(
        personExport({
          devices: [
            {
              programmeName: 'Ordinateurs solidaires 2026',
              assetTag: 'SV-000107',
              status: 'handed_over',
              handedOverOn: '2026-03-14',
              paymentCents: 4200,
            },
          ],
          loans: [
            {
              assetTag: 'SV-000108',
              startedOn: '2026-02-01',
              dueOn: '2027-02-01',
              renewals: 1,
              returnedOn: null,
            },
          ],
          internetAids: [
            { programmeName: 'Former puis équiper', amountCents: 15000, months: 12, grantedOn: '2026-03-20' },
          ],
          tickets: [
            {
              createdAt: '2026-04-02T09:30:00.000Z',
              assetTag: 'SV-000108',
              description: 'Écran noir',
              status: 'waiting_part',
            },
          ],
          workshops: [{ title: 'Premiers pas', enrolledOn: '2026-01-10', status: 'enrolled', attended: 19 }],
          assessments: [{ stage: 'exit', assessedOn: '2026-03-10', autonomous: true }],
          timeline: [
            {
              at: '2026-03-14T10:00:00.000Z',
              kind: 'handed_over',
              programmeName: 'Ordinateurs solidaires 2026',
              fromStatus: null,
              toStatus: null,
              authorName: 'Claire',
            },
          ],
        }),
        'fr',
      ),
    );
    for (const expected of [
      'Ordinateurs, prêts et aides',
      'SV-000107',
      'Remis',
      '14 mars 2026',
      '42 €',
      'À rendre le',
      '1 février 2027',
      '150 €',
      'Écran noir',
      'En attente d’une pièce',
      'Premiers pas',
      'Inscrit',
      'À la sortie',
      'Ordinateur remis',
    ])
      expect(text).toContain(expected);
    const empty = (await readPdf(await personExportPdf(personExport({}), 'en'))).text;
    expect(empty).toContain('No computer reserved or handed over, no aid.');
    expect(empty).toContain('No workshop enrolment, no assessment.');
  });

  it('is written in English when asked', async () => {
    const { text } = await readPdf(await personExportPdf(personExport({ consents: [] }), 'en'));
    for (const expected of [
      'Identity and situation',
      'Exported on 25 November 2026 at 14:30',
      'Household Single parent with child(ren)',
      'Family quotient €612.50',
      'No consent recorded.',
      'Stage In training',
      'Stage changed: Eligible → In training',
      'Record viewed',
      'Who accessed the record',
      REASON,
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Consentements');
  });

  it('breaks a long record over several pages without losing a referral or an event', async () => {
    const referrals = Array.from({ length: 60 }, (_, i) =>
      referral({
        programmeName: `Programme ${String(i + 1).padStart(2, '0')}`,
        socialEvaluation: `${EVALUATION} (orientation ${i + 1})`,
      }),
    );
    const timeline = Array.from({ length: 300 }, (_, i) => ({
      at: new Date(Date.UTC(2026, 0, 1, 9) + i * 3_600_000).toISOString(),
      kind: i % 2 ? 'status_changed' : 'updated',
      programmeName: `Programme ${String((i % 60) + 1).padStart(2, '0')}`,
      fromStatus: i % 2 ? 'eligible' : null,
      toStatus: i % 2 ? 'in_training' : null,
      authorName: `Agent ${String(i + 1).padStart(3, '0')}`,
    }));
    const { totalPages, pages, text } = await readPdf(
      await personExportPdf(personExport({ referrals, timeline }), 'fr'),
    );
    expect(totalPages).toBeGreaterThan(5);
    for (const referral of referrals) {
      expect(text).toContain(`${referral.programmeName} Orienté le`);
      expect(text).toContain(referral.socialEvaluation);
    }
    for (const event of timeline) expect(text).toContain(event.authorName);
    // The table's header is repeated on every page it runs over, and the last event is there.
    expect(text.match(/Ce qui s’est passé/g)?.length).toBeGreaterThan(2);
    const lastPages = pages.slice(-2).join(' ');
    expect(lastPages).toContain('Agent 300');
    expect(lastPages).toContain('Qui a consulté le dossier');
    expect(pages.at(-1)).toContain(`Page ${totalPages} / ${totalPages}`);
    expect(pages.at(-1)).toContain('Dossier de Jeanne Dupont');
  });

  it('lets a social evaluation longer than a page flow over the pages', async () => {
    const sentences = Array.from(
      { length: 150 },
      (_, i) => `[${i + 1}] La personne a participé à l’atelier et progresse bien.`,
    );
    const data = personExport();
    data.referrals = [referral({ socialEvaluation: sentences.join(' ') })];
    const { totalPages, text } = await readPdf(await personExportPdf(data, 'fr'));
    expect(totalPages).toBeGreaterThanOrEqual(3);
    for (let i = 1; i <= sentences.length; i++) expect(text).toContain(`[${i}]`);
    expect(text).toContain('Historique');
  });

  it('exports an association under its name, with its own fields', async () => {
    const data = personExport({
      beneficiary: {
        id: '0193a8f2-0000-7b3a-9d4e-2f5a6b7c8d9e',
        kind: 'association',
        name: 'Les Amis du Quartier',
        rna: 'W691234567',
        siret: '44123456700010',
        contactName: 'Karim Benali',
        peopleServed: 120,
        targetGroup: 'association',
        postcode: '69007',
        city: 'Lyon',
        deviceNeed: 'desktop',
        createdAt: '2026-04-01T10:00:00Z',
        lastActivityOn: '2026-04-01',
      },
    });
    expect(exportDisplayName(data.beneficiary, 'fr')).toBe('Les Amis du Quartier');
    const { text } = await readPdf(await personExportPdf(data, 'fr'));
    for (const expected of [
      'Les Amis du Quartier',
      'Type de dossier Association',
      'Nom de l’association Les Amis du Quartier',
      'N° RNA W691234567',
      'N° SIRET 44123456700010',
      'Personne à contacter Karim Benali',
      'Nombre de personnes accompagnées 120',
      'Public Association',
      'Matériel souhaité Ordinateur fixe',
      'Dossier de Les Amis du Quartier',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Prénom');
    expect(text).not.toContain('Année de naissance');
  });

  it('names a record without any name', () => {
    expect(exportDisplayName({ ...personExport().beneficiary, firstName: null, lastName: ' ' }, 'en')).toBe(
      'Record without a name',
    );
  });
});
