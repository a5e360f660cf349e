import type { DeviceStatus } from '../../lib/vocabulary.ts';
import { needsErasure } from '../../modules/inventory/lifecycle.ts';
import { FIRST_YEAR, firstDayOf, isoAt, isoDay, isWeekend, LAST_DAY, YEARS, yearOf } from './calendar.ts';
import type { Organisation, Person, Programme, Referral, RegionContext } from './context.ts';
import type { Random } from './random.ts';
import { Weighted } from './random.ts';
import type { Row } from './tables.ts';
import { MODELS, OS_IMAGES } from './words.ts';

const TYPES = new Weighted<string>([
  ['laptop', 62],
  ['desktop', 14],
  ['monitor', 8],
  ['tablet', 8],
  ['smartphone', 5],
  ['printer', 2],
  ['other', 1],
]);
/** Share of each type found beyond repair at diagnosis (sent to recycling). */
const SCRAP_RATE: Record<string, number> = { printer: 0.4, other: 0.5, monitor: 0.22, desktop: 0.2 };
/** Mean days on the shelf before an allocation: laptops go fast, screens and printers wait. */
const SHELF_DAYS: Record<string, number> = {
  laptop: 35,
  tablet: 35,
  smartphone: 45,
  desktop: 150,
  monitor: 400,
  printer: 500,
  other: 500,
};
const WEIGHT_KG: Record<string, number> = {
  laptop: 1.9,
  desktop: 7.5,
  monitor: 4.2,
  tablet: 0.5,
  smartphone: 0.2,
  printer: 8,
  other: 0.8,
};
const MODEL_TABLES = Object.fromEntries(
  Object.entries(MODELS).map(([type, models]) => [type, new Weighted(models.map((m) => [m, m[2]] as const))]),
);
const PAYMENTS = new Weighted<string>([
  ['cash', 40],
  ['card', 30],
  ['cheque', 20],
  ['transfer', 10],
]);
/** Intakes grow year on year (the network gets known): weights of 2021 … 2025. */
const GROWTH = new Weighted(Array.from({ length: YEARS }, (_, i) => [FIRST_YEAR + i, 1 + 0.55 * i] as const));

function workday(day: number): number {
  let d = day;
  while (isWeekend(d)) d++;
  return d;
}

/** The device lifecycle, one device at a time: each step a status change and its event, up to the last day. */
class DeviceHistory {
  status: DeviceStatus = 'received';
  cycleStart: number;
  updated: number;
  constructor(
    private readonly ctx: RegionContext,
    readonly id: string,
    readonly organisationId: string,
    received: number,
  ) {
    this.cycleStart = received;
    this.updated = received;
    this.event(received, 'received', null, 'received');
  }

  private lastDay = -1;
  private lastMinute = 0;

  private event(day: number, kind: string, from: string | null, to: string): void {
    // Within a day, events keep their order (the dashboard and the tests read the last one).
    const drawn = 8 * 60 + this.ctx.random.int(0, 9 * 60);
    const minute = day === this.lastDay ? Math.min(1439, this.lastMinute + 1 + (drawn % 60)) : drawn;
    this.lastDay = day;
    this.lastMinute = minute;
    this.ctx.rows.deviceEvents.push([
      this.ctx.random.uuid(),
      this.id,
      this.organisationId,
      isoAt(day, minute),
      kind,
      from,
      to,
    ]);
  }

  /** Moves the device on that day, or answers false when the day is past the history's end. */
  go(day: number, to: DeviceStatus): boolean {
    if (day > LAST_DAY) return false;
    this.event(day, 'status', this.status, to);
    this.status = to;
    this.updated = day;
    return true;
  }
}

/** Devices by donation, with their whole history, allocations, referrals, loans and payments. */
export function generateStock(ctx: RegionContext): void {
  const { random } = ctx;
  const refurbishers = new Weighted(
    ctx.refurbishers.map((o, i) => [o, [25, 18, 14, 12, 10, 8, 7, 6][i] ?? 5] as const),
  );
  // Donations first (a company's batch of old computers), sorted by day, so asset tags follow intake order.
  const donations: {
    id: string;
    donor: Organisation;
    refurbisher: Organisation;
    day: number;
    size: number;
  }[] = [];
  let planned = 0;
  while (planned < ctx.scale.devices) {
    const year = GROWTH.draw(random);
    const day = workday(firstDayOf(year) + random.int(0, 364));
    const size = Math.min(ctx.scale.devices - planned, 1 + Math.round(random.exponential(30)));
    const donor = random.chance(0.7)
      ? random.pick(ctx.donors)
      : random.pick([...ctx.funders, ...ctx.prescribers]);
    donations.push({
      id: random.uuid(),
      donor,
      refurbisher: refurbishers.draw(random),
      day: Math.min(day, LAST_DAY),
      size,
    });
    planned += size;
  }
  donations.sort((a, b) => a.day - b.day);
  let tag = 0;
  for (const donation of donations) {
    ctx.rows.donations.push([
      donation.id,
      donation.donor.id,
      donation.refurbisher.id,
      isoDay(donation.day),
      donation.size,
      isoAt(donation.day, 9 * 60),
    ]);
    for (let k = 0; k < donation.size; k++) {
      tag++;
      generateDevice(ctx, random, tag, donation.id, donation.refurbisher, donation.day);
    }
  }
}

