import { extractText, getDocumentProxy } from 'unpdf';

/**
 * The text of each page of a PDF, for tests, with runs of white space (line breaks of wrapped text) turned
 * into single spaces.
 */
export async function readPdf(
  buffer: Buffer,
): Promise<{ totalPages: number; pages: string[]; text: string }> {
  const pdf = await getDocumentProxy(new Uint8Array(buffer));
  const { totalPages, text } = await extractText(pdf, { mergePages: false });
  const pages = text.map((page) => page.replace(/\s+/g, ' '));
  return { totalPages, pages, text: pages.join(' ') };
}
