import { count } from 'drizzle-orm';
import type { Executor } from '../db/tx.ts';
import type { Actor, Role } from '../lib/actor.ts';
import { AppError, forbidden } from '../lib/errors.ts';
import { addMember } from '../modules/organisations/members.ts';
import { createOrganisation, type OrganisationInput } from '../modules/organisations/organisations.ts';
import { organisations } from '../modules/organisations/schema.ts';
import { getSetting, putSetting } from '../modules/organisations/settings.ts';
import { findUserByEmail, insertUser } from '../modules/organisations/users.ts';
import { loadBudgetsDemo } from './budgets-demo.ts';
import { loadCensusDemo } from './census-demo.ts';
import { loadChequesDemo } from './cheques-demo.ts';
import { loadDepartmentDemo } from './department-demo.ts';
import { loadFollowUpDemo } from './followup-demo.ts';
import { loadInventoryDemo } from './inventory-demo.ts';
import { loadLoansDemo } from './loans-demo.ts';
import { loadNetworkDemo } from './network-demo.ts';
import { loadPeopleDemo } from './people-demo.ts';
import { loadPortalDemo } from './portal-demo.ts';
import { loadSaleDemo } from './sale-demo.ts';
import { loadTrainingDemo } from './training-demo.ts';
import { loadWorkforceDemo } from './workforce-demo.ts';

/** Every demo account shares this password; it is printed and shown on the login page while demo data exist. */
export const DEMO_PASSWORD = 'demo-seconde-vie';

export interface DemoAccount {
  email: string;
  password: string;
  name: string;
  role: Role | 'platform_admin';
  organisationName: string | null;
}

interface DemoOrganisation extends OrganisationInput {
  key: string;
}

/** A small territory: the town of Saint-Aubin-sur-Loire and its partners (fictitious, numbers valid). */
const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  {
    key: 'ccas',
    name: 'CCAS de Saint-Aubin-sur-Loire',
    kinds: ['prescriber', 'trainer'],
    siret: '21690012300011',
    postcode: '45100',
    city: 'Saint-Aubin-sur-Loire',
  },
  {
    key: 'refurbisher',
    name: 'Atelier Reboot (entreprise d’insertion)',
    kinds: ['refurbisher'],
    siret: '44123456700010',
    postcode: '45100',
    city: 'Saint-Aubin-sur-Loire',
  },
  {
    key: 'donor',
    name: 'Mairie de Saint-Aubin-sur-Loire — service informatique',
    kinds: ['donor'],
    siret: '21690012300029',
    postcode: '45100',
    city: 'Saint-Aubin-sur-Loire',
  },
  {
    key: 'funder',
    name: 'Ville de Saint-Aubin-sur-Loire',
    kinds: ['funder'],
    siret: '77755544400010',
    postcode: '45100',
    city: 'Saint-Aubin-sur-Loire',
  },
  {
    key: 'association',
    name: 'Les Amis du Quartier des Sables',
    kinds: ['association'],
    rna: 'W451002345',
    postcode: '45100',
    city: 'Saint-Aubin-sur-Loire',
  },
];

const DEMO_MEMBERS: { organisation: string; email: string; name: string; role: Role }[] = [
  { organisation: 'ccas', email: 'direction.ccas@saint-aubin.example', name: 'Nadia Benali', role: 'admin' },
  {
    organisation: 'ccas',
    email: 'travailleuse.sociale@saint-aubin.example',
    name: 'Claire Martin',
    role: 'social_worker',
  },
  { organisation: 'ccas', email: 'mediateur@saint-aubin.example', name: 'Julien Petit', role: 'trainer' },
  {
    organisation: 'refurbisher',
    email: 'responsable@atelier-reboot.example',
    name: 'Karim Haddad',
    role: 'admin',
  },
  {
    organisation: 'refurbisher',
    email: 'technicien@atelier-reboot.example',
    name: 'Lucie Moreau',
    role: 'technician',
  },
  { organisation: 'donor', email: 'dsi@saint-aubin.example', name: 'Paul Girard', role: 'manager' },
  { organisation: 'funder', email: 'financeur@saint-aubin.example', name: 'Sophie Laurent', role: 'viewer' },
  {
    organisation: 'association',
    email: 'presidente@amis-des-sables.example',
    name: 'Fatou Diallo',
    role: 'admin',
  },
];

const DEMO_ADMIN = { email: 'admin@seconde-vie.example', name: 'Camille Admin' };
const DEMO_SETTING = 'demo_accounts';

/**
 * Loads the demo network on an instance that has no organisation yet, through the same use cases
 * as a person would (so the audit trail shows it). Platform administrators only.
 */
export async function loadDemo(db: Executor, actor: Actor, publicUrl: string): Promise<DemoAccount[]> {
  if (!actor.isPlatformAdmin) throw forbidden();
  // All or nothing: a half-loaded demo network would only confuse.
  return db.transaction((tx) => loadDemoIn(tx, actor, publicUrl));
}

