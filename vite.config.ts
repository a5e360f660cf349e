import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('./src/web', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/web', import.meta.url));

/**
 * Writes `.br` and `.gz` copies of the text assets next to them, so that a server (or reverse proxy)
 * can send them precompressed to slow connections without compressing on every request.
 */
function precompress(): Plugin {
  return {
    name: 'seconde-vie:precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? outDir;
      for (const fileName of Object.keys(bundle)) {
        if (!/\.(js|css|html|svg)$/.test(fileName)) continue;
        const file = path.join(dir, fileName);
        const data = await readFile(file);
        if (data.length < 1024) continue;
        await writeFile(`${file}.gz`, gzipSync(data, { level: 9 }));
        await writeFile(
          `${file}.br`,
          brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
      }
    },
  };
}

/** The web app: sources in src/web, built into dist/web, which the API server serves. */
export default defineConfig({
  root,
  plugins: [react(), precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2020',
    // No source maps in the shipped bundle: it stays small for slow connections.
    sourcemap: false,
  },
  server: {
    host: '127.0.0.1',
    // The API and the user guide (the « Aide » links open /aide/<lang>/<page>, served by the API server).
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
      '/aide': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
  preview: { host: '127.0.0.1' },
});
