/** The demo's association portal: a verified association logs in and finds its orders at each stage. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { DEMO_PASSWORD } from '../../demo/demo.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

it('shows the demo’s registrations to the programme owner and the verified association its orders', async () => {
  const loaded = await (await t.admin()).post('/demo');
  expect(loaded.statusCode, loaded.body).toBe(201);
  expect(loaded.json().accounts.map((a: { email: string }) => a.email)).toContain(
    'presidente@entraide-giennois.example',
  );
  const association = await t.login('presidente@entraide-giennois.example', DEMO_PASSWORD);
  const [membership] = (await association.get('/portal/memberships')).json();
  expect(membership).toMatchObject({
    programmeName: expect.stringMatching(/^Prêt solidaire aux associations/),
    organisationName: 'Entraide Numérique du Giennois',
  });
  const orders = (await association.get('/portal/orders')).json().items;
  expect(orders.map((o: { status: string }) => o.status).sort()).toEqual([
    'approved',
    'handed_over',
    'submitted',
  ]);
  const handed = orders.find((o: { status: string }) => o.status === 'handed_over');
  expect(handed.devices[0]).toMatchObject({ status: 'handed_over', loanDueOn: expect.any(String) });
  const catalogue = (await association.get(`/portal/programmes/${membership.programmeId}/catalogue`)).json();
  expect(catalogue.limits).toMatchObject({ devicesThisYear: 3, openOrders: 2 });

  const director = await t.login('direction.ccas@saint-aubin.example', DEMO_PASSWORD);
  const registrations = (
    await director.get(`/programmes/${membership.programmeId}/association-registrations`)
  ).json().items;
  expect(registrations.map((r: { status: string }) => r.status).sort()).toEqual([
    'approved',
    'pending',
    'refused',
  ]);
  const settings = (await director.get(`/programmes/${membership.programmeId}/portal`)).json();
  expect(settings).toMatchObject({ open: true, accepts: true });
  expect((await t.anonymous.get(`/public/portal/programmes/${membership.programmeId}`)).statusCode).toBe(200);
}, 120_000);
