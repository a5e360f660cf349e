/** Entry point: styles, translations, then the app; the font once the first page has loaded. */
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, firstPageLoaded } from './App.tsx';
import { initI18n } from './i18n/index.ts';

// The self-hosted font (~36 KB) is asked for once the first page's code is in, so that it does not
// share a slow connection with that code; the text shows in the system font until then (bench/frontend.ts).
firstPageLoaded.then(() => import('./fonts.ts')).catch(() => undefined);

const root = document.getElementById('root');
if (root) {
  initI18n().then(() => {
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  });
}
