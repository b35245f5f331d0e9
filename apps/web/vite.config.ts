import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The api serves the built files (dist/web) at `/`; in development Vite proxies /api to it.
export default defineConfig({
  root: __dirname,
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: resolve(__dirname, '../../dist/web'),
    emptyOutDir: true,
    sourcemap: true,
    // One hash per file, so the api can let browsers keep /assets/* for a year.
    assetsDir: 'assets',
    rolldownOptions: {
      // The app, and the small page a silent sign-in returns to inside a hidden frame.
      input: { app: resolve(__dirname, 'index.html'), silent: resolve(__dirname, 'auth/silent.html') },
      onwarn(warning, warn) {
        // React Server Components markers in libraries; meaningless in a client-only bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: { proxy: { '/api': process.env.API_URL ?? 'http://localhost:3000' } },
});
