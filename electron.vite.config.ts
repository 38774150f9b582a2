import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import { resolve } from 'node:path'

// Native and Node-only modules stay outside the bundles: keytar is a native addon and node:sqlite
// is built into Electron's Node.
const nodeExternals = ['keytar', /^node:/]

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        // Batch signing's worker thread is its own entry, emitted as out/main/batch-worker.js beside
        // index.js, where src/core/signing/batch.ts looks for it.
        input: {
          index: resolve('src/main/index.ts'),
          'batch-worker': resolve('src/core/signing/batch-worker.ts'),
        },
        external: nodeExternals,
        // Shared and lazily loaded chunks beside the entries too (not in assets/): batch.ts finds
        // the worker through its own file's URL, whichever chunk holds it.
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      // Sandboxed preloads cannot load modules: one self-contained CommonJS file.
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    // Minified (electron-vite leaves it off by default): the window parses less before its first
    // screen. Screens other than the first load as their own chunks (`lazy` in app/App.tsx).
    build: {
      outDir: 'out/renderer',
      minify: true,
      rollupOptions: { input: resolve('src/renderer/index.html') },
    },
    plugins: [react()],
  },
})
