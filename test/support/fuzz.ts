import fc from 'fast-check';
import type pg from 'pg';

/**
 * Generators of hostile request bodies, derived from the JSON schemas of the OpenAPI document (the
 * zod bodies as fastify-type-provider-zod publishes them), and the checks the fuzz test runs on replies.
 * zod-fast-check only knows zod 3, so the arbitraries are built from the published JSON schema instead:
 * it is also what a client sees.
 */

export interface JsonSchema {
  $ref?: string;
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  format?: string;
  pattern?: string;
  nullable?: boolean;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

interface Operation {
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export interface BodyRoute {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** As the document writes it: `/api/v1/devices/{id}`. */
  path: string;
  schema: JsonSchema;
}

/** Every operation of the document that takes a JSON body. */
export function bodyRoutes(document: OpenApiDocument): BodyRoute[] {
  const routes: BodyRoute[] = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const schema = operation.requestBody?.content?.['application/json']?.schema;
      if (schema) routes.push({ method: method.toUpperCase() as BodyRoute['method'], path, schema });
    }
  }
  return routes;
}

/** The schema a `$ref` points to (one level: the document's components never chain references). */
export function resolveSchema(schema: JsonSchema, document: OpenApiDocument): JsonSchema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = document.components?.schemas?.[name];
  if (!target) throw new Error(`unknown schema reference ${schema.$ref}`);
  return resolveSchema(target, document);
}

// ---------------------------------------------------------------------------------------------
// Hostile values

/** More than 100 KB of text in one field. */
const HUGE = 'A'.repeat(110 * 1024);
const HUGE_UNICODE = 'é😀'.repeat(40 * 1024);

/** Texts that break naive code: spreadsheet formulas, markup, control characters, odd Unicode. */
export const HOSTILE_TEXTS: readonly string[] = [
  '=HYPERLINK("http://x","y")',
  '=1+1',
  "+cmd|' /C calc'!A0",
  '-2+3',
  '@SUM(1)',
  '\t=1+1',
  '\r=1+1',
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  "'; DROP TABLE devices; --",
  '\u0000',
  'a\u0000b',
  '\u0001\u0002\u0007\u001b[31m\u007f',
  '\ud800',
  'x\udfffy',
  '\u202eevil\u202c',
  '\ufeff',
  '   ',
  '',
  '../../etc/passwd',
  '%s%n%x',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template injection probe, sent as plain text
  '{{7*7}}${7*7}',
  HUGE,
  HUGE_UNICODE,
];

export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_TEXTS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)) }),
  },
);

export const hostileNumber: fc.Arbitrary<number> = fc.constantFrom(
  -1,
  -1e308,
  1e308,
  2 ** 31,
  2 ** 53 + 2,
  -(2 ** 63),
  0.5,
  -0.000001,
  123456789012345,
);

/** Nesting deep enough to exhaust a recursive walker. */
function nested(depth: number, kind: 'array' | 'object'): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = kind === 'array' ? [value] : { a: value };
  return value;
}

/** A value of the wrong type, or deeply nested, or huge. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  hostileNumber,
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.constant(['=1+1', 2, null]),
  fc.constant({ $gt: '' }),
  fc.constant(nested(60, 'array')),
  fc.constant(nested(2000, 'object')),
  fc.constant(Array.from({ length: 5000 }, (_, i) => i)),
);

/** Keys nobody declared: a mass-assignment attempt, prototype pollution, plain noise. */
export const EXTRA_KEYS = [
  'extra',
  '__proto__',
  'constructor',
  'isPlatformAdmin',
  'organisationId',
  'id',
  'status',
  'role',
];

// ---------------------------------------------------------------------------------------------
// Schema-shaped bodies

export interface ShapeOptions {
  /** Real ids for a field, by its name (`programmeId`, `deviceIds`…), so bodies can reach real records. */
  idsFor?: (field: string) => string[] | undefined;
  /** Probability-like weight (0–10) of replacing a field's value with a hostile one. */
  hostility: number;
}

const DAY = 24 * 60 * 60 * 1000;
const dateArbitrary = fc
  .integer({ min: Date.UTC(2019, 0, 1) / DAY, max: Date.UTC(2031, 0, 1) / DAY })
  .map((day) => new Date(day * DAY).toISOString().slice(0, 10));
const dateTimeArbitrary = fc
  .integer({ min: Date.UTC(2019, 0, 1), max: Date.UTC(2031, 0, 1) })
  .map((ms) => new Date(ms).toISOString());

/** Ordinary text, with hostile content that still fits the declared length (it should be stored as given). */
function textWithin(min: number, max: number): fc.Arbitrary<string> {
  const fitting = HOSTILE_TEXTS.filter((t) => t.length >= min && t.length <= max && !t.includes('\u0000'));
  const plain = fc.string({ minLength: min, maxLength: Math.min(max, Math.max(min, 40)) });
  return fitting.length > 0 ? fc.oneof(plain, fc.constantFrom(...fitting)) : plain;
}

