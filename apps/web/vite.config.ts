import { defineConfig } from 'vite';

// Built from the packages' sources' dist (workspace links); no Node APIs reach the page.
export default defineConfig({ build: { outDir: 'dist', chunkSizeWarningLimit: 8000 } });
