/**
 * The follow-up letter, for a person without e-mail: plain words (FALC: short sentences, one idea per
 * line), the questionnaire's link written out and as a QR code to scan with a phone.
 */
import { formatDay } from '../../lib/dates.ts';
import type { Locale } from '../../lib/messages.ts';
import { createPdf, drawQrCode, FONTS, mm, pdfToBuffer } from '../../lib/pdf.ts';
import type { LetterData } from './staff.ts';

const TEXTS = {
  fr: {
    title: 'Votre ordinateur : donnez-nous votre avis',
    hello: (name: string) => (name ? `Bonjour ${name},` : 'Bonjour,'),
    lines: (d: LetterData) => [
      `Vous avez reçu un ordinateur de ${d.organisationName} il y a ${d.months} mois.`,
      'Nous voulons savoir comment ça se passe.',
      'Il y a 5 questions courtes. Cela prend 2 minutes.',
      'Vous pouvez répondre avec votre téléphone ou avec l’ordinateur.',
    ],
    scan: 'Avec un téléphone : scannez ce carré.',
    type: 'Ou tapez cette adresse dans le navigateur :',
    until: (day: string) => `Le lien marche jusqu’au ${day}.`,
    help: 'Besoin d’aide ? Dites-le dans le questionnaire, ou appelez la personne qui vous suit.',
    thanks: 'Merci !',
  },
  en: {
    title: 'Your computer: tell us what you think',
    hello: (name: string) => (name ? `Hello ${name},` : 'Hello,'),
    lines: (d: LetterData) => [
      `You received a computer from ${d.organisationName} ${d.months} months ago.`,
      'We want to know how it is going.',
      'There are 5 short questions. It takes 2 minutes.',
      'You can answer with your phone or with the computer.',
    ],
    scan: 'With a phone: scan this square.',
    type: 'Or type this address in the browser:',
    until: (day: string) => `The link works until ${day}.`,
    help: 'Need help? Say so in the questionnaire, or call the person who follows you.',
    thanks: 'Thank you!',
  },
} as const;

/** The letter as a one-page PDF in the caller's language. */
export async function followUpLetterPdf(data: LetterData, locale: Locale): Promise<Buffer> {
  const t = TEXTS[locale];
  const doc = createPdf({ title: t.title, locale, margins: mm(22), author: data.organisationName });
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  doc.font(FONTS.bold).fontSize(11).text(data.organisationName, { width });
  doc.font(FONTS.regular).fontSize(10).text(data.programmeName, { width }).moveDown(2);
  doc.font(FONTS.bold).fontSize(18).text(t.title, { width }).moveDown(1);
  doc.font(FONTS.regular).fontSize(14).text(t.hello(data.personName), { width }).moveDown(0.6);
  for (const line of t.lines(data)) doc.text(line, { width }).moveDown(0.4);
  doc.moveDown(0.8);
  doc.font(FONTS.bold).text(t.scan, { width });
  const side = mm(45);
  const top = doc.y + 8;
  drawQrCode(doc, data.url, doc.page.margins.left + 8, top, side);
  doc.y = top + side + 16;
  doc.x = doc.page.margins.left;
  doc.font(FONTS.regular).fontSize(13).text(t.type, { width });
  doc.font(FONTS.mono).fontSize(11).text(data.url, { width }).moveDown(0.6);
  doc
    .font(FONTS.regular)
    .fontSize(13)
    .text(t.until(formatDay(data.expiresOn, locale)), { width })
    .moveDown(0.6);
  doc.text(t.help, { width }).moveDown(0.6);
  doc.text(t.thanks, { width });
  return pdfToBuffer(doc);
}
