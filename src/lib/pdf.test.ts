import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import {
  addPageNumbers,
  createPdf,
  drawQrCode,
  drawTable,
  FONTS,
  fitText,
  formatDate,
  formatDateTime,
  formatDay,
  formatNumber,
  formatShortDateTime,
  mm,
  pdfToBuffer,
  truncate,
} from './pdf.ts';

async function read(buffer: Buffer) {
  const pdf = await getDocumentProxy(new Uint8Array(buffer));
  const { totalPages, text } = await extractText(pdf, { mergePages: false });
  const metadata = await pdf.getMetadata();
  return { totalPages, pages: text, info: metadata.info as Record<string, unknown> };
}

describe('createPdf and pdfToBuffer', () => {
  it('writes a PDF with embedded DejaVu fonts, metadata and characters the built-in fonts lack', async () => {
    const doc = createPdf({ title: 'Reçu de vente', locale: 'fr' });
    doc.text('Cœur ✓ 12,50 € « guillemets » 1\u202f234,5 kg CO₂e');
    doc.font(FONTS.bold).text('Gras');
    const buffer = await pdfToBuffer(doc);
    expect(buffer.subarray(0, 5).toString()).toBe('%PDF-');
    expect(buffer.includes('DejaVuSans')).toBe(true);
    expect(buffer.includes('DejaVuSans-Bold')).toBe(true);
    expect(buffer.includes('Helvetica')).toBe(false);
    const { totalPages, pages, info } = await read(buffer);
    expect(totalPages).toBe(1);
    expect(pages[0]).toContain('Cœur ✓ 12,50 € « guillemets »');
    expect(pages[0]).toContain('CO₂e');
    expect(info.Title).toBe('Reçu de vente');
    expect(info.Creator).toBe('Seconde Vie');
  });

  it('accepts a size in points and a landscape layout', async () => {
    const roll = createPdf({ title: 'Étiquette', locale: 'en', size: [mm(62), mm(29)], margins: 0 });
    expect(roll.page.width).toBeCloseTo(175.75, 1);
    expect(roll.page.height).toBeCloseTo(82.2, 1);
    const landscape = createPdf({ title: 'Lot', locale: 'en', layout: 'landscape' });
    expect(landscape.page.width).toBeGreaterThan(landscape.page.height);
    await Promise.all([pdfToBuffer(roll), pdfToBuffer(landscape)]);
  });
});

describe('drawTable', () => {
  const columns = [
    { header: 'Numéro', width: 1, value: (n: number) => `SV-${String(n).padStart(5, '0')}` },
    {
      header: 'Libellé',
      width: 3,
      value: (n: number) => (n === 7 ? 'un texte long '.repeat(12) : `ligne ${n}`),
    },
    {
      header: 'Résultat',
      width: 1,
      value: (n: number) => (n % 10 === 0 ? 'Échec' : 'Réussi'),
      style: (n: number) => (n % 10 === 0 ? { bold: true, color: '#b00020' } : undefined),
    },
  ];

  it('breaks across pages, repeats the header and keeps every row', async () => {
    const doc = createPdf({ title: 'Table', locale: 'fr' });
    doc.text('Avant le tableau');
    const rows = Array.from({ length: 120 }, (_, i) => i + 1);
    const end = drawTable(doc, { columns, rows, fontSize: 9 });
    expect(end).toBe(doc.y);
    addPageNumbers(doc, { left: 'Seconde Vie' });
    const { totalPages, pages } = await read(await pdfToBuffer(doc));
    expect(totalPages).toBeGreaterThan(1);
    const all = pages.join('\n');
    for (const n of rows) expect(all).toContain(`SV-${String(n).padStart(5, '0')}`);
    pages.forEach((page, i) => {
      expect(page).toContain('Numéro');
      expect(page).toContain(`Page ${i + 1} / ${totalPages}`);
      expect(page).toContain('Seconde Vie');
    });
  });

  it('keeps a noWrap column on one line, shortened with an ellipsis', async () => {
    const doc = createPdf({ title: 'Table', locale: 'fr' });
    drawTable(doc, {
      width: 200,
      columns: [
        { header: 'N°', width: 1, value: (n: number) => String(n) },
        {
          header: 'Modèle',
          width: 2,
          noWrap: true,
          value: () => 'ThinkPad X1 Carbon Gen 9 Intel Core i7 16 Go',
        },
      ],
      rows: [1],
    });
    const { pages } = await read(await pdfToBuffer(doc));
    expect(pages[0]).toMatch(/ThinkPad X1[^\n]*…/);
    expect(pages[0]).not.toContain('16 Go');
  });

  it('starts on a new page when there is no room for the header', async () => {
    const doc = createPdf({ title: 'Table', locale: 'fr' });
    doc.y = doc.page.height - doc.page.margins.bottom - 5;
    drawTable(doc, { columns, rows: [1, 2] });
    const { totalPages, pages } = await read(await pdfToBuffer(doc));
    expect(totalPages).toBe(2);
    expect(pages[1]).toContain('SV-00002');
  });
});