async function loadDemoIn(db: Executor, actor: Actor, publicUrl: string): Promise<DemoAccount[]> {
  await db.execute('LOCK TABLE organisations IN EXCLUSIVE MODE');
  const [existing] = await db.select({ n: count() }).from(organisations);
  if ((existing?.n ?? 0) > 0) throw new AppError('CONFLICT', 'demo.not_empty');
  const accounts: DemoAccount[] = [];
  if (!(await findUserByEmail(db, DEMO_ADMIN.email))) {
    await db.transaction((tx) =>
      insertUser(tx, actor, { ...DEMO_ADMIN, password: DEMO_PASSWORD, isPlatformAdmin: true }),
    );
  }
  accounts.push({ ...DEMO_ADMIN, password: DEMO_PASSWORD, role: 'platform_admin', organisationName: null });
  const ids = new Map<string, { id: string; name: string }>();
  for (const { key, ...input } of DEMO_ORGANISATIONS) {
    const created = await createOrganisation(db, actor, input);
    ids.set(key, { id: created.id, name: created.name });
  }
  for (const member of DEMO_MEMBERS) {
    const organisation = ids.get(member.organisation);
    if (!organisation) throw new Error(`unknown demo organisation ${member.organisation}`);
    const known = await findUserByEmail(db, member.email);
    await addMember(
      db,
      actor,
      organisation.id,
      {
        email: member.email,
        name: member.name,
        role: member.role,
        password: known ? undefined : DEMO_PASSWORD,
      },
      publicUrl,
    );
    accounts.push({
      email: member.email,
      password: DEMO_PASSWORD,
      name: member.name,
      role: member.role,
      organisationName: organisation.name,
    });
  }
  await loadInventoryDemo(
    db,
    actor,
    { refurbisher: ids.get('refurbisher')?.id as string, donor: ids.get('donor')?.id as string },
    'Lucie Moreau',
  );
  const id = (key: string) => ids.get(key)?.id as string;
  await loadPeopleDemo(
    db,
    {
      ccas: id('ccas'),
      refurbisher: id('refurbisher'),
      funder: id('funder'),
      association: id('association'),
    },
    {
      director: 'direction.ccas@saint-aubin.example',
      socialWorker: 'travailleuse.sociale@saint-aubin.example',
      associationAdmin: 'presidente@amis-des-sables.example',
    },
  );
  await loadSaleDemo(
    db,
    { ccas: id('ccas'), refurbisher: id('refurbisher'), donor: id('donor') },
    {
      director: 'direction.ccas@saint-aubin.example',
      socialWorker: 'travailleuse.sociale@saint-aubin.example',
      technician: 'technicien@atelier-reboot.example',
    },
  );
  await loadTrainingDemo(db, id('ccas'), {
    trainer: 'mediateur@saint-aubin.example',
    socialWorker: 'travailleuse.sociale@saint-aubin.example',
  });
  await loadChequesDemo(db, id('ccas'), {
    trainer: 'mediateur@saint-aubin.example',
    director: 'direction.ccas@saint-aubin.example',
  });
  const department = await loadDepartmentDemo(
    db,
    actor,
    { refurbisher: id('refurbisher'), ccas: id('ccas') },
    {
      technician: 'technicien@atelier-reboot.example',
      socialWorker: 'travailleuse.sociale@saint-aubin.example',
    },
    publicUrl,
  );
  const loans = await loadLoansDemo(db, actor, department.companyId, publicUrl);
  accounts.push(
    await loadNetworkDemo(
      db,
      actor,
      [
        ...[...ids.values()].map((o) => o.id),
        department.departmentId,
        department.companyId,
        loans.organisationId,
      ],
      publicUrl,
    ),
  );
  accounts.push(...department.accounts, loans.account);
  accounts.push(await loadPortalDemo(db, actor, id('ccas'), 'direction.ccas@saint-aubin.example', publicUrl));
  await loadFollowUpDemo(
    db,
    actor,
    id('ccas'),
    {
      director: 'direction.ccas@saint-aubin.example',
      socialWorker: 'travailleuse.sociale@saint-aubin.example',
    },
    publicUrl,
  );
  await loadBudgetsDemo(
    db,
    { ccas: id('ccas'), department: department.departmentId },
    'direction.ccas@saint-aubin.example',
  );
  await loadCensusDemo(
    db,
    id('ccas'),
    {
      director: 'direction.ccas@saint-aubin.example',
      socialWorker: 'travailleuse.sociale@saint-aubin.example',
    },
    publicUrl,
  );
  await loadWorkforceDemo(
    db,
    actor,
    id('refurbisher'),
    { manager: 'responsable@atelier-reboot.example', technician: 'technicien@atelier-reboot.example' },
    publicUrl,
  );
  await putSetting(db, DEMO_SETTING, JSON.stringify(accounts));
  return accounts;
}

/** The demo accounts, while the instance holds demo data (shown on the login page). */
export async function demoAccounts(db: Executor): Promise<DemoAccount[] | null> {
  const value = await getSetting(db, DEMO_SETTING);
  return value ? (JSON.parse(value) as DemoAccount[]) : null;
}
