import { createHash } from 'node:crypto';
import type { Locale } from '../../../lib/messages.ts';
import {
  addPageNumbers,
  createPdf,
  FONTS,
  formatDay,
  type PdfDocument,
  pdfToBuffer,
} from '../../../lib/pdf.ts';
import { COLORS, ensureSpace, fields, heading, present, textBox } from '../../programmes/documents/common.ts';
import { deviceTypeLabel, t } from './texts.ts';
import type { DocumentBase, DocumentDevice, Party } from './types.ts';

/**
 * Layout shared by the distribution documents: an A4 page headed by the issuing organisation, the title, the
 * number and the date; the parties side by side; the device; signature boxes; page numbers. The flowing text
 * (headings, paragraphs, bullets, label–value lines) uses the programme documents' helpers.
 */

export {
  bullet,
  ensureSpace,
  fields,
  heading,
  paragraph,
  present,
  textBox,
} from '../../programmes/documents/common.ts';
export { COLORS };

/** Body text size: read by the households themselves, printed on A4. */
export const BODY = 11;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** An amount in cents, in euros with its cents: "130,00 €" / "€130.00". */
export function euros(cents: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    style: 'currency',
    currency: 'EUR',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(cents / 100);
}

/** A calendar day in words: "25 novembre 2026". */
export const day = (value: string, locale: Locale): string => formatDay(value, locale);

/**
 * Sets the document's creation date to `isoDay` (YYYY-MM-DD, at midday UTC so that it reads the same in any
 * viewer's time zone) and derives the file identifier from the metadata, so that the same input gives the
 * same bytes (a reprint is the same file, and can be compared or hashed). Call it right after `createPdf`.
 */
export function fixCreation(doc: PdfDocument, isoDay: string, what = 'day'): void {
  const match = DAY.exec(isoDay);
  if (!match) throw new RangeError(`${what} must be a YYYY-MM-DD day, got ${isoDay}`);
  doc.info.CreationDate = new Date(
    Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12, 0, 0),
  );
  // pdfkit derives the file identifier (trailer /ID) from the clock when the document is created; derive it
  // again from the fixed metadata, or two renders of the same input would differ there.
  const info = Object.entries(doc.info)
    .map(([key, value]) => `${key}: ${value instanceof Date ? value.toISOString() : String(value)}`)
    .join('\n');
  (doc as unknown as { _id: Uint8Array })._id = createHash('md5').update(info).digest();
}

/** A new A4 document whose creation date is the document's day (see `fixCreation`). */
export function createDocumentPdf(input: DocumentBase, title: string, locale: Locale): PdfDocument {
  const doc = createPdf({
    title: `${title} — ${input.number}`,
    subject: input.programmeName,
    author: input.issuer.name,
    locale,
    margins: { top: 42, bottom: 46, left: 54, right: 54 },
  });
  fixCreation(doc, input.issuedOn, 'issuedOn');
  return doc;
}

/** Page numbers with the document's title, number and issuer on every page, then the bytes. */
export function finishDocument(
  doc: PdfDocument,
  input: DocumentBase,
  title: string,
  locale: Locale,
): Promise<Buffer> {
  addPageNumbers(doc, {
    left: t(locale, 'common.footer', { title, number: input.number, issuer: input.issuer.name }),
    fontSize: 8,
  });
  return pdfToBuffer(doc);
}

/** The lines that identify an organisation under its name: SIRET, RNA, postcode and town. */
export function partyDetails(locale: Locale, party: Party): string[] {
  const town = [party.postcode, party.city].filter(present).join(' ');
  return [
    present(party.siret) ? t(locale, 'common.siret', { siret: party.siret }) : null,
    present(party.rna) ? t(locale, 'common.rna', { rna: party.rna }) : null,
    town || null,
  ].filter(present);
}

/** "69007 Lyon", or nothing. */
export function townOf(place: { postcode?: string | null; city?: string | null }): string {
  return [place.postcode, place.city].filter(present).join(' ');
}

