import { defineConfig } from 'vite';

// Cross-origin isolation (COOP + COEP) gives the page SharedArrayBuffer, which the fused kernels' WebAssembly build
// needs for its helper threads (one thread without it). Serve the built page with the same two headers.
const crossOriginIsolated = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

// Built from the packages' dist (workspace links); no Node APIs reach the page. Preact's JSX runtime through the
// compiler's own JSX option (no plugin needed); the worker is an ES module, bundled on its own.
export default defineConfig({
  server: { headers: crossOriginIsolated },
  preview: { headers: crossOriginIsolated },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  worker: { format: 'es' },
  build: { outDir: 'dist', chunkSizeWarningLimit: 8000 },
});
