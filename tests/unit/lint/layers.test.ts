// The layer rules of docs/ARCHITECTURE.md, as the project's own ESLint config enforces them: a
// probe file in each layer imports every other layer by relative path, and packages that layer must
// do without; lint must flag exactly the forbidden ones. The probes are linted from memory (no file
// is written into src/); only type information is switched off for them, as the rule needs none.
import { ESLint } from 'eslint'
import { join } from 'node:path'
import tseslint from 'typescript-eslint'
import { beforeAll, describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..', '..')
const PROBE = '__layer-probe__'

/** ARCHITECTURE.md's arrows, written out independently of eslint.config.js. */
const MAY_IMPORT: Record<string, string[]> = {
  shared: [],
  core: ['shared'],
  main: ['core', 'shared'],
  cli: ['core', 'shared'],
  preload: ['shared'],
  renderer: ['shared'],
}
const LAYERS = Object.keys(MAY_IMPORT)

/** Where each layer's probe sits, and the way back up to src/ from there. */
const PROBE_DIR: Record<string, { dir: string; up: string }> = {
  shared: { dir: 'src/shared/contract', up: '../../' },
  core: { dir: 'src/core/signing', up: '../../' },
  main: { dir: 'src/main/ipc', up: '../../' },
  cli: { dir: 'src/cli/commands', up: '../../' },
  preload: { dir: 'src/preload', up: '../' },
  renderer: { dir: 'src/renderer/src/features/keys', up: '../../../../' },
}

const FORBIDDEN_PACKAGES: Record<string, string[]> = {
  shared: ['node:path', 'fs', 'electron', 'keytar', '@aws-sdk/client-cloudfront', '@smithy/types'],
  core: ['electron', 'electron/main'],
  main: [],
  cli: ['electron'],
  preload: ['node:fs', 'path', 'keytar', '@aws-sdk/client-s3'],
  renderer: ['node:crypto', 'os', 'electron', 'keytar', '@aws-sdk/cloudfront-signer', '@smithy/core'],
}
const ALLOWED_PACKAGES: Record<string, string[]> = {
  shared: ['zod'],
  core: ['node:crypto', 'keytar', '@aws-sdk/client-cloudfront', 'zod'],
  main: ['electron', 'node:path', 'zod'],
  cli: ['commander', 'node:fs/promises', '@aws-sdk/client-sts'],
  preload: ['electron'],
  renderer: ['react', 'qrcode'],
}

let eslint: ESLint

beforeAll(() => {
  eslint = new ESLint({
    cwd: ROOT,
    overrideConfig: { files: [`**/${PROBE}.*`], ...tseslint.configs.disableTypeChecked },
  })
})

/** Lints `code` as if it were a file of `layer`; returns the layer rule's messages. */
async function lintAs(layer: string, code: string): Promise<string[]> {
  const ext = layer === 'renderer' ? 'tsx' : 'ts'
  const filePath = join(ROOT, PROBE_DIR[layer]!.dir, `${PROBE}.${ext}`)
  const [result] = await eslint.lintText(code, { filePath })
  const messages = result?.messages ?? []
  const parseErrors = messages.filter((m) => m.ruleId === null)
  expect(parseErrors, 'the probe parses').toEqual([])
  return messages.filter((m) => m.ruleId === 'keyfront/layers').map((m) => m.message)
}

describe.each(LAYERS)('src/%s', (layer) => {
  const { up } = PROBE_DIR[layer]!
  const others = LAYERS.filter((other) => other !== layer)
  const forbidden = others.filter((other) => !MAY_IMPORT[layer]!.includes(other))

  it.each(forbidden)('may not import src/%s by a relative path', async (other) => {
    const messages = await lintAs(layer, `import { x } from '${up}${other}/module.ts'\nexport const y = x\n`)
    expect(messages).toHaveLength(1)
    expect(messages[0]).toContain(`src/${layer} may not import src/${other}`)
  })

  it('may import its allowed layers and its own files', async () => {
    const sources = [
      ...MAY_IMPORT[layer]!.map((other) => `${up}${other}/module.ts`),
      './sibling.ts',
      `${up}${layer}/x.ts`,
    ]
    const code = sources.map((source, i) => `import { x as x${i} } from '${source}'\n`).join('')
    expect(
      await lintAs(layer, `${code}export const all = [${sources.map((_, i) => `x${i}`).join(', ')}]\n`),
    ).toEqual([])
  })

  it.each(FORBIDDEN_PACKAGES[layer]!.map((name) => [name]))('may not import the package %s', async (name) => {
    const messages = await lintAs(layer, `import x from '${name}'\nexport const y = x\n`)
    expect(messages).toHaveLength(1)
    expect(messages[0]).toContain(`src/${layer} may not import`)
    expect(messages[0]).toContain(`'${name}'`)
  })

  it('may import the packages it needs', async () => {
    const names = ALLOWED_PACKAGES[layer]!
    const code = names.map((name, i) => `import x${i} from '${name}'\n`).join('')
    expect(
      await lintAs(layer, `${code}export const all = [${names.map((_, i) => `x${i}`).join(', ')}]\n`),
    ).toEqual([])
  })
})

describe('every way of importing counts', () => {
  it('flags re-exports, dynamic imports, type-only imports and import types', async () => {
    const messages = await lintAs(
      'renderer',
      [
        "export { a } from '../../../../core/a.ts'",
        "export * from '../../../../main/b.ts'",
        "export const c = () => import('../../../../cli/c.ts')",
        "import type { D } from '../../../../preload/d.ts'",
        "export type E = typeof import('../../../../core/e.ts')",
        'export type F = D',
        '',
      ].join('\n'),
    )
    expect(messages.map((m) => m.match(/src\/\w+ \(/)?.[0])).toEqual([
      'src/core (',
      'src/main (',
      'src/cli (',
      'src/preload (',
      'src/core (',
    ])
  })

  it('resolves the path rather than matching its text: a detour through src/ is still caught', async () => {
    const messages = await lintAs(
      'main',
      "import { x } from '../../../src/renderer/src/main.tsx'\nexport const y = x\n",
    )
    expect(messages).toEqual([expect.stringContaining('src/main may not import src/renderer')])
  })

  it('shipped code never imports the tests', async () => {
    const messages = await lintAs(
      'core',
      "import { x } from '../../../tests/harness/moto.ts'\nexport const y = x\n",
    )
    expect(messages).toEqual([expect.stringContaining('src/core may not import tests/')])
  })
})
