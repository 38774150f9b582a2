// Type-aware lint, plus the layering of docs/ARCHITECTURE.md as a rule (keyfront/layers): which
// folders of src/ each layer may import — relative paths resolved, so `../../core/x.ts` counts as
// much as a package name — and which packages it must do without.
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import { isBuiltin } from 'node:module'
import { dirname, join, relative, resolve, sep } from 'node:path'
import tseslint from 'typescript-eslint'

const SRC = join(import.meta.dirname, 'src')

const node = { test: (name) => isBuiltin(name), what: 'Node built-ins' }
const electron = { test: (name) => name === 'electron' || name.startsWith('electron/'), what: 'Electron' }
const keytar = { test: (name) => name === 'keytar', what: 'keytar' }
const awsSdk = { test: (name) => /^@(aws-sdk|smithy)\//.test(name), what: 'the AWS SDK' }

/** Each layer: the other layers it may import, the packages it may not, and why. */
const LAYERS = {
  shared: { may: [], banned: [node, electron, keytar, awsSdk], why: 'shared is loaded by the renderer too' },
  core: { may: ['shared'], banned: [electron], why: 'core is the domain that main and the CLI both drive' },
  main: { may: ['core', 'shared'], banned: [], why: 'main is the Electron shell over core' },
  cli: { may: ['core', 'shared'], banned: [electron], why: 'the CLI runs in plain Node over core' },
  preload: {
    may: ['shared'],
    banned: [node, keytar, awsSdk],
    why: 'the preload is one sandboxed file that only bridges IPC',
  },
  renderer: {
    may: ['shared'],
    banned: [node, electron, keytar, awsSdk],
    why: 'the renderer is a web page that reaches the app only through the bridge (lib/bridge.ts)',
  },
}
/** Folders outside src/ that shipped code must never reach into. */
const NOT_SHIPPED = ['tests', 'bench']

/** What is wrong with `layer` importing `source` from `file`, or undefined if nothing. */
function layerProblem(layer, file, source) {
  const rules = LAYERS[layer]
  if (source.startsWith('.')) {
    const target = relative(SRC, resolve(dirname(file), source)).split(sep)
    if (target[0] === '..') {
      const outside = target.find((part) => part !== '..')
      return NOT_SHIPPED.includes(outside) ? `src/${layer} may not import ${outside}/ (${source})` : undefined
    }
    const other = target[0]
    if (other === layer || !(other in LAYERS) || rules.may.includes(other)) return undefined
    return `src/${layer} may not import src/${other} (${source}): ${rules.why}`
  }
  const banned = rules.banned.find((group) => group.test(source))
  return banned && `src/${layer} may not import ${banned.what} ('${source}'): ${rules.why}`
}

const layersRule = {
  meta: { type: 'problem', schema: [], docs: { description: 'The layers of docs/ARCHITECTURE.md' } },
  create(context) {
    const path = relative(SRC, context.filename)
    const layer = path.split(sep)[0]
    if (path.startsWith('..') || !(layer in LAYERS)) return {}
    const check = (node) => {
      const source = node?.type === 'Literal' ? node.value : undefined
      if (typeof source !== 'string') return
      const message = layerProblem(layer, context.filename, source)
      if (message) context.report({ node, message })
    }
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      TSImportType: (node) => check(node.source),
    }
  },
}

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', '.cache/**', 'test-results/**', 'node_modules/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { disallowTypeAnnotations: false }],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx,js,mjs,cjs}'],
    plugins: { keyfront: { rules: { layers: layersRule } } },
    rules: { 'keyfront/layers': 'error' },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'tests/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
)