/** A value the schema accepts (as far as a JSON schema can say), or a hostile one with some weight. */
export function shapedArbitrary(
  schema: JsonSchema,
  document: OpenApiDocument,
  options: ShapeOptions,
  field = '',
  depth = 0,
): fc.Arbitrary<unknown> {
  const valid = validArbitrary(resolveSchema(schema, document), document, options, field, depth);
  if (options.hostility <= 0) return valid;
  return fc.oneof(
    { weight: 10 - options.hostility, arbitrary: valid },
    { weight: options.hostility, arbitrary: wrongValue },
  );
}

function validArbitrary(
  schema: JsonSchema,
  document: OpenApiDocument,
  options: ShapeOptions,
  field: string,
  depth: number,
): fc.Arbitrary<unknown> {
  const options_ = [schema.anyOf, schema.oneOf].find((list) => list && list.length > 0);
  if (options_)
    return fc.oneof(...options_.map((s) => shapedArbitrary(s, document, options, field, depth + 1)));
  if (schema.allOf?.[0]) return shapedArbitrary(schema.allOf[0], document, options, field, depth + 1);
  let arbitrary: fc.Arbitrary<unknown>;
  if (schema.enum && schema.enum.length > 0) arbitrary = fc.constantFrom(...schema.enum);
  else {
    switch (schema.type) {
      case 'object':
        arbitrary = objectArbitrary(schema, document, options, depth);
        break;
      case 'array': {
        const item = schema.items ?? {};
        const max = Math.min(schema.maxItems ?? 4, (schema.minItems ?? 0) + 4);
        arbitrary = fc.array(shapedArbitrary(item, document, options, field, depth + 1), {
          minLength: schema.minItems ?? 0,
          maxLength: max,
        });
        break;
      }
      case 'integer':
      case 'number': {
        const min = schema.minimum ?? -1_000_000;
        const max = schema.maximum ?? 1_000_000;
        arbitrary =
          schema.type === 'integer'
            ? fc.integer({
                min: Math.ceil(Math.max(min, -(2 ** 31))),
                max: Math.floor(Math.min(max, 2 ** 31)),
              })
            : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
        break;
      }
      case 'boolean':
        arbitrary = fc.boolean();
        break;
      case 'string':
        arbitrary = stringArbitrary(schema, options, field);
        break;
      default:
        arbitrary = fc.jsonValue({ maxDepth: 2 });
    }
  }
  return schema.nullable
    ? fc.oneof({ weight: 5, arbitrary }, { weight: 1, arbitrary: fc.constant(null) })
    : arbitrary;
}

function stringArbitrary(schema: JsonSchema, options: ShapeOptions, field: string): fc.Arbitrary<unknown> {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 200;
  switch (schema.format) {
    case 'uuid': {
      const ids = options.idsFor?.(field) ?? [];
      return ids.length > 0
        ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ids) }, fc.uuid())
        : fc.uuid();
    }
    case 'date':
      return dateArbitrary;
    case 'date-time':
      return dateTimeArbitrary;
    case 'email':
      return fc.emailAddress().filter((e) => e.length <= max);
  }
  if (schema.pattern) {
    try {
      return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= min && s.length <= max);
    } catch {
      // A pattern JavaScript cannot read: plain text then.
    }
  }
  return textWithin(min, max);
}

export interface ShapedBody {
  body: unknown;
  /** The one top-level field given a hostile value, if any: a refusal must name it. */
  badField?: string;
}

/**
 * Bodies shaped like the schema: all valid (with formulas and markup in text fields, which must be
 * stored as sent), one top-level field hostile (a refusal must name it), or hostile values anywhere
 * with missing and undeclared keys.
 */
export function shapedBodies(
  schema: JsonSchema,
  document: OpenApiDocument,
  idsFor?: ShapeOptions['idsFor'],
): fc.Arbitrary<ShapedBody> {
  const resolved = resolveSchema(schema, document);
  const valid = shapedArbitrary(resolved, document, { hostility: 0, ...(idsFor ? { idsFor } : {}) });
  const fields = Object.keys(resolved.properties ?? {});
  const variants: fc.WeightedArbitrary<ShapedBody>[] = [
    { weight: 4, arbitrary: valid.map((body) => ({ body })) },
    {
      weight: 2,
      arbitrary: shapedArbitrary(resolved, document, { hostility: 2, ...(idsFor ? { idsFor } : {}) }).map(
        (body) => ({ body }),
      ),
    },
  ];
  if (fields.length > 0) {
    variants.push({
      weight: 4,
      arbitrary: fc.tuple(valid, fc.constantFrom(...fields), wrongValue).map(([body, field, value]) => ({
        body: { ...(body as Record<string, unknown>), [field]: value },
        badField: field,
      })),
    });
  }
  return fc.oneof(...variants);
}

