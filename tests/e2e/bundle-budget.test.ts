// Size budgets of what `npm run build:app` wrote to out/, with the measured figures printed:
// the JavaScript the window loads before its first screen shows — index.html's entry script and
// every chunk it imports statically, gzipped (screens opened later load on demand and do not
// count) — and the preload, which Electron runs in full before each page.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'

const RENDERER = 'out/renderer'
const PRELOAD = 'out/preload/index.cjs'
const KB = 1024

/** Chunks a module imports statically (`import … from "./x.js"`, `import "./x.js"`), not `import("./x.js")`. */
function staticImports(code: string): string[] {
  return [...code.matchAll(/(?:\bfrom|\bimport)\s*["']\.\/([^"']+\.js)["']/g)].map((m) => m[1] as string)
}

/** index.html's entry scripts and, transitively, every chunk they import statically. */
function initialChunks(): string[] {
  const html = readFileSync(join(RENDERER, 'index.html'), 'utf8')
  const seen = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    const folder = file.slice(0, file.lastIndexOf('/') + 1)
    for (const chunk of staticImports(readFileSync(join(RENDERER, file), 'utf8'))) visit(folder + chunk)
  }
  for (const match of html.matchAll(/<script[^>]*\bsrc="\.?\/?([^"]+\.js)"/g)) visit(match[1] as string)
  return [...seen]
}

const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`

describe('bundle budgets (out/, after npm run build:app)', () => {
  it('loads at most 150 KB of gzipped JavaScript before the first screen', () => {
    const chunks = initialChunks()
    const files = chunks.map((chunk) => readFileSync(join(RENDERER, chunk)))
    const raw = files.reduce((sum, bytes) => sum + bytes.length, 0)
    const gzipped = files.reduce((sum, bytes) => sum + gzipSync(bytes).length, 0)
    console.log(`renderer initial JS: ${kb(gzipped)} gzipped, ${kb(raw)} raw, in ${chunks.join(', ')}`)
    expect(chunks.length).toBeGreaterThan(0)
    expect(gzipped).toBeLessThanOrEqual(150 * KB)
  })

  it('keeps the preload within 20 KB', () => {
    const size = readFileSync(PRELOAD).length
    console.log(`preload: ${kb(size)}`)
    expect(size).toBeLessThanOrEqual(20 * KB)
  })
})