/**
 * The head of the first page: the issuing organisation (name and identifiers), the title, the number and
 * date, and the programme.
 */
export function drawDocumentHeader(
  doc: PdfDocument,
  input: DocumentBase,
  title: string,
  locale: Locale,
): void {
  const { left, width: fullWidth } = textBox(doc);
  const top = doc.page.margins.top;
  // The logo on the right of the issuer's name, at most 130 × 48 points, its proportions kept.
  const logo = input.issuer.logo ? { width: 130, height: 48 } : null;
  if (logo && input.issuer.logo) {
    doc.image(input.issuer.logo, left + fullWidth - logo.width, top, {
      fit: [logo.width, logo.height],
      align: 'right',
    });
  }
  const width = logo ? fullWidth - logo.width - 12 : fullWidth;
  doc.font(FONTS.bold).fontSize(12).fillColor(COLORS.text).text(input.issuer.name, left, top, { width });
  const details = partyDetails(locale, input.issuer);
  if (details.length > 0)
    doc
      .font(FONTS.regular)
      .fontSize(9)
      .fillColor(COLORS.muted)
      .text(details.join(' · '), left, doc.y + 1, { width });
  if (logo) doc.y = Math.max(doc.y, top + logo.height);
  doc
    .font(FONTS.bold)
    .fontSize(19)
    .fillColor(COLORS.text)
    .text(title, left, doc.y + 10, { width: fullWidth });
  doc
    .font(FONTS.regular)
    .fontSize(10)
    .fillColor(COLORS.muted)
    .text(
      `${t(locale, 'common.number', { number: input.number })} — ${t(locale, 'common.issued_on', { date: day(input.issuedOn, locale) })}`,
      left,
      doc.y + 3,
      { width: fullWidth },
    )
    .text(t(locale, 'common.programme', { programme: input.programmeName }), left, doc.y + 1, {
      width: fullWidth,
    });
  const y = doc.y + 6;
  doc
    .save()
    .moveTo(left, y)
    .lineTo(left + fullWidth, y)
    .lineWidth(0.6)
    .strokeColor(COLORS.line)
    .stroke()
    .restore();
  doc.fillColor(COLORS.text).font(FONTS.regular);
  doc.x = left;
  doc.y = y + 10;
}

export interface PartyColumn {
  title: string;
  name: string;
  details: string[];
}

/** Two parties side by side (who gives, who receives): a bold title, the name, then identifying lines. */
export function drawParties(doc: PdfDocument, parties: readonly [PartyColumn, PartyColumn]): void {
  const { left, width } = textBox(doc);
  const gap = 20;
  const column = (width - gap) / 2;
  const heightOf = (party: PartyColumn) => {
    doc.font(FONTS.bold).fontSize(10);
    let height = doc.heightOfString(party.title, { width: column }) + 3;
    doc.font(FONTS.bold).fontSize(BODY);
    height += doc.heightOfString(party.name, { width: column });
    doc.font(FONTS.regular).fontSize(10);
    for (const line of party.details) height += doc.heightOfString(line, { width: column }) + 1;
    return height;
  };
  ensureSpace(doc, Math.max(...parties.map(heightOf)));
  const top = doc.y;
  let bottom = top;
  parties.forEach((party, i) => {
    const x = left + i * (column + gap);
    doc.font(FONTS.bold).fontSize(10).fillColor(COLORS.heading).text(party.title, x, top, { width: column });
    doc
      .font(FONTS.bold)
      .fontSize(BODY)
      .fillColor(COLORS.text)
      .text(party.name, x, doc.y + 3, { width: column });
    doc.font(FONTS.regular).fontSize(10).fillColor(COLORS.muted);
    for (const line of party.details) doc.text(line, x, doc.y + 1, { width: column });
    bottom = Math.max(bottom, doc.y);
  });
  doc.fillColor(COLORS.text).font(FONTS.regular);
  doc.x = left;
  doc.y = bottom + 14;
}

