// Builds the `keyfront` CLI into out/cli/: one ES module for Node with the npm dependencies left
// external (they are installed beside it).
import { defineConfig } from 'vite'
import { builtinModules } from 'node:module'
import pkg from './package.json' with { type: 'json' }

const dependencies = Object.keys(pkg.dependencies)

export default defineConfig({
  build: {
    ssr: true,
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node22',
    minify: false,
    rollupOptions: {
      // Batch signing's worker thread is its own entry, emitted beside index.js (see batch.ts).
      input: { index: 'src/cli/index.ts', 'batch-worker': 'src/core/signing/batch-worker.ts' },
      external: (id) =>
        id.startsWith('node:') ||
        builtinModules.includes(id) ||
        dependencies.some((dep) => id === dep || id.startsWith(`${dep}/`)),
      output: {
        format: 'es',
        entryFileNames: '[name].js',
        // Shared code stays in this folder too, so relative URLs between the files hold.
        chunkFileNames: '[name].js',
        banner: (chunk) => (chunk.name === 'index' ? '#!/usr/bin/env node' : ''),
      },
    },
  },
})