describe('addPageNumbers', () => {
  it('numbers every page without adding any', async () => {
    const doc = createPdf({ title: 'Pages', locale: 'en' });
    doc.text('one');
    doc.addPage().text('two');
    doc.addPage().text('three');
    addPageNumbers(doc);
    const { totalPages, pages } = await read(await pdfToBuffer(doc));
    expect(totalPages).toBe(3);
    expect(pages.map((p) => p.match(/Page \d \/ \d/)?.[0])).toEqual([
      'Page 1 / 3',
      'Page 2 / 3',
      'Page 3 / 3',
    ]);
  });
});

describe('text fitting', () => {
  it('truncates with an ellipsis to the width', () => {
    const doc = createPdf({ title: 't', locale: 'fr' });
    doc.fontSize(10);
    const long = 'Lenovo ThinkPad X1 Carbon Gen 9 Intel Core i7';
    const short = truncate(doc, long, 60);
    expect(short.endsWith('…')).toBe(true);
    expect(doc.widthOfString(short)).toBeLessThanOrEqual(60);
    expect(long.startsWith(short.slice(0, -1))).toBe(true);
    expect(truncate(doc, 'Dell', 60)).toBe('Dell');
  });

  it('shrinks the font before truncating', () => {
    const doc = createPdf({ title: 't', locale: 'fr' });
    const fits = fitText(doc, 'SV-2026-00042', 90, { font: FONTS.bold, max: 14, min: 8 });
    expect(fits.text).toBe('SV-2026-00042');
    expect(fits.size).toBeLessThan(14);
    expect(doc.widthOfString(fits.text)).toBeLessThanOrEqual(90);
    const cut = fitText(doc, 'SV-2026-00042-AVEC-UN-SUFFIXE-TRES-LONG', 90, {
      font: FONTS.bold,
      max: 14,
      min: 8,
    });
    expect(cut.size).toBe(8);
    expect(cut.text.endsWith('…')).toBe(true);
  });
});

describe('drawQrCode', () => {
  it('draws vector squares inside the given box', async () => {
    const doc = createPdf({ title: 'QR', locale: 'fr' });
    drawQrCode(doc, 'https://seconde-vie.example/v/EC-2026-000042', 100, 100, 80);
    const buffer = await pdfToBuffer(doc);
    expect(buffer.length).toBeGreaterThan(500);
  });
});

describe('formatting', () => {
  const moment = new Date('2026-11-25T13:30:00Z');

  it('formats dates in the Paris time zone, in each language', () => {
    expect(formatDate(moment, 'fr')).toBe('25 novembre 2026');
    expect(formatDate(moment, 'en')).toBe('25 November 2026');
    expect(formatDateTime(moment, 'fr')).toBe('25 novembre 2026 à 14:30');
    expect(formatDateTime(moment, 'en')).toBe('25 November 2026 at 14:30');
    expect(formatShortDateTime(moment, 'fr')).toBe('25/11/2026 14:30');
    expect(formatShortDateTime(moment, 'en')).toBe('25/11/2026 14:30');
    // 23:30 UTC on 31 December is already New Year's Day in Paris.
    expect(formatDate(new Date('2026-12-31T23:30:00Z'), 'fr')).toBe('1 janvier 2027');
  });

  it('formats calendar days without shifting them', () => {
    expect(formatDay('2026-03-01', 'fr')).toBe('1 mars 2026');
    expect(formatDay('2026-03-01', 'en')).toBe('1 March 2026');
    expect(formatDay('not a day', 'en')).toBe('not a day');
  });

  it('formats numbers with the locale separators', () => {
    expect(formatNumber(1234.56, 'fr')).toBe('1\u202f234,6');
    expect(formatNumber(1234.56, 'en')).toBe('1,234.6');
  });
});
