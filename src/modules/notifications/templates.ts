/**
 * The e-mails the application writes, in French and English, as plain text and HTML. Parameters are
 * escaped in the HTML version; links are absolute (PUBLIC_URL).
 */
import { formatDay, instanceTimeZone } from '../../lib/dates.ts';
import type { Locale } from '../../lib/messages.ts';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export interface InvitationParams {
  name: string;
  organisationName: string;
  invitedBy: string | null;
  url: string;
  /** The last day the link works (YYYY-MM-DD). */
  expiresOn: string;
}

export interface LoanReminderParams {
  /** The referrer (the social worker who referred the borrower). */
  name: string;
  borrower: string;
  assetTag: string;
  programmeName: string;
  dueOn: string;
  /** `soon`: 30 days before the due date; `due`: the due date has come. */
  when: 'soon' | 'due';
  renewable: boolean;
  url: string;
}

export interface SessionChangeParams {
  /** The enrolled person's name. */
  name: string;
  workshopTitle: string;
  organisationName: string;
  /** The session as it was planned (ISO instants). */
  startsAt: string;
  endsAt: string;
  /** `moved`: its new time (and place); `cancelled`: the reason. */
  change:
    | { kind: 'moved'; startsAt: string; endsAt: string; place: string | null }
    | { kind: 'cancelled'; reason: string };
}

export interface MailTemplates {
  invitation: InvitationParams;
  loan_reminder: LoanReminderParams;
  session_changed: SessionChangeParams;
}
export type MailTemplate = keyof MailTemplates;

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Paragraphs of text (a link alone on its line becomes a link) as the text and HTML bodies. */
function bodies(paragraphs: string[], signature: string): { text: string; html: string } {
  const text = `${[...paragraphs, signature].join('\n\n')}\n`;
  const html = [...paragraphs, signature]
    .map((p) => {
      const escaped = escapeHtml(p).replaceAll('\n', '<br>');
      return /^https?:\/\/\S+$/.test(p)
        ? `<p><a href="${escapeHtml(p)}">${escaped}</a></p>`
        : `<p>${escaped}</p>`;
    })
    .join('\n');
  return {
    text,
    html: `<!doctype html>\n<html><body style="font-family: sans-serif; line-height: 1.5">\n${html}\n</body></html>\n`,
  };
}

/** "lundi 6 avril 2026, 09:00–12:00" / "Monday 6 April 2026, 09:00–12:00", in the instance's time zone. */
function slot(startsAt: string, endsAt: string, locale: Locale): string {
  const intl = locale === 'fr' ? 'fr-FR' : 'en-GB';
  const timeZone = instanceTimeZone();
  const dayText = new Intl.DateTimeFormat(intl, { dateStyle: 'full', timeZone }).format(new Date(startsAt));
  const time = (iso: string) =>
    new Intl.DateTimeFormat(intl, { timeStyle: 'short', timeZone }).format(new Date(iso));
  return `${dayText}, ${time(startsAt)}–${time(endsAt)}`;
}

