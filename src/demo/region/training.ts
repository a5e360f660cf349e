import { FIRST_YEAR, firstDayOf, isoAt, isoDay, LAST_DAY, YEARS } from './calendar.ts';
import type { RegionContext } from './context.ts';
import { Weighted } from './random.ts';

const AREAS = ['information', 'communication', 'content', 'security', 'environment'] as const;
const FORMATS = new Weighted<string>([
  ['initiation', 70],
  ['intensive', 15],
  ['home_coaching', 10],
  ['digital_cafe', 5],
]);

/**
 * Workshops of the programmes (run by the programme's trainer partner or its owner), weekly sessions
 * (the region's total split by the programmes' handovers), the programme's referred people enrolled,
 * attendance of the sessions held (each person with their own regularity), entry and exit assessments.
 */
export function generateTraining(ctx: RegionContext): void {
  const { random } = ctx;
  const programmes = [...ctx.programmes.values()].flatMap((byYear) => [...byYear.values()]);
  const handovers = programmes.reduce((sum, p) => sum + p.handovers, 0) || 1;
  const trainerOwners = new Set(ctx.refurbishers.filter((o) => o.kinds.includes('trainer')).map((o) => o.id));
  for (const programme of programmes) {
    let quota = Math.round((ctx.scale.trainingSessions * programme.handovers) / handovers);
    const yearStart = firstDayOf(programme.year);
    const yearEnd = Math.min(LAST_DAY, firstDayOf(programme.year + 1) - 1);
    while (quota > 0 && programme.referralPeople.length > 0) {
      const count = Math.min(quota, random.int(4, 10));
      quota -= count;
      const organisationId =
        trainerOwners.has(programme.ownerId) && random.chance(0.5) ? programme.ownerId : programme.trainerId;
      const start = yearStart + random.int(0, Math.max(0, yearEnd - yearStart - 7));
      const workshopId = random.uuid();
      const lastSession = start + 7 * (count - 1);
      const capacity = random.int(6, 12);
      ctx.rows.workshops.push([
        workshopId,
        organisationId,
        programme.id,
        random.pick([
          'Premiers pas',
          'Bien utiliser son ordinateur',
          'Démarches en ligne',
          'Internet en sécurité',
        ]),
        FORMATS.draw(random),
        random.pick(['Salle polyvalente', 'Médiathèque', 'Local associatif']),
        null,
        capacity,
        80,
        lastSession < LAST_DAY - 30 ? isoAt(lastSession + 7, 9 * 60) : null,
        isoAt(Math.max(0, start - 30), 9 * 60),
        isoAt(Math.max(0, start - 30), 9 * 60),
      ]);
      const sessions: { id: string; day: number; cancelled: boolean }[] = [];
      for (let k = 0; k < count; k++) {
        const day = start + 7 * k;
        const cancelled = random.chance(0.03);
        const id = random.uuid();
        sessions.push({ id, day, cancelled });
        ctx.rows.workshopSessions.push([
          id,
          workshopId,
          isoAt(day, 13 * 60),
          isoAt(day, 15 * 60 + 30),
          cancelled ? isoAt(day - 2, 9 * 60) : null,
          cancelled ? 'Formateur absent' : null,
          isoAt(Math.max(0, start - 30), 9 * 60),
        ]);
      }
      const enrolled = new Set<string>();
      for (let tries = 0; enrolled.size < capacity && tries < capacity * 3; tries++)
        enrolled.add(random.pick(programme.referralPeople));
      for (const personId of enrolled) {
        const enrolledOn = Math.max(0, start - random.int(3, 20));
        const withdrawn = random.chance(0.05) && start + 7 <= LAST_DAY;
        ctx.rows.enrolments.push([
          random.uuid(),
          workshopId,
          personId,
          isoDay(enrolledOn),
          withdrawn ? 'withdrawn' : 'enrolled',
          withdrawn ? isoDay(start + 7) : null,
          isoAt(enrolledOn, 10 * 60),
          isoAt(withdrawn ? start + 7 : enrolledOn, 10 * 60),
        ]);
        if (withdrawn) continue;
        const regularity = 0.55 + random.next() * 0.43;
        for (const session of sessions) {
          if (session.cancelled || session.day > LAST_DAY) continue;
          ctx.rows.attendance.push([
            session.id,
            personId,
            random.chance(regularity),
            isoAt(session.day, 16 * 60),
          ]);
        }
        const entry = Object.fromEntries(AREAS.map((a) => [a, random.int(0, 1)]));
        ctx.rows.skillsAssessments.push([
          random.uuid(),
          personId,
          organisationId,
          programme.id,
          'entry',
          JSON.stringify(entry),
          false,
          isoDay(start),
          isoAt(start, 13 * 60),
        ]);
        if (lastSession <= LAST_DAY && random.chance(0.85)) {
          const exit = Object.fromEntries(
            AREAS.map((a) => [a, Math.min(3, (entry[a] as number) + random.int(0, 2))]),
          );
          ctx.rows.skillsAssessments.push([
            random.uuid(),
            personId,
            organisationId,
            programme.id,
            'exit',
            JSON.stringify(exit),
            random.chance(regularity * 0.8),
            isoDay(lastSession),
            isoAt(lastSession, 15 * 60),
          ]);
        }
      }
    }
  }
}

/** Anonymous activities (digital cafés, outreach stands) of the organisations that train, a few a month. */
export function generateActivities(ctx: RegionContext): void {
  const { random } = ctx;
  const scale = Math.max(0.05, ctx.scale.devices / 200_000);
  const organisations = [...ctx.trainers, ...ctx.prescribers.filter((p) => p.kinds.includes('trainer'))];
  for (const org of organisations) {
    for (let month = 0; month < 12 * YEARS; month++) {
      const count = Math.round(random.int(0, 4) * scale + (random.chance(scale) ? 1 : 0));
      for (let k = 0; k < count; k++) {
        const day = Math.min(
          LAST_DAY,
          firstDayOf(FIRST_YEAR + Math.floor(month / 12)) + (month % 12) * 30 + random.int(0, 27),
        );
        const participants = random.int(3, 25);
        const seniors = random.int(0, participants);
        ctx.rows.anonymousActivities.push([
          random.uuid(),
          org.id,
          isoDay(day),
          random.pick(['Café numérique', 'Stand au marché', 'Permanence']),
          random.pick([60, 90, 120, 180]),
          participants,
          JSON.stringify({ '60-69': seniors, '25-39': participants - seniors }),
          random.pick([
            '{device_handling}',
            '{online_procedures}',
            '{email,internet_browsing}',
            '{security}',
          ]),
          random.pick(['venue', 'venue', 'outreach', 'remote']),
          org.postcode,
          isoAt(day, 18 * 60),
        ]);
      }
    }
  }
}
