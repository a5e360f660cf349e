import type { Locale } from '../../../lib/messages.ts';
import {
  createPdf,
  drawQrCode,
  FONTS,
  fitText,
  mm,
  type PdfDocument,
  pdfToBuffer,
} from '../../../lib/pdf.ts';
import type { DeviceType } from '../device-fields.ts';
import { COLORS } from './common.ts';
import { t, typeLabel } from './texts.ts';

export interface LabelData {
  assetTag: string;
  type: DeviceType;
  brandModel: string | null;
  /** Already formatted, e.g. '8 Go'. */
  ram: string | null;
  /** Already formatted, e.g. 'SSD 256 Go'. */
  storage: string | null;
  grade: 'A' | 'B' | 'C' | null;
  /** What the QR code holds: the device's page. */
  url: string;
}

export type LabelLayoutName = 'a4-3x8' | 'roll-62mm';

export interface LabelsData {
  locale: Locale;
  layout: LabelLayoutName;
  labels: LabelData[];
  /** A4 sheets only: positions already used on the first sheet, filled left to right, top to bottom. */
  skip?: number;
}

export interface LabelLayout {
  /** Page size, mm. */
  page: { width: number; height: number };
  /** Label size, mm. */
  label: { width: number; height: number };
  columns: number;
  rows: number;
  /** Space between labels, mm. */
  gap: { x: number; y: number };
  /** Inner margin of a label, mm. */
  padding: number;
  /** Side of the QR code, mm. */
  qr: number;
  /** Largest and smallest size of the asset tag, points. */
  tagSize: { max: number; min: number };
  /** Size of the other lines, points. */
  textSize: number;
}

/**
 * A4 sheets of 3 × 8 labels of 70 × 37 mm without gaps (the grid is centred: 0.5 mm above and below), and
 * 62 mm continuous roll cut at 29 mm (label printers), one label per page.
 */
export const LABEL_LAYOUTS: Readonly<Record<LabelLayoutName, LabelLayout>> = {
  'a4-3x8': {
    page: { width: 210, height: 297 },
    label: { width: 70, height: 37 },
    columns: 3,
    rows: 8,
    gap: { x: 0, y: 0 },
    padding: 3.5,
    qr: 24,
    tagSize: { max: 14, min: 8 },
    textSize: 7.5,
  },
  'roll-62mm': {
    page: { width: 62, height: 29 },
    label: { width: 62, height: 29 },
    columns: 1,
    rows: 1,
    gap: { x: 0, y: 0 },
    padding: 2,
    qr: 21,
    tagSize: { max: 12, min: 7 },
    textSize: 6.5,
  },
};

/** The top-left corner of each position on a page, in mm, left to right then top to bottom. */
export function labelPositions(layout: LabelLayout): { x: number; y: number }[] {
  const gridWidth = layout.columns * layout.label.width + (layout.columns - 1) * layout.gap.x;
  const gridHeight = layout.rows * layout.label.height + (layout.rows - 1) * layout.gap.y;
  const left = (layout.page.width - gridWidth) / 2;
  const top = (layout.page.height - gridHeight) / 2;
  const positions: { x: number; y: number }[] = [];
  for (let row = 0; row < layout.rows; row++) {
    for (let column = 0; column < layout.columns; column++) {
      positions.push({
        x: left + column * (layout.label.width + layout.gap.x),
        y: top + row * (layout.label.height + layout.gap.y),
      });
    }
  }
  return positions;
}

function drawLabel(
  doc: PdfDocument,
  locale: Locale,
  layout: LabelLayout,
  label: LabelData,
  x: number,
  y: number,
) {
  const padding = mm(layout.padding);
  const width = mm(layout.label.width);
  const height = mm(layout.label.height);
  const qr = mm(layout.qr);
  drawQrCode(doc, label.url, x + padding, y + (height - qr) / 2, qr);

  const textX = x + padding + qr + mm(2.5);
  const textWidth = x + width - padding - textX;
  const size = layout.textSize;
  const specs = [label.ram ? t(locale, 'labels.ram', { ram: label.ram }) : null, label.storage]
    .filter(Boolean)
    .join(' · ');
  const lines: { text: string; font: string; max: number; min: number }[] = [
    { text: label.assetTag, font: FONTS.bold, max: layout.tagSize.max, min: layout.tagSize.min },
    { text: typeLabel(locale, label.type), font: FONTS.regular, max: size, min: size },
    ...(label.brandModel ? [{ text: label.brandModel, font: FONTS.regular, max: size, min: size }] : []),
    ...(specs ? [{ text: specs, font: FONTS.regular, max: size, min: size }] : []),
    ...(label.grade
      ? [
          {
            text: t(locale, 'labels.grade', { grade: label.grade }),
            font: FONTS.bold,
            max: size + 1.5,
            min: size,
          },
        ]
      : []),
  ];
  // Fit each line to the width first, then centre the block vertically.
  const fitted = lines.map((line) => {
    const fit = fitText(doc, line.text, textWidth, { font: line.font, max: line.max, min: line.min });
    return { ...fit, font: line.font, lineHeight: doc.currentLineHeight(true) };
  });
  const gapAfterTag = mm(0.8);
  const blockHeight = fitted.reduce((sum, line) => sum + line.lineHeight, 0) + gapAfterTag;
  let lineY = y + Math.max(padding, (height - blockHeight) / 2);
  fitted.forEach((line, i) => {
    doc
      .font(line.font)
      .fontSize(line.size)
      .fillColor(COLORS.text)
      .text(line.text, textX, lineY, { width: textWidth, lineBreak: false });
    lineY += line.lineHeight + (i === 0 ? gapAfterTag : 0);
  });
}

/** Device labels: a QR code to the device's page, the asset tag, type, brand and model, RAM and storage, grade. */
export async function renderLabels(data: LabelsData): Promise<Buffer> {
  if (data.labels.length === 0) throw new RangeError('no labels to print');
  const layout = LABEL_LAYOUTS[data.layout];
  const doc = createPdf({
    title: t(data.locale, 'labels.title'),
    locale: data.locale,
    size: [mm(layout.page.width), mm(layout.page.height)],
    margins: 0,
  });
  const positions = labelPositions(layout);
  const perPage = positions.length;
  const skip = data.layout === 'a4-3x8' ? Math.min(Math.max(0, Math.floor(data.skip ?? 0)), perPage - 1) : 0;
  data.labels.forEach((label, index) => {
    const slot = index + skip;
    if (slot > 0 && slot % perPage === 0) doc.addPage();
    const position = positions[slot % perPage];
    if (position) drawLabel(doc, data.locale, layout, label, mm(position.x), mm(position.y));
  });
  return pdfToBuffer(doc);
}