const RENDERERS: { [T in MailTemplate]: (locale: Locale, params: MailTemplates[T]) => RenderedMail } = {
  invitation(locale, p) {
    const until = formatDay(p.expiresOn, locale);
    if (locale === 'en') {
      return {
        subject: `Your Seconde Vie account at ${p.organisationName}`,
        ...bodies(
          [
            `Hello ${p.name},`,
            `${p.invitedBy ?? 'An administrator'} has added you to ${p.organisationName} on Seconde Vie, the tool that runs the refurbished-computer programme. To choose your password and start, open this link:`,
            p.url,
            `The link works once, until ${until}. If it has expired, ask for a new one. If you were not expecting this e-mail, you can ignore it.`,
          ],
          'Seconde Vie',
        ),
      };
    }
    return {
      subject: `Votre compte Seconde Vie chez ${p.organisationName}`,
      ...bodies(
        [
          `Bonjour ${p.name},`,
          `${p.invitedBy ?? 'Un administrateur'} vous a ajouté·e à « ${p.organisationName} » sur Seconde Vie, l’outil qui gère le programme d’ordinateurs reconditionnés. Pour choisir votre mot de passe et commencer, ouvrez ce lien :`,
          p.url,
          `Le lien ne sert qu’une fois, jusqu’au ${until}. S’il a expiré, demandez-en un nouveau. Si vous n’attendiez pas ce message, ignorez-le.`,
        ],
        'Seconde Vie',
      ),
    };
  },
  loan_reminder(locale, p) {
    const due = formatDay(p.dueOn, locale);
    if (locale === 'en') {
      return {
        subject:
          p.when === 'soon'
            ? `Loan of ${p.assetTag} (${p.borrower}) ends on ${due}`
            : `Loan of ${p.assetTag} (${p.borrower}) ends today`,
        ...bodies(
          [
            `Hello ${p.name},`,
            p.when === 'soon'
              ? `The computer ${p.assetTag} lent to ${p.borrower} in the programme “${p.programmeName}” is due back on ${due}, in 30 days.`
              : `The computer ${p.assetTag} lent to ${p.borrower} in the programme “${p.programmeName}” is due back today (${due}).`,
            p.renewable
              ? 'The programme renews loans: renew it, or arrange the return with the person.'
              : 'The programme does not renew loans: arrange the return with the person.',
            p.url,
          ],
          'Seconde Vie',
        ),
      };
    }
    return {
      subject:
        p.when === 'soon'
          ? `Prêt de ${p.assetTag} (${p.borrower}) : fin le ${due}`
          : `Prêt de ${p.assetTag} (${p.borrower}) : fin aujourd’hui`,
      ...bodies(
        [
          `Bonjour ${p.name},`,
          p.when === 'soon'
            ? `L’ordinateur ${p.assetTag} prêté à ${p.borrower} dans le programme « ${p.programmeName} » doit être rendu le ${due}, dans 30 jours.`
            : `L’ordinateur ${p.assetTag} prêté à ${p.borrower} dans le programme « ${p.programmeName} » doit être rendu aujourd’hui (${due}).`,
          p.renewable
            ? 'Le programme permet de renouveler le prêt : prolongez-le, ou organisez le retour avec la personne.'
            : 'Le programme ne renouvelle pas les prêts : organisez le retour avec la personne.',
          p.url,
        ],
        'Seconde Vie',
      ),
    };
  },
  session_changed: (locale, p) => sessionChanged(locale, p),
};

function sessionChanged(locale: Locale, p: SessionChangeParams): RenderedMail {
  const before = slot(p.startsAt, p.endsAt, locale);
  const change = p.change;
  if (locale === 'en') {
    return {
      subject:
        change.kind === 'moved'
          ? `Workshop “${p.workshopTitle}”: a session moves`
          : `Workshop “${p.workshopTitle}”: a session is cancelled`,
      ...bodies(
        [
          `Hello ${p.name},`,
          change.kind === 'moved'
            ? `The session of ${before} of the workshop “${p.workshopTitle}” moves to ${slot(change.startsAt, change.endsAt, locale)}${change.place ? `, at ${change.place}` : ''}.`
            : `The session of ${before} of the workshop “${p.workshopTitle}” is cancelled: ${change.reason}`,
          'If you cannot come, please tell your trainer.',
        ],
        p.organisationName,
      ),
    };
  }
  return {
    subject:
      change.kind === 'moved'
        ? `Atelier « ${p.workshopTitle} » : une séance change d’horaire`
        : `Atelier « ${p.workshopTitle} » : une séance est annulée`,
    ...bodies(
      [
        `Bonjour ${p.name},`,
        change.kind === 'moved'
          ? `La séance du ${before} de l’atelier « ${p.workshopTitle} » est déplacée au ${slot(change.startsAt, change.endsAt, locale)}${change.place ? `, à l’adresse : ${change.place}` : ''}.`
          : `La séance du ${before} de l’atelier « ${p.workshopTitle} » est annulée : ${change.reason}`,
        'Si vous ne pouvez pas venir, prévenez votre formateur ou formatrice.',
      ],
      p.organisationName,
    ),
  };
}

export function renderMail<T extends MailTemplate>(
  template: T,
  locale: Locale,
  params: MailTemplates[T],
): RenderedMail {
  return RENDERERS[template](locale, params);
}
