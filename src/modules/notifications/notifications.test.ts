import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp, unique } from '../../../test/support/app.ts';
import { startSmtpServer } from '../../../test/support/smtp.ts';
import { deliverDue, queueMail } from './outbox.ts';
import { outbox as outboxTable } from './schema.ts';

describe('with SMTP_URL: invitations go out by e-mail', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let admin: ApiClient;
  let organisation: { id: string; name: string };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ SMTP_URL: smtp.url, MAIL_FROM: 'Seconde Vie <contact@seconde-vie.example>' });
    organisation = await t.buildOrganisation({ name: unique('CCAS de Gien ') });
    admin = (await t.member(organisation.id, 'admin')).client;
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('sends the invitation link to a member added without a password, in French, text and HTML', async () => {
    const email = `${unique('benevole')}@example.org`;
    const res = await admin.post(`/organisations/${organisation.id}/members`, {
      email,
      name: 'Inès Benali',
      role: 'social_worker',
    });
    expect(res.statusCode).toBe(201);
    const link: string = res.json().invitation.url;
    const [mail] = await smtp.waitFor(1);
    expect(mail?.to).toEqual([email]);
    expect(mail?.from).toBe('contact@seconde-vie.example');
    expect(mail?.raw).toContain('Bonjour Inès Benali,');
    expect(mail?.raw).toContain(link);
    expect(mail?.raw).toContain(`href="${link}"`);
    expect(mail?.raw).toMatch(/Content-Type: text\/plain/);
    expect(mail?.raw).toMatch(/Content-Type: text\/html/);
    // The outbox says it was sent — once the server's answer reached the sender, a moment after the
    // mail itself arrived.
    let outbox = (await admin.get('/outbox')).json().items;
    for (let tries = 0; outbox[0]?.status !== 'sent' && tries < 100; tries++) {
      await new Promise((r) => setTimeout(r, 50));
      outbox = (await admin.get('/outbox')).json().items;
    }
    expect(outbox[0]).toMatchObject({
      toAddress: email,
      template: 'invitation',
      status: 'sent',
      attempts: 1,
    });
    // Sent: the table keeps the mail with the link cut, for every reader and every backup.
    const token = link.split('/').at(-1) ?? '';
    const [row] = await t.database.db.select().from(outboxTable).where(eq(outboxTable.id, outbox[0].id));
    expect(`${row?.textBody}${row?.htmlBody}`).not.toContain(token);
    expect(row?.textBody).toContain('/invitation/…');
    // A new link is a new mail.
    const userId = res.json().userId;
    await admin.post(`/organisations/${organisation.id}/members/${userId}/invitation`);
    const mails = await smtp.waitFor(2);
    expect(mails[1]?.raw).not.toContain(link);
  });

  it('writes nothing when the change is refused', async () => {
    const before = (await admin.get('/outbox?limit=500')).json().items.length;
    const res = await admin.post(`/organisations/${organisation.id}/members`, {
      email: 'not an address',
      name: 'X',
      role: 'viewer',
    });
    expect(res.statusCode).toBe(400);
    expect((await admin.get('/outbox?limit=500')).json().items.length).toBe(before);
  });
});

