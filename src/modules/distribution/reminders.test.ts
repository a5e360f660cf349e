import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp, unique } from '../../../test/support/app.ts';
import { startSmtpServer } from '../../../test/support/smtp.ts';
import { addMonthsToDay, today } from '../../lib/dates.ts';
import { createTransport } from '../notifications/mailer.ts';
import { deliverDue } from '../notifications/outbox.ts';
import { sendLoanReminders } from './reminders.ts';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let manager: ApiClient;
let socialWorkerEmail: string;
let socialWorker: ApiClient;
let technician: ApiClient;
let refurbisher: { id: string };
const year = today().slice(0, 4);

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await startTestApp();
  const ccas = await t.buildOrganisation({ kinds: ['prescriber'] });
  refurbisher = await t.buildOrganisation({ kinds: ['refurbisher'] });
  manager = (await t.member(ccas.id, 'manager')).client;
  const sw = await t.member(ccas.id, 'social_worker');
  socialWorker = sw.client;
  socialWorkerEmail = sw.user.email;
  technician = (await t.member(refurbisher.id, 'technician')).client;
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

async function lend(): Promise<{ id: string; dueOn: string; assetTag: string; name: string }> {
  const p = (
    await manager.post('/programmes', {
      name: unique('Prêt '),
      mode: 'loan',
      loanMonths: 12,
      loanRenewable: true,
      startsOn: `${year}-01-01`,
      endsOn: `${year}-12-31`,
      partners: [{ organisationId: refurbisher.id, role: 'refurbisher' }],
    })
  ).json();
  const lastName = unique('Benoît');
  const person = (
    await socialWorker.post('/beneficiaries', {
      kind: 'person',
      firstName: 'Maëlle',
      lastName,
      consentGivenOn: `${year}-01-01`,
    })
  ).json();
  await socialWorker.post('/referrals', { beneficiaryId: person.id, programmeId: p.id });
  const device = (await technician.post('/devices', { type: 'laptop', storageGb: 0 })).json();
  for (const status of ['diagnosed', 'refurbishing', 'ready'])
    await technician.post(`/devices/${device.id}/status`, { status });
  const allocation = (
    await manager.post('/allocations', { programmeId: p.id, beneficiaryId: person.id, deviceId: device.id })
  ).json();
  const handed = (await manager.post(`/allocations/${allocation.id}/handover`, {})).json();
  return {
    id: handed.loan.id,
    dueOn: handed.loan.dueOn,
    assetTag: device.assetTag,
    name: `Maëlle ${lastName}`,
  };
}

it('tells the referrer 30 days before the due date and on it, once each, by e-mail', async () => {
  const loan = await lend();
  expect(loan.dueOn).toBe(addMonthsToDay(today(), 12));
  const transport = createTransport(smtp.url);
  const send = () => deliverDue(t.database.db, transport, 'Seconde Vie <no-reply@localhost>');
  const day = (offset: number) => {
    const d = new Date(`${loan.dueOn}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() + offset);
    return d.toISOString().slice(0, 10);
  };

  // 31 days before: nothing yet.
  expect(await sendLoanReminders(t.database.db, { publicUrl: 'http://sv.test', asOf: day(-31) })).toEqual({
    soon: 0,
    due: 0,
  });
  // 30 days before: the first reminder, written once however often the job runs.
  expect(await sendLoanReminders(t.database.db, { publicUrl: 'http://sv.test', asOf: day(-30) })).toEqual({
    soon: 1,
    due: 0,
  });
  expect(await sendLoanReminders(t.database.db, { publicUrl: 'http://sv.test', asOf: day(-29) })).toEqual({
    soon: 0,
    due: 0,
  });
  await send();
  const [soon] = await smtp.waitFor(1);
  expect(soon?.to).toEqual([socialWorkerEmail]);
  expect(soon?.raw).toContain(loan.name);
  expect(soon?.raw).toContain(loan.assetTag);
  expect(soon?.raw).toContain('dans 30 jours');
  expect(soon?.raw).toContain('http://sv.test/prets');

  // On the due day (or the day after, if the server was off): the second one.
  expect(await sendLoanReminders(t.database.db, { publicUrl: 'http://sv.test', asOf: day(1) })).toEqual({
    soon: 0,
    due: 1,
  });
  await send();
  const mails = await smtp.waitFor(2);
  expect(mails[1]?.raw).toMatch(/doit être rendu aujourd.hui/);
  transport?.close();
});

it('reminds nobody about a returned loan', async () => {
  const loan = await lend();
  expect((await technician.post(`/loans/${loan.id}/return`, {})).statusCode).toBe(200);
  const asOf = loan.dueOn;
  expect(await sendLoanReminders(t.database.db, { publicUrl: 'http://sv.test', asOf })).toEqual({
    soon: 0,
    due: 0,
  });
});
