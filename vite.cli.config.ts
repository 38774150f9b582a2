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
      input: { index: 'src/cli/index.ts' },
      external: (id) =>
        id.startsWith('node:') ||
        builtinModules.includes(id) ||
        dependencies.some((dep) => id === dep || id.startsWith(`${dep}/`)),
      output: {
        format: 'es',
        entryFileNames: '[name].js',
        banner: (chunk) => (chunk.isEntry ? '#!/usr/bin/env node' : ''),
      },
    },
  },
})