function generateDevice(
  ctx: RegionContext,
  random: Random,
  tag: number,
  donationId: string,
  owner: Organisation,
  received: number,
): void {
  const id = random.uuid();
  const type = TYPES.draw(random);
  const [brand, model] = (MODEL_TABLES[type] as Weighted<readonly [string, string, number]>).draw(random);
  const serial = `${brand.slice(0, 2).toUpperCase()}${random.uuid().replace(/-/g, '').slice(0, 10).toUpperCase()}`;
  const computer = type === 'laptop' || type === 'desktop';
  const ram = computer
    ? random.pick([4, 8, 8, 8, 16])
    : type === 'tablet' || type === 'smartphone'
      ? random.pick([2, 3, 4])
      : null;
  const storage = computer
    ? random.pick([128, 256, 256, 500])
    : type === 'tablet' || type === 'smartphone'
      ? random.pick([32, 64])
      : null;
  const storageType = computer ? random.pick(['ssd', 'ssd', 'nvme', 'hdd']) : storage ? 'emmc' : null;
  const device = new DeviceHistory(ctx, id, owner.id, received);
  let grade: string | null = null;
  let osImage: string | null = null;
  let checked: boolean | null = null;
  const finish = () => {
    ctx.rows.devices.push([
      id,
      tag,
      `SV-${String(tag).padStart(6, '0')}`,
      owner.id,
      donationId,
      type,
      device.status,
      brand,
      model,
      serial,
      computer
        ? random.pick([
            'Intel Core i5-8250U',
            'Intel Core i5-7300U',
            'Intel Core i3-7100U',
            'AMD Ryzen 5 2500U',
          ])
        : null,
      ram,
      storage,
      storageType,
      WEIGHT_KG[type] ?? null,
      osImage,
      grade,
      checked,
      isoAt(device.cycleStart, 9 * 60),
      isoAt(received, 9 * 60),
      isoAt(device.updated, 17 * 60),
    ]);
  };
  // The device's life up to the last day; its row is written after, with the status it reached.
  const live = (): void => {
    let t = received + random.int(1, 6);
    if (!device.go(t, 'diagnosed')) return;
    if (random.chance(0.003)) {
      device.go(t + random.int(1, 40), 'lost');
      return;
    }
    if (random.chance(SCRAP_RATE[type] ?? 0.17)) {
      t += random.int(0, 10);
      if (device.go(t, 'to_recycle')) device.go(t + random.int(15, 150), 'recycled');
      return;
    }
    grade = random.pick(['A', 'B', 'B', 'B', 'C']);
    for (let cycle = 0; cycle < 3; cycle++) {
      t += random.int(0, 4);
      if (!device.go(t, 'refurbishing')) return;
      const ready = workday(t + 3 + Math.round(random.exponential(10)));
      if (ready > LAST_DAY) return;
      if (needsErasure(type as never, storage)) {
        ctx.rows.erasures.push([
          random.uuid(),
          id,
          owner.id,
          computer ? 'nist-800-88 purge' : 'factory reset',
          computer ? 'purge' : 'clear',
          computer ? 'nwipe' : null,
          true,
          'passed',
          storageType,
          storage,
          'Technicien atelier',
          isoAt(ready, 9 * 60),
          isoAt(ready, 9 * 60 + 30),
        ]);
      }
      if (computer) osImage = random.pick(OS_IMAGES);
      checked = true;
      device.go(ready, 'ready');
      t = ready;
      // On the shelf until allocated; an allocation may be cancelled (the person withdrew), then the next one.
      for (;;) {
        const reserve = workday(
          t + 1 + Math.round(random.exponential(random.chance(0.15) ? 300 : (SHELF_DAYS[type] ?? 40))),
        );
        if (reserve > LAST_DAY) return;
        const programme = ctx.programmes.get(owner.id)?.get(yearOf(reserve)) as Programme;
        const referral = refer(ctx, programme, reserve - random.int(7, 60));
        device.go(reserve, 'reserved');
        const allocation = {
          id: random.uuid(),
          reserve,
          handover: null as number | null,
          cancelled: null as number | null,
        };
        personEvent(ctx, referral, 'allocated', reserve, null, null);
        const cancelled = random.chance(0.06) ? reserve + random.int(2, 20) : null;
        const handover = workday(reserve + random.int(1, 21));
        if (cancelled !== null && cancelled <= LAST_DAY && cancelled < handover) {
          allocation.cancelled = cancelled;
          device.go(cancelled, 'ready');
          personEvent(ctx, referral, 'allocation_cancelled', cancelled, null, null);
          exitReferral(ctx, referral, cancelled, 'withdrew');
          pushAllocation(ctx, allocation, referral, id, owner.id, 'cancelled');
          t = cancelled;
          continue;
        }
        if (handover > LAST_DAY) {
          pushAllocation(ctx, allocation, referral, id, owner.id, 'reserved');
          return;
        }
        allocation.handover = handover;
        device.go(handover, 'handed_over');
        programme.handovers++;
        setStatus(ctx, referral, 'equipped', handover, 'handed_over');
        pushAllocation(ctx, allocation, referral, id, owner.id, 'handed_over');
        if (programme.internetAidFunderId && random.chance(0.35)) {
          ctx.rows.internetAids.push([
            random.uuid(),
            programme.id,
            referral.person.id,
            15_000,
            6,
            isoDay(handover),
            random.pick(['Orange solidarité', 'SFR', 'Free', 'Bouygues Telecom']),
            random.chance(0.8),
            programme.internetAidFunderId,
            isoAt(handover, 16 * 60),
          ]);
        }
        if (programme.mode !== 'loan') {
          afterHandover(ctx, referral, handover);
          return;
        }
        // A loan: due after 12 months, renewed or returned; most returned devices are refurbished and lent again.
        const renewals = random.chance(0.3) ? random.int(1, 2) : 0;
        const due = handover + 365 * (1 + renewals);
        const returned =
          due - random.int(0, 40) <= LAST_DAY && random.chance(0.6) ? due - random.int(0, 40) : null;
        ctx.rows.loans.push([
          random.uuid(),
          allocation.id,
          programme.id,
          id,
          referral.person.id,
          isoDay(handover),
          isoDay(handover + 365 * (1 + renewals)),
          renewals,
          returned === null ? null : isoDay(returned),
          returned === null ? null : random.pick(['bon état', 'rayures', 'chargeur manquant']),
          isoAt(handover, 16 * 60),
        ]);
        if (returned === null) {
          afterHandover(ctx, referral, handover);
          return;
        }
        device.go(returned, 'returned');
        device.cycleStart = returned;
        personEvent(ctx, referral, 'loan_returned', returned, null, null);
        exitReferral(ctx, referral, returned, 'completed');
        const after = random.next();
        if (after < 0.3) return;
        if (after < 0.5) {
          t = returned + random.int(0, 10);
          if (device.go(t, 'to_recycle')) device.go(t + random.int(15, 120), 'recycled');
          return;
        }
        t = returned;
        break;
      }
    }
  };
  live();
  finish();
}

