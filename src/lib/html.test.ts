import { expect, it } from 'vitest';
import { escapeHtml } from './html.ts';

it('escapes the five characters that matter in HTML text and attributes, ampersands first', () => {
  expect(escapeHtml(`<a href="x" title='y'>Tom & "Jerry"</a>`)).toBe(
    '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; &quot;Jerry&quot;&lt;/a&gt;',
  );
  expect(escapeHtml('&lt;')).toBe('&amp;lt;');
  expect(escapeHtml('Élodie — déjà vu')).toBe('Élodie — déjà vu');
});
