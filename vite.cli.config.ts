// Builds the `keyfront` CLI into out/cli/: ES modules for Node, minified. Each command group, the
// local services and the AWS services are chunks of their own, loaded when a command needs them
// (src/cli/commands/index.ts, src/cli/context.ts). Three small pure-JS dependencies are bundled
// and tree-shaken — zod (whose full package would load every schema type and locale), commander
// and @aws-sdk/cloudfront-signer — so that `keyfront sign` loads only what it runs; the others (the
// AWS SDK clients, keytar) stay external, installed beside the CLI.
import { defineConfig } from 'vite'
import { builtinModules } from 'node:module'
import pkg from './package.json' with { type: 'json' }

const bundled = ['zod', 'commander', '@aws-sdk/cloudfront-signer']
const external = Object.keys(pkg.dependencies).filter((dep) => !bundled.includes(dep))

export default defineConfig({
  // The signer's own dependency (@smithy/core) comes with it.
  ssr: { noExternal: [...bundled, '@smithy/core'] },
  build: {
    ssr: true,
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node22',
    minify: true,
    rollupOptions: {
      // Batch signing's worker thread is its own entry, emitted beside index.js (see batch.ts).
      input: { index: 'src/cli/index.ts', 'batch-worker': 'src/core/signing/batch-worker.ts' },
      external: (id) =>
        id.startsWith('node:') ||
        builtinModules.includes(id) ||
        external.some((dep) => id === dep || id.startsWith(`${dep}/`)),
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
