import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
// A relative path: Vite bundles a config's relative imports but loads workspace packages as plain Node ESM.
import { precompress } from '../packages/web-kit/build/precompress.ts';

/**
 * The admin SPA is served by the Settle server under /admin/ (see server/src/http/http-server.ts). In dev,
 * Vite proxies GraphQL (HTTP and the graphql-ws WebSocket) to a running `pnpm dev` server so the session
 * cookie stays same-origin.
 */
export default defineConfig({
  base: '/admin/',
  plugins: [react(), precompress()],
  server: {
    port: 5174,
    proxy: {
      '/graphql': { target: 'http://127.0.0.1:4000', ws: true, changeOrigin: false },
    },
  },
  build: {
    // The app, and GraphiQL for the API (served at GET /graphql to browsers, see server/src/http/graphiql.ts).
    rolldownOptions: { input: { index: 'index.html', graphiql: 'graphiql.html' } },
    outDir: 'dist',
    sourcemap: false,
    chunkSizeWarningLimit: 800,
  },
});
