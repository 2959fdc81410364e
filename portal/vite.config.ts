import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
// A relative path: Vite bundles a config's relative imports but loads workspace packages as plain Node ESM.
import { precompress } from '../packages/web-kit/build/precompress.ts';

/**
 * The portal is served by the Settle server under /portal/ (index.html fallback for client routes).
 * In dev, /graphql (HTTP and graphql-ws) and the PDF route go to a local server on :4000.
 */
export default defineConfig({
  base: '/portal/',
  plugins: [react(), precompress()],
  server: {
    proxy: {
      '/graphql': { target: 'http://127.0.0.1:4000', ws: true, changeOrigin: false },
      '/portal-api': { target: 'http://127.0.0.1:4000' },
    },
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
});
