import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// The web console. Built into web/dist, which `npm start` serves locally and the stack deploys to S3.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [preact({ prerender: { enabled: false } })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
  },
});