/** A referral of one of the programme's prescribers' people, not yet referred to this programme. */
function refer(ctx: RegionContext, programme: Programme, day: number): Referral {
  const { random } = ctx;
  let person: Person | undefined;
  for (let attempt = 0; attempt < 30 && !person; attempt++) {
    const people = ctx.peopleByOrganisation.get(random.pick(programme.prescriberIds)) as Person[];
    const candidate = people.length > 0 ? random.pick(people) : undefined;
    if (candidate && !programme.referred.has(candidate.id)) person = candidate;
  }
  person ??= ctx.people.find((p) => !programme.referred.has(p.id)) as Person;
  programme.referred.add(person.id);
  programme.referralPeople.push(person.id);
  const referredOn = Math.max(firstDayOf(programme.year) - 30, day);
  const referral: Referral = {
    id: random.uuid(),
    person,
    programme,
    referredOn,
    status: 'eligible',
    exitReason: null,
    exitedOn: null,
  };
  ctx.referrals.push(referral);
  personEvent(ctx, referral, 'referred', referredOn, null, 'eligible');
  touch(person, referredOn);
  return referral;
}

function touch(person: Person, day: number): void {
  if (day > person.lastDay) person.lastDay = day;
  if (day - 3 < person.createdDay) person.createdDay = Math.max(0, day - 3);
}

function personEvent(
  ctx: RegionContext,
  r: Referral,
  kind: string,
  day: number,
  from: string | null,
  to: string | null,
  exit: string | null = null,
): void {
  ctx.rows.beneficiaryEvents.push([
    ctx.random.uuid(),
    r.person.id,
    r.id,
    r.programme.id,
    kind,
    isoAt(day, 10 * 60 + ctx.random.int(0, 400)),
    isoDay(day),
    from,
    to,
    exit,
  ]);
  touch(r.person, day);
}

