import { getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { readPdf } from '../../../../test/support/pdf.ts';
import { mm } from '../../../lib/pdf.ts';
import type { DeviceType } from '../device-fields.ts';
import { LABEL_LAYOUTS, type LabelData, labelPositions, renderLabels } from './labels.ts';

const TYPES: DeviceType[] = ['laptop', 'desktop', 'monitor', 'tablet', 'smartphone', 'printer', 'other'];

function labels(count: number): LabelData[] {
  return Array.from({ length: count }, (_, i) => {
    const assetTag = `SV-2026-${String(i + 1).padStart(5, '0')}`;
    return {
      assetTag,
      type: TYPES[i % TYPES.length] ?? 'laptop',
      brandModel:
        i % 2 ? 'Lenovo ThinkPad X1 Carbon Gen 9 (20XW-00ABFR) Intel Core i7' : 'Dell Latitude 5490',
      ram: i % 3 === 2 ? null : '8 Go',
      storage: 'SSD 256 Go',
      grade: (['A', 'B', 'C', null] as const)[i % 4] ?? null,
      url: `https://seconde-vie.example/m/${assetTag}`,
    };
  });
}

/** Every text run on every page with its box, in points from the top-left corner. */
async function textBoxes(buffer: Buffer) {
  const pdf = await getDocumentProxy(new Uint8Array(buffer));
  const boxes: { page: number; text: string; x: number; right: number; top: number; bottom: number }[] = [];
  const sizes: { width: number; height: number }[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const [, , width = 0, height = 0] = page.view;
    sizes.push({ width, height });
    const content = await page.getTextContent();
    for (const item of content.items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      const [, , , , x = 0, baseline = 0] = item.transform as number[];
      boxes.push({
        page: n,
        text: item.str,
        x,
        right: x + item.width,
        top: height - baseline - item.height,
        bottom: height - baseline,
      });
    }
  }
  return { boxes, sizes };
}

describe('label layouts', () => {
  it('centres the 3 × 8 grid of 70 × 37 mm labels on an A4 sheet', () => {
    const positions = labelPositions(LABEL_LAYOUTS['a4-3x8']);
    expect(positions).toHaveLength(24);
    expect(positions[0]).toEqual({ x: 0, y: 0.5 });
    expect(positions[1]).toEqual({ x: 70, y: 0.5 });
    expect(positions[3]).toEqual({ x: 0, y: 37.5 });
    const last = positions[23];
    expect(last?.x).toBe(140);
    expect(last?.y).toBeCloseTo(259.5, 6);
    expect((last?.y ?? 0) + 37 + 0.5).toBeCloseTo(297, 6);
  });

  it('puts one 62 × 29 mm label on each roll page', () => {
    expect(labelPositions(LABEL_LAYOUTS['roll-62mm'])).toEqual([{ x: 0, y: 0 }]);
  });
});

describe('renderLabels', () => {
  it('prints 25 labels on two A4 sheets', async () => {
    const data = labels(25);
    const buffer = await renderLabels({ locale: 'fr', layout: 'a4-3x8', labels: data });
    const { totalPages, pages } = await readPdf(buffer);
    expect(totalPages).toBe(2);
    for (const label of data.slice(0, 24)) expect(pages[0]).toContain(label.assetTag);
    expect(pages[1]).toContain('SV-2026-00025');
    expect(pages[1]).not.toContain('SV-2026-00024');
    expect(pages[0]).toContain('Ordinateur portable');
    expect(pages[0]).toContain('RAM 8 Go · SSD 256 Go');
    expect(pages[0]).toContain('Grade A');
    expect(pages[0]).toContain('Lenovo ThinkPad X1'); // shortened to fit
    expect(pages[0]).toContain('…');
    const { sizes } = await textBoxes(buffer);
    expect(sizes[0]?.width).toBeCloseTo(mm(210), 1);
    expect(sizes[0]?.height).toBeCloseTo(mm(297), 1);
  });

  it('keeps every text inside its label, away from the edges', async () => {
    const data = labels(24);
    const first = data[0];
    if (first) first.assetTag = 'SV-2026-00001-AVEC-UN-SUFFIXE-BEAUCOUP-TROP-LONG';
    const layout = LABEL_LAYOUTS['a4-3x8'];
    const { boxes } = await textBoxes(await renderLabels({ locale: 'fr', layout: 'a4-3x8', labels: data }));
    expect(boxes.length).toBeGreaterThan(24 * 4);
    const positions = labelPositions(layout);
    for (const box of boxes) {
      const middle = (box.top + box.bottom) / 2;
      const label = positions.find(
        (p) =>
          box.x >= mm(p.x) &&
          box.x < mm(p.x + layout.label.width) &&
          middle >= mm(p.y) &&
          middle < mm(p.y + layout.label.height),
      );
      expect(label, box.text).toBeDefined();
      if (!label) continue;
      expect(box.x, box.text).toBeGreaterThanOrEqual(mm(label.x + layout.padding));
      expect(box.right, box.text).toBeLessThanOrEqual(
        mm(label.x + layout.label.width - layout.padding) + 0.5,
      );
      expect(box.top, box.text).toBeGreaterThanOrEqual(mm(label.y) + 1);
      expect(box.bottom, box.text).toBeLessThanOrEqual(mm(label.y + layout.label.height) - 1);
    }
    expect(boxes.some((b) => b.text.startsWith('SV-2026-00001-AVEC') && b.text.endsWith('…'))).toBe(true);
  });

  it('prints one label per page on the 62 mm roll', async () => {
    const buffer = await renderLabels({ locale: 'en', layout: 'roll-62mm', labels: labels(3) });
    const { totalPages, pages } = await readPdf(buffer);
    expect(totalPages).toBe(3);
    expect(pages[0]).toContain('SV-2026-00001');
    expect(pages[0]).toContain('Laptop');
    expect(pages[1]).toContain('SV-2026-00002');
    expect(pages[1]).toContain('Desktop computer');
    expect(pages[2]).toContain('SV-2026-00003');
    const { sizes, boxes } = await textBoxes(buffer);
    for (const size of sizes) {
      expect(size.width).toBeCloseTo(mm(62), 1);
      expect(size.height).toBeCloseTo(mm(29), 1);
    }
    for (const box of boxes) {
      expect(box.right, box.text).toBeLessThanOrEqual(mm(62 - 2) + 0.5);
      expect(box.bottom, box.text).toBeLessThanOrEqual(mm(29));
    }
  });

  it('skips the positions already used on the first sheet', async () => {
    const { totalPages, pages } = await readPdf(
      await renderLabels({ locale: 'fr', layout: 'a4-3x8', labels: labels(3), skip: 22 }),
    );
    expect(totalPages).toBe(2);
    expect(pages[0]).toContain('SV-2026-00002');
    expect(pages[1]).toContain('SV-2026-00003');
  });

  it('refuses to print nothing', async () => {
    await expect(renderLabels({ locale: 'fr', layout: 'roll-62mm', labels: [] })).rejects.toThrow(RangeError);
  });
});
