import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../lib/messages.ts';
import { type MailTemplates, renderMail } from './templates.ts';

/** Every mail, with `text` in each value people type (names, titles, reasons, notes) and in its link. */
function everyMail(text: string): { [T in keyof MailTemplates]: MailTemplates[T][] } {
  const url = `https://example.org/x?q=${text}`;
  const startsAt = '2026-04-06T07:00:00.000Z';
  const endsAt = '2026-04-06T10:00:00.000Z';
  const portal = { name: text, associationName: text, programmeName: text, organisationName: text, url };
  return {
    invitation: [{ name: text, organisationName: text, invitedBy: text, url, expiresOn: '2026-05-01' }],
    password_reset: [
      { kind: 'reset', name: text, url, minutes: 60 },
      { kind: 'not_activated', name: text },
    ],
    loan_reminder: [
      {
        name: text,
        borrower: text,
        assetTag: text,
        programmeName: text,
        dueOn: '2026-05-01',
        when: 'soon',
        renewable: true,
        url,
      },
    ],
    session_changed: [
      {
        name: text,
        workshopTitle: text,
        organisationName: text,
        startsAt,
        endsAt,
        change: { kind: 'moved', startsAt, endsAt, place: text },
      },
      {
        name: text,
        workshopTitle: text,
        organisationName: text,
        startsAt,
        endsAt,
        change: { kind: 'cancelled', reason: text },
      },
    ],
    portal_confirm: [portal],
    portal_already_registered: [{ ...portal, status: 'pending' }],
    portal_registration_pending: [{ name: text, associationName: text, programmeName: text, url }],
    portal_approved: [{ ...portal, kind: 'invitation', expiresOn: '2026-05-01' }],
    portal_refused: [{ ...portal, reason: text }],
    portal_order_status: [
      {
        name: text,
        number: text,
        associationName: text,
        programmeName: text,
        status: 'refused',
        note: text,
        forOwner: false,
        url,
      },
    ],
    follow_up_invitation: [
      {
        name: text,
        organisationName: text,
        programmeName: text,
        months: 3,
        url,
        expiresOn: '2026-05-01',
        reminder: false,
      },
    ],
    follow_up_help: [{ name: text, person: text, programmeName: text, months: 6, ticketOpened: true, url }],
  };
}

function renderAll(text: string): { template: string; html: string; text: string }[] {
  const mails: { template: string; html: string; text: string }[] = [];
  for (const locale of LOCALES) {
    for (const [template, variants] of Object.entries(everyMail(text))) {
      for (const params of variants) {
        // biome-ignore lint/suspicious/noExplicitAny: each template's params come from the typed table above
        const mail = renderMail(template as keyof MailTemplates, locale, params as any);
        mails.push({ template: `${template} (${locale})`, html: mail.html, text: mail.text });
      }
    }
  }
  return mails;
}

/** The markup the templates write themselves; anything else in angle brackets came from a value. */
const OWN_MARKUP = /<!doctype html>|<\/?html>|<body[^>]*>|<\/body>|<\/?p>|<br>|<a href="[^"<>]*">|<\/a>/g;

describe('HTML e-mails', () => {
  it('escape a <script> typed in any name, title, reason or note, in every template and language', () => {
    const mails = renderAll('<script>alert(1)</script>');
    expect(mails.length).toBeGreaterThanOrEqual(28);
    for (const mail of mails) {
      expect(mail.html, mail.template).not.toMatch(/<script/i);
      expect(mail.html, mail.template).toContain('&lt;script&gt;');
      // The text part keeps what was typed: a text e-mail is never rendered as HTML.
      expect(mail.text, mail.template).toContain('<script>alert(1)</script>');
    }
  });

  it('never let a value open a tag or an attribute, whatever it holds', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.constantFrom(
            '"><img src=x onerror=alert(1)>',
            "' onmouseover='alert(1)",
            '</p><a href=javascript:x>',
          ),
        ),
        (value) => {
          for (const mail of renderAll(value)) {
            expect(mail.html.replace(OWN_MARKUP, ''), mail.template).not.toMatch(/[<>]/);
          }
        },
      ),
      { numRuns: 60, seed: 7 },
    );
  });
});