function setStatus(ctx: RegionContext, r: Referral, to: string, day: number, kind = 'status_changed'): void {
  personEvent(ctx, r, kind, day, r.status, to);
  r.status = to;
}

function exitReferral(ctx: RegionContext, r: Referral, day: number, reason: string): void {
  personEvent(ctx, r, 'status_changed', day, r.status, 'exited', reason);
  r.status = 'exited';
  r.exitReason = reason;
  r.exitedOn = day;
}

/** After a handover: followed up six months on for half of them, closed after a year for some. */
function afterHandover(ctx: RegionContext, r: Referral, handover: number): void {
  const { random } = ctx;
  if (handover + 180 <= LAST_DAY && random.chance(0.5)) setStatus(ctx, r, 'followed_up', handover + 180);
  if (handover + 400 <= LAST_DAY && random.chance(0.3)) exitReferral(ctx, r, handover + 400, 'completed');
}

function pushAllocation(
  ctx: RegionContext,
  a: { id: string; reserve: number; handover: number | null; cancelled: number | null },
  r: Referral,
  deviceId: string,
  organisationId: string,
  status: string,
): void {
  const { random } = ctx;
  const p = r.programme;
  const contribution = p.unitPriceCents === null ? null : p.unitPriceCents - p.subsidyCents;
  const paid = status === 'handed_over' && contribution !== null;
  const row: Row = [
    a.id,
    p.id,
    r.person.id,
    r.id,
    deviceId,
    organisationId,
    status,
    isoDay(a.reserve),
    a.handover === null ? null : isoDay(a.handover),
    paid ? (random.chance(0.04) ? Math.round((contribution as number) / 2) : contribution) : null,
    paid ? PAYMENTS.draw(random) : null,
    contribution,
    status === 'handed_over' && random.chance(0.7),
    a.cancelled === null ? null : isoAt(a.cancelled, 11 * 60),
    a.cancelled === null ? null : 'La personne a renoncé',
    isoAt(a.reserve, 10 * 60),
    isoAt(a.cancelled ?? a.handover ?? a.reserve, 15 * 60),
  ];
  ctx.rows.allocations.push(row);
}

/**
 * Referrals that did not lead to a device (yet): waiting, in training, refused, or gone. In past years
 * the waiting ones were closed with the programme.
 */
export function generateOtherReferrals(ctx: RegionContext): void {
  const { random } = ctx;
  for (const byYear of ctx.programmes.values()) {
    for (const programme of byYear.values()) {
      const extra = Math.round(programme.handovers * 0.22) + 2;
      const end = Math.min(LAST_DAY, firstDayOf(programme.year + 1) - 1);
      for (let i = 0; i < extra; i++) {
        const day = firstDayOf(programme.year) + random.int(0, end - firstDayOf(programme.year));
        const referral = refer(ctx, programme, day);
        const x = random.next();
        if (x < 0.2) {
          referral.status = 'ineligible';
          const last = ctx.rows.beneficiaryEvents[ctx.rows.beneficiaryEvents.length - 1] as Row;
          last[8] = 'ineligible';
        } else if (programme.year < FIRST_YEAR + YEARS - 1) {
          exitReferral(
            ctx,
            referral,
            end,
            random.pick(['withdrew', 'unreachable', 'moved_away', 'equipped_elsewhere']),
          );
        } else if (x < 0.35)
          exitReferral(ctx, referral, Math.min(LAST_DAY, day + random.int(10, 60)), 'unreachable');
        else if (x < 0.5 && day + 14 <= LAST_DAY) setStatus(ctx, referral, 'in_training', day + 14);
        else if (x < 0.6 && day + 60 <= LAST_DAY) setStatus(ctx, referral, 'trained', day + 60);
      }
    }
  }
}

/** Writes the referrals and the people (whose first and last contact the referrals moved). */
export function finishPeople(ctx: RegionContext): void {
  for (const r of ctx.referrals) {
    ctx.rows.referrals.push([
      r.id,
      r.person.id,
      r.programme.id,
      r.person.organisationId,
      isoDay(r.referredOn),
      r.status,
      r.status === 'ineligible' ? '[{"code":"income_too_high"}]' : '[]',
      isoDay(r.referredOn),
      ctx.random.chance(0.05),
      r.exitReason,
      r.exitedOn === null ? null : isoDay(r.exitedOn),
      isoAt(r.referredOn, 10 * 60),
      isoAt(r.exitedOn ?? r.referredOn, 12 * 60),
    ]);
  }
  for (const p of ctx.people) {
    ctx.rows.beneficiaries.push([
      ...p.row,
      isoDay(p.lastDay),
      isoAt(p.createdDay, 9 * 60),
      isoAt(p.lastDay, 12 * 60),
    ]);
  }
}
