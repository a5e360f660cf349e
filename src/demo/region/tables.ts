import type pg from 'pg';

export type Cell = string | number | boolean | null;
export type Row = Cell[];

/** A table the generator fills: its columns with their SQL types, in the order rows list them. */
export interface TableSpec {
  table: string;
  columns: readonly (readonly [string, string])[];
}

function spec(table: string, columns: string): TableSpec {
  return {
    table,
    columns: columns
      .trim()
      .split(/\s*,\s*/)
      .map((c) => c.split(/\s+/) as [string, string]),
  };
}

/** Every table the region fills, in an order that respects the foreign keys. */
export const TABLES = {
  organisations: spec(
    'organisations',
    'id uuid, name text, kinds text[], postcode text, city text, created_at timestamptz',
  ),
  networkMembers: spec(
    'network_members',
    'coordinator_organisation_id uuid, organisation_id uuid, coordinator_agreed_at timestamptz, member_agreed_at timestamptz',
  ),
  programmes: spec(
    'programmes',
    `id uuid, owner_organisation_id uuid, name text, mode text, starts_on date, ends_on date, unit_price_cents int,
     loan_months int, loan_renewable bool, loan_max_renewals int, internet_aid_amount_cents int, internet_aid_months int,
     internet_aid_funder_id uuid, training_required bool, training_min_sessions int, targets jsonb, created_at timestamptz`,
  ),
  programmePartners: spec('programme_partners', 'programme_id uuid, organisation_id uuid, role text'),
  programmeSubsidies: spec(
    'programme_subsidies',
    'programme_id uuid, funder_organisation_id uuid, amount_cents int',
  ),
  donations: spec(
    'donations',
    'id uuid, donor_organisation_id uuid, refurbisher_organisation_id uuid, received_on date, declared_count int, created_at timestamptz',
  ),
  devices: spec(
    'devices',
    `id uuid, tag_number bigint, asset_tag text, organisation_id uuid, donation_id uuid, type text, status text, brand text,
     model text, serial_number text, cpu text, ram_gb float8, storage_gb float8, storage_type text, weight_kg float8,
     os_image text, grade text, quality_check_passed bool, cycle_started_at timestamptz, created_at timestamptz,
     updated_at timestamptz`,
  ),
  deviceEvents: spec(
    'device_events',
    'id uuid, device_id uuid, organisation_id uuid, at timestamptz, kind text, from_status text, to_status text',
  ),
  erasures: spec(
    'erasures',
    `id uuid, device_id uuid, organisation_id uuid, method text, level text, tool text, verified bool, result text,
     storage_type text, capacity_gb float8, operator_name text, performed_at timestamptz, created_at timestamptz`,
  ),
  beneficiaries: spec(
    'beneficiaries',
    `id uuid, kind text, referring_organisation_id uuid, first_name text, last_name text, name text, birth_year int,
     household_type text, children_count int, postcode text, city text, priority_zone bool, income_situation text,
     employment_situation text, target_group text, phone text, contact_name text, people_served int, device_need text,
     search_key text, last_activity_on date, created_at timestamptz, updated_at timestamptz`,
  ),
  referrals: spec(
    'referrals',
    `id uuid, beneficiary_id uuid, programme_id uuid, referring_organisation_id uuid, referred_on date, status text,
     reasons jsonb, evaluated_on date, priority bool, exit_reason text, exited_on date, created_at timestamptz,
     updated_at timestamptz`,
  ),
  beneficiaryEvents: spec(
    'beneficiary_events',
    `id uuid, beneficiary_id uuid, referral_id uuid, programme_id uuid, kind text, at timestamptz, happened_on date,
     from_status text, to_status text, exit_reason text`,
  ),
  allocations: spec(
    'allocations',
    `id uuid, programme_id uuid, beneficiary_id uuid, referral_id uuid, device_id uuid, device_organisation_id uuid,
     status text, allocated_on date, handed_over_on date, payment_cents int, payment_method text,
     expected_contribution_cents int, signed_on_paper bool, cancelled_at timestamptz, cancel_reason text,
     created_at timestamptz, updated_at timestamptz`,
  ),
  loans: spec(
    'loans',
    `id uuid, allocation_id uuid, programme_id uuid, device_id uuid, beneficiary_id uuid, started_on date, due_on date,
     renewals int, returned_on date, return_condition text, created_at timestamptz`,
  ),
  internetAids: spec(
    'internet_aids',
    'id uuid, programme_id uuid, beneficiary_id uuid, amount_cents int, months int, granted_on date, provider text, proof_received bool, funder_id uuid, created_at timestamptz',
  ),
  workshops: spec(
    'workshops',
    `id uuid, organisation_id uuid, programme_id uuid, title text, format text, place text, trainer_name text,
     capacity int, completion_threshold_percent int, closed_at timestamptz, created_at timestamptz, updated_at timestamptz`,
  ),
  workshopSessions: spec(
    'workshop_sessions',
    'id uuid, workshop_id uuid, starts_at timestamptz, ends_at timestamptz, cancelled_at timestamptz, cancel_reason text, created_at timestamptz',
  ),
  enrolments: spec(
    'enrolments',
    'id uuid, workshop_id uuid, beneficiary_id uuid, enrolled_on date, status text, withdrawn_on date, created_at timestamptz, updated_at timestamptz',
  ),
  attendance: spec(
    'attendance',
    'session_id uuid, beneficiary_id uuid, present bool, recorded_at timestamptz',
  ),
  skillsAssessments: spec(
    'skills_assessments',
    'id uuid, beneficiary_id uuid, organisation_id uuid, programme_id uuid, stage text, levels jsonb, autonomous bool, assessed_on date, created_at timestamptz',
  ),
  anonymousActivities: spec(
    'anonymous_activities',
    'id uuid, organisation_id uuid, held_on date, title text, duration_minutes int, participants int, age_bands jsonb, themes text[], place_type text, postcode text, created_at timestamptz',
  ),
} as const;

export type TableName = keyof typeof TABLES;

/**
 * Writes rows with one statement per batch: every column travels as a text array and is cast by
 * PostgreSQL (`unnest`), which is several times faster than one INSERT per row and needs no string SQL.
 */
export async function insertRows(
  client: pg.ClientBase,
  spec: TableSpec,
  rows: readonly Row[],
  onBatch: (count: number) => void,
  batchSize = 5_000,
): Promise<void> {
  const names = spec.columns.map(([name]) => name);
  const casts = spec.columns.map(([name, type]) => `u.${name}::${type}`);
  const params = spec.columns.map((_, i) => `$${i + 1}::text[]`);
  const text = `INSERT INTO ${spec.table} (${names.join(', ')}) SELECT ${casts.join(', ')} FROM unnest(${params.join(', ')}) AS u(${names.join(', ')})`;
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize);
    const columns = spec.columns.map((_, i) => batch.map((row) => (row[i] === null ? null : String(row[i]))));
    await client.query(text, columns);
    onBatch(batch.length);
  }
}
