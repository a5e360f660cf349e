import type { Locale } from '../../../lib/messages.ts';
import { addPageNumbers, createPdf, FONTS, mm, type PdfDocument, pdfToBuffer } from '../../../lib/pdf.ts';
import { COLORS, fields, present, textBox } from '../../programmes/documents/common.ts';

/** What the sign-in sheet of a session prints, already read from the database. */
export interface SignInSheetInput {
  organisation: { name: string; city?: string | null };
  workshopTitle: string;
  programmeName: string | null;
  trainerName: string | null;
  startsAt: Date;
  endsAt: Date;
  place: string | null;
  /** Names of the enrolled people, in the order to print. */
  names: string[];
  /** Empty rows left for people who come without being enrolled. */
  blankRows: number;
  timeZone: string;
}

const TEXTS = {
  fr: {
    title: 'Feuille d’émargement',
    workshop: 'Atelier',
    programme: 'Programme',
    date: 'Date',
    time: 'Horaire',
    place: 'Lieu',
    trainer: 'Formateur·rice',
    blank: '____________________',
    intro:
      'Chaque participant·e signe en face de son nom. Les lignes vides servent aux personnes non inscrites.',
    index: 'N°',
    name: 'Nom',
    signature: 'Signature',
    trainerSignature: 'Signature du formateur ou de la formatrice :',
    footer: 'Feuille d’émargement — {title} — {date}',
  },
  en: {
    title: 'Sign-in sheet',
    workshop: 'Workshop',
    programme: 'Programme',
    date: 'Date',
    time: 'Time',
    place: 'Place',
    trainer: 'Trainer',
    blank: '____________________',
    intro: 'Each participant signs next to their name. The blank rows are for people who were not enrolled.',
    index: 'No.',
    name: 'Name',
    signature: 'Signature',
    trainerSignature: 'Trainer’s signature:',
    footer: 'Sign-in sheet — {title} — {date}',
  },
} as const;

const ROW_HEIGHT = mm(11);
const PADDING = 5;

function formatted(
  date: Date,
  locale: Locale,
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { ...options, timeZone }).format(date);
}

function drawHeader(
  doc: PdfDocument,
  locale: Locale,
  columns: { lefts: number[]; widths: number[] },
  y: number,
): number {
  const t = TEXTS[locale];
  const { left, width } = textBox(doc);
  const height = 18;
  doc.save().rect(left, y, width, height).fill('#e4e4e4').restore();
  doc.font(FONTS.bold).fontSize(9.5).fillColor(COLORS.text);
  [t.index, t.name, t.signature].forEach((text, i) => {
    doc.text(text, (columns.lefts[i] ?? 0) + PADDING, y + 4, {
      width: (columns.widths[i] ?? 0) - 2 * PADDING,
    });
  });
  drawGrid(doc, columns, y, height);
  return y + height;
}

function drawGrid(
  doc: PdfDocument,
  columns: { lefts: number[]; widths: number[] },
  top: number,
  height: number,
): void {
  const { left, width } = textBox(doc);
  doc.save().lineWidth(0.6).strokeColor('#8a8a8a').rect(left, top, width, height);
  for (const x of columns.lefts.slice(1)) doc.moveTo(x, top).lineTo(x, top + height);
  doc.stroke().restore();
}

/**
 * The sign-in sheet (« feuille d'émargement ») of one session, to print and sign: the organisation, the
 * workshop, the day, time and place, then one row per enrolled person with room to sign and blank rows for
 * walk-ins, the header repeated on each page, and the trainer's signature at the end.
 */
export async function signInSheetPdf(input: SignInSheetInput, locale: Locale): Promise<Buffer> {
  const t = TEXTS[locale];
  const dayText = formatted(input.startsAt, locale, input.timeZone, { dateStyle: 'full' });
  const time = (d: Date) => formatted(d, locale, input.timeZone, { timeStyle: 'short' });
  const doc = createPdf({
    title: `${t.title} — ${input.workshopTitle} — ${dayText}`,
    subject: input.workshopTitle,
    author: input.organisation.name,
    locale,
    margins: { top: 40, bottom: 46, left: 46, right: 46 },
  });
  doc.info.CreationDate = input.startsAt;
  const { left, width } = textBox(doc);
  doc
    .font(FONTS.bold)
    .fontSize(12)
    .fillColor(COLORS.text)
    .text(input.organisation.name, left, doc.page.margins.top, { width });
  if (present(input.organisation.city)) {
    doc
      .font(FONTS.regular)
      .fontSize(9)
      .fillColor(COLORS.muted)
      .text(input.organisation.city, left, doc.y + 1, { width });
  }
  doc
    .font(FONTS.bold)
    .fontSize(19)
    .fillColor(COLORS.text)
    .text(t.title, left, doc.y + 8, { width });
  doc.y += 6;
  const rows: [string, string][] = [[t.workshop, input.workshopTitle]];
  if (present(input.programmeName)) rows.push([t.programme, input.programmeName]);
  rows.push([t.date, dayText], [t.time, `${time(input.startsAt)} – ${time(input.endsAt)}`]);
  rows.push([t.place, present(input.place) ? input.place : t.blank]);
  rows.push([t.trainer, present(input.trainerName) ? input.trainerName : t.blank]);
  fields(doc, rows, { labelWidth: 110, fontSize: 10.5, gap: 2 });
  doc.y += 4;
  doc.font(FONTS.regular).fontSize(9).fillColor(COLORS.muted).text(t.intro, left, doc.y, { width });
  doc.y += 6;

  const indexWidth = 34;
  const nameWidth = (width - indexWidth) * 0.5;
  const widths = [indexWidth, nameWidth, width - indexWidth - nameWidth];
  const columns = {
    widths,
    lefts: widths.map((_, i) => left + widths.slice(0, i).reduce((s, w) => s + w, 0)),
  };
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  let y = drawHeader(doc, locale, columns, doc.y);
  const all = [...input.names, ...Array.from({ length: input.blankRows }, () => '')];
  all.forEach((name, i) => {
    if (y + ROW_HEIGHT > bottom()) {
      doc.addPage();
      y = drawHeader(doc, locale, columns, doc.page.margins.top);
    }
    doc.font(FONTS.regular).fontSize(10).fillColor(COLORS.text);
    doc.text(String(i + 1), (columns.lefts[0] ?? 0) + PADDING, y + PADDING + 3, {
      width: indexWidth - 2 * PADDING,
      align: 'right',
    });
    if (name) {
      doc.text(name, (columns.lefts[1] ?? 0) + PADDING, y + PADDING + 3, {
        width: nameWidth - 2 * PADDING,
        height: ROW_HEIGHT - 2 * PADDING,
        ellipsis: true,
      });
    }
    drawGrid(doc, columns, y, ROW_HEIGHT);
    y += ROW_HEIGHT;
  });
  if (y + 60 > bottom()) {
    doc.addPage();
    y = doc.page.margins.top;
  }
  doc
    .font(FONTS.regular)
    .fontSize(10.5)
    .fillColor(COLORS.text)
    .text(t.trainerSignature, left, y + 16, { width });
  doc
    .save()
    .rect(left + width - 220, y + 12, 220, 48)
    .lineWidth(0.6)
    .strokeColor(COLORS.line)
    .stroke()
    .restore();
  addPageNumbers(doc, {
    left: t.footer.replace('{title}', input.workshopTitle).replace('{date}', dayText),
    fontSize: 8,
  });
  return pdfToBuffer(doc);
}
