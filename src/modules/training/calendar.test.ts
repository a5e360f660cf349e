import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dayInZone,
  easterSunday,
  frenchPublicHolidays,
  holidayOn,
  isoWeekday,
  planRecurrence,
  shiftDay,
  zonedInstant,
} from './calendar.ts';
import { isCompleted, trainingTarget } from './completion.ts';

const PARIS = 'Europe/Paris';

describe('French public holidays', () => {
  it('lists the eleven holidays of 2026, Easter Monday, Ascension and Whit Monday computed', () => {
    expect([...frenchPublicHolidays(2026)]).toEqual([
      ['2026-01-01', 'new_year'],
      ['2026-04-06', 'easter_monday'],
      ['2026-05-01', 'labour_day'],
      ['2026-05-08', 'victory_1945'],
      ['2026-05-14', 'ascension'],
      ['2026-05-25', 'whit_monday'],
      ['2026-07-14', 'bastille_day'],
      ['2026-08-15', 'assumption'],
      ['2026-11-01', 'all_saints'],
      ['2026-11-11', 'armistice'],
      ['2026-12-25', 'christmas'],
    ]);
  });

  it('finds Easter Sunday of known years', () => {
    expect(['2024', '2025', '2026', '2027', '2038'].map((y) => easterSunday(Number(y)))).toEqual([
      '2024-03-31',
      '2025-04-20',
      '2026-04-05',
      '2027-03-28',
      '2038-04-25',
    ]);
  });

  it('always puts Easter on a Sunday between 22 March and 25 April, Ascension on a Thursday (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2200 }), (year) => {
        const easter = easterSunday(year);
        expect(isoWeekday(easter)).toBe(7);
        expect(easter >= `${year}-03-22` && easter <= `${year}-04-25`).toBe(true);
        expect(isoWeekday(shiftDay(easter, 39))).toBe(4);
        // Ascension may fall on 1 or 8 May (2008, 1902): one day off for both.
        expect(frenchPublicHolidays(year).size).toBeGreaterThanOrEqual(10);
      }),
    );
  });
});

describe('wall-clock times in the instance’s time zone', () => {
  it('keeps 09:00 at 09:00 across the change to summer time (UTC+1 → UTC+2)', () => {
    expect(zonedInstant('2026-03-27', '09:00', PARIS).toISOString()).toBe('2026-03-27T08:00:00.000Z');
    expect(zonedInstant('2026-03-30', '09:00', PARIS).toISOString()).toBe('2026-03-30T07:00:00.000Z');
    expect(zonedInstant('2026-10-26', '09:00', PARIS).toISOString()).toBe('2026-10-26T08:00:00.000Z');
  });

  it('reads a skipped time with the winter offset and a repeated one as its first occurrence', () => {
    expect(zonedInstant('2026-03-29', '02:30', PARIS).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(zonedInstant('2026-10-25', '02:30', PARIS).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('gives back the same day and time for any day (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }),
        fc.integer({ min: 6, max: 22 }),
        fc.constantFrom(0, 15, 30, 45),
        (date, hour, minute) => {
          const day = date.toISOString().slice(0, 10);
          const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
          const instant = zonedInstant(day, time, PARIS);
          expect(dayInZone(instant, PARIS)).toBe(day);
          const shown = new Intl.DateTimeFormat('en-GB', {
            timeZone: PARIS,
            hour: '2-digit',
            minute: '2-digit',
            hourCycle: 'h23',
          }).format(instant);
          expect(shown).toBe(time);
        },
      ),
    );
  });
});

describe('a weekly recurrence', () => {
  it('gives Monday, Wednesday and Friday mornings for 8 weeks, holidays left out, across the clock change', () => {
    const plan = planRecurrence(
      { weekdays: [1, 3, 5], startTime: '09:00', endTime: '12:00', firstDay: '2026-03-23', weeks: 8 },
      PARIS,
    );
    expect(plan.skipped).toEqual([
      { day: '2026-04-06', holiday: 'easter_monday' },
      { day: '2026-05-01', holiday: 'labour_day' },
      { day: '2026-05-08', holiday: 'victory_1945' },
    ]);
    expect(plan.sessions).toHaveLength(24 - 3);
    expect(plan.sessions[0]?.startsAt.toISOString()).toBe('2026-03-23T08:00:00.000Z');
    expect(plan.sessions[3]).toMatchObject({ day: '2026-03-30' });
    expect(plan.sessions[3]?.startsAt.toISOString()).toBe('2026-03-30T07:00:00.000Z');
  });

  it('never gives a holiday nor another weekday, and stays within the weeks asked (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2024-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }),
        fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
        fc.integer({ min: 1, max: 12 }),
        (date, weekdays, weeks) => {
          const firstDay = date.toISOString().slice(0, 10);
          const plan = planRecurrence(
            { weekdays, startTime: '14:00', endTime: '17:00', firstDay, weeks },
            PARIS,
          );
          const last = shiftDay(firstDay, weeks * 7 - 1);
          for (const s of plan.sessions) {
            expect(holidayOn(s.day)).toBeUndefined();
            expect(weekdays).toContain(isoWeekday(s.day));
            expect(s.day >= firstDay && s.day <= last).toBe(true);
            expect(s.endsAt.getTime() - s.startsAt.getTime()).toBe(3 * 3_600_000);
          }
          expect(plan.sessions.length + plan.skipped.length).toBe(weekdays.length * weeks);
        },
      ),
    );
  });
});

describe('the completion rule', () => {
  it('needs the threshold of the sessions held, and the programme’s minimum', () => {
    expect(isCompleted({ attended: 4, sessions: 5, thresholdPercent: 80, minSessions: null })).toBe(true);
    expect(isCompleted({ attended: 3, sessions: 5, thresholdPercent: 80, minSessions: null })).toBe(false);
    expect(isCompleted({ attended: 0, sessions: 0, thresholdPercent: 80, minSessions: null })).toBe(false);
    expect(isCompleted({ attended: 19, sessions: 20, thresholdPercent: 80, minSessions: 20 })).toBe(false);
    expect(isCompleted({ attended: 3, sessions: 4, thresholdPercent: 75, minSessions: null })).toBe(true);
  });

  it('puts the referral where the rule says, table of every case', () => {
    expect(trainingTarget({ enrolled: false, completed: false })).toBe('eligible');
    expect(trainingTarget({ enrolled: true, completed: false })).toBe('in_training');
    expect(trainingTarget({ enrolled: true, completed: true })).toBe('trained');
    expect(trainingTarget({ enrolled: false, completed: true })).toBe('trained');
  });

  it('is monotonic: attending one more session never undoes completion (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 100 }),
        fc.option(fc.integer({ min: 1, max: 40 }), { nil: null }),
        (sessions, thresholdPercent, minSessions) => {
          for (let attended = 0; attended < sessions; attended++) {
            const now = isCompleted({ attended, sessions, thresholdPercent, minSessions });
            const next = isCompleted({ attended: attended + 1, sessions, thresholdPercent, minSessions });
            if (now) expect(next).toBe(true);
          }
        },
      ),
    );
  });
});