/** A section heading, kept with `keepWith` points of what follows. */
export function section(doc: PdfDocument, text: string, keepWith = 40): void {
  heading(doc, text, { fontSize: 12, keepWith });
}

/** The device: type in words, make and model, serial number, asset tag. */
export function drawDevice(doc: PdfDocument, device: DocumentDevice, locale: Locale): void {
  const none = t(locale, 'common.none');
  const brandModel = [device.brand, device.model].filter(present).join(' ');
  section(doc, t(locale, 'device.heading'), 80);
  fields(
    doc,
    [
      [t(locale, 'device.type'), deviceTypeLabel(locale, device.type)],
      [t(locale, 'device.brand_model'), brandModel || none],
      [t(locale, 'device.serial'), present(device.serialNumber) ? device.serialNumber : none],
      [t(locale, 'device.asset_tag'), device.assetTag],
    ],
    { labelWidth: 140, fontSize: BODY },
  );
  doc.y += 8;
}

export interface SignatureBox {
  title: string;
  /** Who signs: a person, or the organisation whose signatory writes their name and position. */
  name: string;
  /** Ask the signatory's name and position (someone signing for an organisation). */
  signatory?: boolean;
  /** A signature drawn on a tablet at the handover (PNG), placed in the box. */
  image?: Buffer | null;
}

const SIGNATURE_BOX_HEIGHT = 88;

/**
 * The height of the signature block, for a last clause to move with it: signatures alone on a page would not
 * show what was signed.
 */
export function signaturesHeight(options: { placeAndDate?: boolean } = {}): number {
  return (options.placeAndDate ? 30 : 4) + SIGNATURE_BOX_HEIGHT + 8;
}

/**
 * Boxes to sign in, side by side, kept together on one page; "Fait à ____, le ____" above them when asked.
 */
export function drawSignatures(
  doc: PdfDocument,
  locale: Locale,
  boxes: readonly SignatureBox[],
  options: { placeAndDate?: boolean } = {},
): void {
  const { left, width } = textBox(doc);
  const gap = 20;
  const boxWidth = (width - gap * (boxes.length - 1)) / boxes.length;
  ensureSpace(doc, signaturesHeight(options));
  doc.y += 4;
  if (options.placeAndDate) {
    doc
      .font(FONTS.regular)
      .fontSize(BODY)
      .fillColor(COLORS.text)
      .text(t(locale, 'common.place_and_date'), left, doc.y, { width });
    doc.y += 10;
  }
  const top = doc.y;
  boxes.forEach((box, i) => {
    const x = left + i * (boxWidth + gap);
    doc
      .save()
      .rect(x, top, boxWidth, SIGNATURE_BOX_HEIGHT)
      .lineWidth(0.6)
      .strokeColor(COLORS.line)
      .stroke()
      .restore();
    const inner = boxWidth - 16;
    doc
      .font(FONTS.bold)
      .fontSize(10.5)
      .fillColor(COLORS.text)
      .text(box.title, x + 8, top + 7, { width: inner });
    doc
      .font(FONTS.regular)
      .fontSize(10)
      .text(box.name, x + 8, doc.y + 2, { width: inner, height: 26, ellipsis: true });
    if (box.signatory)
      doc
        .fillColor(COLORS.muted)
        .fontSize(9)
        .text(t(locale, 'common.signature_name'), x + 8, doc.y + 4, { width: inner });
    doc
      .fillColor(COLORS.muted)
      .fontSize(9)
      .text(t(locale, 'common.signature'), x + 8, doc.y + 4, { width: inner });
    if (box.image) {
      const imageTop = doc.y + 2;
      const height = top + SIGNATURE_BOX_HEIGHT - 4 - imageTop;
      if (height > 12) doc.image(box.image, x + 8, imageTop, { fit: [inner, height] });
    }
  });
  doc.fillColor(COLORS.text).font(FONTS.regular);
  doc.x = left;
  doc.y = top + SIGNATURE_BOX_HEIGHT + 8;
}
