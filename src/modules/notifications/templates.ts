/**
 * The e-mails the application writes, in French and English, as plain text and HTML. Parameters are
 * escaped in the HTML version; links are absolute (PUBLIC_URL).
 */
import { formatDay, instanceTimeZone } from '../../lib/dates.ts';
import { escapeHtml } from '../../lib/html.ts';
import type { Locale } from '../../lib/messages.ts';
import {
  type PortalAlreadyRegisteredParams,
  type PortalApprovedParams,
  type PortalConfirmParams,
  type PortalOrderStatusParams,
  type PortalRefusedParams,
  type PortalRegistrationPendingParams,
  portalAlreadyRegisteredMail,
  portalApprovedMail,
  portalConfirmMail,
  portalOrderStatusMail,
  portalRefusedMail,
  portalRegistrationPendingMail,
} from '../portal/mail-templates.ts';

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

export interface FollowUpInvitationParams {
  /** The person's first name (or full name); empty when unknown. */
  name: string;
  organisationName: string;
  programmeName: string;
  /** Months since the handover (3, 6, 12…). */
  months: number;
  url: string;
  /** The last day the link works (YYYY-MM-DD). */
  expiresOn: string;
  /** The second e-mail, when the first one had no answer. */
  reminder: boolean;
}

export interface FollowUpHelpParams {
  /** The addressee: the referrer, or one of the referring organisation's referral managers. */
  name: string;
  person: string;
  programmeName: string;
  months: number;
  /** Whether the person also asked for help with the computer (a maintenance ticket was opened). */
  ticketOpened: boolean;
  url: string;
}

/** `reset`: the link to choose a new password; `not_activated`: the account has no password yet. */
export type PasswordResetParams =
  | { kind: 'reset'; name: string; url: string /** How long the link works. */; minutes: number }
  | { kind: 'not_activated'; name: string };

export interface MailTemplates {
  invitation: InvitationParams;
  password_reset: PasswordResetParams;
  loan_reminder: LoanReminderParams;
  session_changed: SessionChangeParams;
  portal_confirm: PortalConfirmParams;
  portal_already_registered: PortalAlreadyRegisteredParams;
  portal_registration_pending: PortalRegistrationPendingParams;
  portal_approved: PortalApprovedParams;
  portal_refused: PortalRefusedParams;
  portal_order_status: PortalOrderStatusParams;
  follow_up_invitation: FollowUpInvitationParams;
  follow_up_help: FollowUpHelpParams;
}
export type MailTemplate = keyof MailTemplates;

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
  password_reset: (locale, p) => passwordReset(locale, p),
  portal_confirm: (locale, p) => portalConfirmMail(bodies, locale, p),
  portal_already_registered: (locale, p) => portalAlreadyRegisteredMail(bodies, locale, p),
  portal_registration_pending: (locale, p) => portalRegistrationPendingMail(bodies, locale, p),
  portal_approved: (locale, p) => portalApprovedMail(bodies, locale, p),
  portal_refused: (locale, p) => portalRefusedMail(bodies, locale, p),
  portal_order_status: (locale, p) => portalOrderStatusMail(bodies, locale, p),
  follow_up_invitation: (locale, p) => followUpInvitation(locale, p),
  follow_up_help: (locale, p) => followUpHelp(locale, p),
};

