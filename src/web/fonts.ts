/**
 * The self-hosted font, regular and bold (Atkinson Hyperlegible, designed for low vision); each
 * subset downloads only when a page uses its characters. Loaded after the first page (main.tsx).
 */
import '@fontsource/atkinson-hyperlegible/400.css';
import '@fontsource/atkinson-hyperlegible/700.css';