function objectArbitrary(
  schema: JsonSchema,
  document: OpenApiDocument,
  options: ShapeOptions,
  depth: number,
): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(properties)) {
    shape[name] = shapedArbitrary(property, document, options, name, depth + 1);
  }
  const record = fc.record(shape, { requiredKeys: [...required].filter((k) => k in shape) });
  if (options.hostility <= 0 || depth > 0) return record;
  // Sometimes a required field goes missing, sometimes a key nobody declared comes along.
  return fc
    .tuple(
      record,
      required.size > 0 ? fc.option(fc.constantFrom(...required), { freq: 8 }) : fc.constant(null),
      fc.option(fc.tuple(fc.constantFrom(...EXTRA_KEYS), wrongValue), { freq: 6 }),
    )
    .map(([value, drop, extra]) => {
      const body = { ...(value as Record<string, unknown>) };
      if (drop !== null) delete body[drop];
      // defineProperty: a literal `__proto__` key must be an own key of the JSON sent.
      if (extra !== null) Object.defineProperty(body, extra[0], { value: extra[1], enumerable: true });
      return body;
    });
}

// ---------------------------------------------------------------------------------------------
// Checks

/** A table's rows, and how many of them were written (inserted or updated) at or after a write mark. */
export interface TableState {
  rows: number;
  written: number;
}

/**
 * Each table of the public schema in one statement: its row count, and the rows whose version was written
 * by a transaction from `since` to `until` (two `writeMark`s), from the row's `xmin`. A refused request
 * that changed rows in place (an UPDATE, or a DELETE and an INSERT) is then seen as well as one that added
 * or removed rows, even with the same values; at about the cost of a count (no row is read as text: the
 * few transaction ids between the marks are compared as such). The test database is fresh, far from
 * transaction id wraparound, so the 32-bit `xmin` compares with the marks' low 32 bits.
 */
export async function tableStates(
  pool: pg.Pool,
  since: string,
  until: string = since,
): Promise<Record<string, TableState>> {
  const { rows: tables } = await pool.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const low = (mark: string) => BigInt(mark || '0') % 4294967296n;
  const [from, to] = [low(since), low(until)];
  // Usually one to a few ids; many when other databases of a shared server took ids meanwhile.
  const written =
    to - from <= 256n
      ? `r.xmin = ANY('{${Array.from({ length: Number(to - from) }, (_, i) => (from + BigInt(i)).toString()).join(',')}}'::xid[])`
      : `r.xmin::text::bigint >= ${from}`;
  const columns = tables.map(
    ({ name }) =>
      `(SELECT count(*) || ' ' || count(*) FILTER (WHERE ${written}) FROM "${name}" r) AS "${name}"`,
  );
  const { rows } = await pool.query<Record<string, string>>(`SELECT ${columns.join(', ')}`);
  return Object.fromEntries(
    Object.entries(rows[0] ?? {}).map(([table, value]) => {
      const [count, changed] = value.split(' ');
      return [table, { rows: Number(count), written: Number(changed) }];
    }),
  );
}

/**
 * The next transaction id the database will assign: a request that wrote anything took one, so when the
 * mark has not moved no table can have changed and none needs a new checksum.
 */
export async function writeMark(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ mark: string }>(
    'SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS mark',
  );
  return rows[0]?.mark ?? '';
}

/**
 * The tables a request changed, from the states before it and after it (the latter counted from the mark
 * taken before it): rows added or removed, or rows written in place. `allowed` tables are not looked at;
 * `touched` tables may have rows written in place (a session's last-seen time), never added or removed.
 */
export function tableChanges(
  before: Record<string, TableState>,
  after: Record<string, TableState>,
  allowed: readonly string[] = [],
  touched: readonly string[] = [],
): string[] {
  const changes: string[] = [];
  for (const table of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (allowed.includes(table)) continue;
    const [was, is] = [before[table]?.rows, after[table]?.rows];
    if (was !== is) changes.push(`${table} ${was} → ${is}`);
    else if ((after[table]?.written ?? 0) > 0 && !touched.includes(table))
      changes.push(`${table} (${after[table]?.written} of ${is} rows written in place)`);
  }
  return changes;
}

/** A short, printable description of a body for a failure message (no 100 KB strings). */
export function describeBody(body: unknown): string {
  const text = JSON.stringify(body, (_key, value) =>
    typeof value === 'string' && value.length > 60 ? `${value.slice(0, 20)}…(${value.length} chars)` : value,
  );
  return text === undefined ? 'undefined' : text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

/** The top-level keys a problem's field paths start with (`lines.0.quantity` → `lines`). */
export function problemFields(problem: { errors?: { path: string }[] }): string[] {
  return (problem.errors ?? []).map((e) => e.path.split('.')[0] ?? '');
}

/** The text with each lone surrogate replaced by U+FFFD (String.prototype.toWellFormed, ES2024). */
export function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}