/** The reset link (or, for an account never activated, what to do instead). */
function passwordReset(locale: Locale, p: PasswordResetParams): RenderedMail {
  if (locale === 'en') {
    if (p.kind === 'not_activated') {
      return {
        subject: 'Seconde Vie: your account is not activated yet',
        ...bodies(
          [
            `Hello ${p.name},`,
            'Someone (probably you) asked to reset the password of your Seconde Vie account. Your account has no password yet: it is activated with the invitation link your organisation’s administrator sends. Ask them for a new invitation.',
            'If you did not ask for anything, you can ignore this e-mail.',
          ],
          'Seconde Vie',
        ),
      };
    }
    return {
      subject: 'Seconde Vie: choose a new password',
      ...bodies(
        [
          `Hello ${p.name},`,
          'Someone (probably you) asked to reset the password of your Seconde Vie account. To choose a new one, open this link:',
          p.url,
          `The link works once, for ${p.minutes} minutes. Choosing a new password logs your account out everywhere.`,
          'If you did not ask for anything, ignore this e-mail: your password stays as it is.',
        ],
        'Seconde Vie',
      ),
    };
  }
  if (p.kind === 'not_activated') {
    return {
      subject: 'Seconde Vie : votre compte n’est pas encore activé',
      ...bodies(
        [
          `Bonjour ${p.name},`,
          'Quelqu’un (sans doute vous) a demandé à réinitialiser le mot de passe de votre compte Seconde Vie. Votre compte n’a pas encore de mot de passe : il s’active avec le lien d’invitation envoyé par l’administrateur de votre organisation. Demandez-lui une nouvelle invitation.',
          'Si vous n’avez rien demandé, ignorez ce message.',
        ],
        'Seconde Vie',
      ),
    };
  }
  return {
    subject: 'Seconde Vie : choisissez un nouveau mot de passe',
    ...bodies(
      [
        `Bonjour ${p.name},`,
        'Quelqu’un (sans doute vous) a demandé à réinitialiser le mot de passe de votre compte Seconde Vie. Pour en choisir un nouveau, ouvrez ce lien :',
        p.url,
        `Le lien ne sert qu’une fois, pendant ${p.minutes} minutes. Choisir un nouveau mot de passe déconnecte votre compte partout.`,
        'Si vous n’avez rien demandé, ignorez ce message : votre mot de passe ne change pas.',
      ],
      'Seconde Vie',
    ),
  };
}

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

/** The person's questionnaire link: plain words, short sentences (FALC). */
function followUpInvitation(locale: Locale, p: FollowUpInvitationParams): RenderedMail {
  const until = formatDay(p.expiresOn, locale);
  if (locale === 'en') {
    return {
      subject: p.reminder
        ? `Reminder: your computer, ${p.months} months later`
        : `Your computer, ${p.months} months later: 5 short questions`,
      ...bodies(
        [
          p.name ? `Hello ${p.name},` : 'Hello,',
          `You received a computer from ${p.organisationName} ${p.months} months ago.`,
          'We would like to know how it is going. There are 5 short questions. It takes 2 minutes.',
          'Click on this link:',
          p.url,
          `The link works until ${until}. You can ask for help: tell us in the questionnaire.`,
          'Thank you!',
        ],
        p.organisationName,
      ),
    };
  }
  return {
    subject: p.reminder
      ? `Rappel : votre ordinateur, ${p.months} mois après`
      : `Votre ordinateur, ${p.months} mois après : 5 questions rapides`,
    ...bodies(
      [
        p.name ? `Bonjour ${p.name},` : 'Bonjour,',
        `Vous avez reçu un ordinateur de ${p.organisationName} il y a ${p.months} mois.`,
        'Nous voulons savoir comment ça se passe. Il y a 5 questions courtes. Cela prend 2 minutes.',
        'Cliquez sur ce lien :',
        p.url,
        `Le lien marche jusqu’au ${until}. Vous pouvez demander de l’aide : dites-le dans le questionnaire.`,
        'Merci !',
      ],
      p.organisationName,
    ),
  };
}

/** The referrer (or the referring organisation's referral managers) is told that the person asked for help. */
function followUpHelp(locale: Locale, p: FollowUpHelpParams): RenderedMail {
  if (locale === 'en') {
    return {
      // No name in the subject: it shows in notifications and inbox lists.
      subject: `A person asks to be contacted (follow-up at ${p.months} months)`,
      ...bodies(
        [
          `Hello ${p.name},`,
          `In the follow-up questionnaire at ${p.months} months of the programme “${p.programmeName}”, ${p.person} asked to be contacted by their social worker.`,
          ...(p.ticketOpened
            ? ['They also asked for help with the computer: a maintenance ticket was opened.']
            : []),
          'Please get in touch with them.',
          p.url,
        ],
        'Seconde Vie',
      ),
    };
  }
  return {
    subject: `Une personne demande à être recontactée (suivi à ${p.months} mois)`,
    ...bodies(
      [
        `Bonjour ${p.name},`,
        `Dans le questionnaire de suivi à ${p.months} mois du programme « ${p.programmeName} », ${p.person} a demandé à être recontacté·e par son travailleur social.`,
        ...(p.ticketOpened
          ? [
              'La personne a aussi demandé de l’aide pour l’ordinateur : un signalement de maintenance a été ouvert.',
            ]
          : []),
        'Merci de prendre contact avec elle.',
        p.url,
      ],
      'Seconde Vie',
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
