import { defineConfig } from 'vite';

// Cross-origin isolation (COOP + COEP) gives the page SharedArrayBuffer, which the fused kernels' WebAssembly build
// needs for its helper threads (one thread without it). Serve the built page with the same two headers.
const crossOriginIsolated = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

// Built from the packages' sources' dist (workspace links); no Node APIs reach the page.
export default defineConfig({
  server: { headers: crossOriginIsolated },
  preview: { headers: crossOriginIsolated },
  build: { outDir: 'dist', chunkSizeWarningLimit: 8000 },
});