describe('without SMTP_URL: mails wait in the outbox for administrators', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("keeps each mail for the organisation's administrators and platform administrators, and nobody else", async () => {
    const a = await t.buildOrganisation();
    const b = await t.buildOrganisation();
    const adminA = (await t.member(a.id, 'admin')).client;
    const adminB = (await t.member(b.id, 'admin')).client;
    const managerA = (await t.member(a.id, 'manager')).client;
    const email = `${unique('new')}@example.org`;
    await adminA.post(`/organisations/${a.id}/members`, { email, name: 'Jules Morel', role: 'viewer' });
    await deliverDue(t.database.db, null, 'Seconde Vie <no-reply@localhost>');
    const list = (await adminA.get('/outbox')).json().items;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ toAddress: email, status: 'stored', organisationId: a.id });
    expect(list[0].textBody).toBeUndefined();
    const mail = (await adminA.get(`/outbox/${list[0].id}`)).json();
    expect(mail.textBody).toContain('Bonjour Jules Morel,');
    expect(mail.htmlBody).toContain('<a href="http://localhost:3999/invitation/…">');
    // Another organisation's administrator neither lists nor reads it; a manager has no outbox.
    expect((await adminB.get('/outbox')).json().items).toEqual([]);
    expect((await adminB.get(`/outbox/${list[0].id}`)).statusCode).toBe(404);
    expect((await managerA.get('/outbox')).statusCode).toBe(403);
    const platform = await t.admin();
    const full = (await platform.get(`/outbox/${list[0].id}`)).json();
    // Stored, the mail is the link's only carrier: the platform administrator passes it on by hand.
    expect(full.textBody).toMatch(/\/invitation\/[A-Za-z0-9_-]{20,}/);
    // An organisation's administrator reads the mail, but not the live link (it opens an account).
    expect(mail.textBody).toContain('/invitation/…');
    expect(mail.textBody).not.toMatch(/\/invitation\/[A-Za-z0-9_-]{20,}/);
  });

  it("shows an organisation's administrator no token-bearing link: questionnaire, portal confirmation", async () => {
    const a = await t.buildOrganisation();
    const adminA = (await t.member(a.id, 'admin')).client;
    const questionnaireToken = 'a1'.repeat(20);
    const confirmationToken = 'b2'.repeat(20);
    const followUp = await queueMail(t.database.db, {
      to: `${unique('person')}@example.org`,
      template: 'follow_up_invitation',
      locale: 'fr',
      organisationId: a.id,
      params: {
        name: 'Léa',
        organisationName: 'CCAS',
        programmeName: 'Ordi solidaire',
        months: 3,
        url: `http://localhost:3999/suivi/${questionnaireToken}`,
        expiresOn: '2030-01-01',
        reminder: false,
      },
    });
    const confirmation = await queueMail(t.database.db, {
      to: `${unique('asso')}@example.org`,
      template: 'portal_confirm',
      locale: 'en',
      organisationId: a.id,
      params: {
        name: 'Marie',
        associationName: 'Entraide',
        programmeName: 'Prêt solidaire',
        organisationName: 'CCAS',
        url: `http://localhost:3999/associations/confirmer/${confirmationToken}`,
      },
    });
    const platform = await t.admin();
    for (const [id, path, token] of [
      [followUp, '/suivi/', questionnaireToken],
      [confirmation, '/associations/confirmer/', confirmationToken],
    ] as const) {
      const mail = (await adminA.get(`/outbox/${id}`)).json();
      expect(mail.textBody).toContain(`http://localhost:3999${path}…`);
      expect(mail.htmlBody).toContain(`<a href="http://localhost:3999${path}…">`);
      expect(`${mail.textBody}${mail.htmlBody}`).not.toContain(token);
      // The platform administrator (who runs delivery) still reads the whole mail.
      expect((await platform.get(`/outbox/${id}`)).json().textBody).toContain(token);
    }
  });

  it('escapes what people typed in the HTML version', async () => {
    const a = await t.buildOrganisation();
    const adminA = (await t.member(a.id, 'admin')).client;
    await adminA.post(`/organisations/${a.id}/members`, {
      email: `${unique('x')}@example.org`,
      name: '<script>alert(1)</script>',
      role: 'viewer',
    });
    const [summary] = (await adminA.get('/outbox')).json().items;
    const mail = (await adminA.get(`/outbox/${summary.id}`)).json();
    expect(mail.htmlBody).not.toContain('<script>');
    expect(mail.htmlBody).toContain('&lt;script&gt;');
  });
});

describe('delivery', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('tries again later when the SMTP server is unreachable, then gives up after five attempts', async () => {
    const a = await t.buildOrganisation();
    const adminA = (await t.member(a.id, 'admin')).client;
    // Written directly (not through a route, which would wake the app's own worker).
    await queueMail(t.database.db, {
      to: `${unique('y')}@example.org`,
      template: 'invitation',
      locale: 'en',
      organisationId: a.id,
      params: {
        name: 'Yves',
        organisationName: 'A',
        invitedBy: null,
        url: 'http://x/1',
        expiresOn: '2026-12-01',
      },
    });
    const nodemailer = (await import('nodemailer')).default;
    // Port 9 on loopback: nothing listens there.
    const dead = nodemailer.createTransport({ host: '127.0.0.1', port: 9, connectionTimeout: 500 });
    let now = new Date();
    await deliverDue(t.database.db, dead, 'x@localhost', now);
    let [mail] = (await adminA.get('/outbox')).json().items;
    expect(mail).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: expect.stringMatching(/^E[A-Z]+$/),
    });
    for (let attempt = 2; attempt <= 5; attempt++) {
      now = new Date(now.getTime() + attempt * attempt * 60_000 + 1000);
      await deliverDue(t.database.db, dead, 'x@localhost', now);
    }
    [mail] = (await adminA.get('/outbox')).json().items;
    expect(mail).toMatchObject({ status: 'failed', attempts: 5 });
  });
});
