// Run by scripts/dist-check.ts: starts the packaged main process from an extracted copy of app.asar,
// as Electron would, with `electron` mapped to the fake of tests/mocks/electron.ts — the one part
// that does not come from the package. Proves that every module the main process loads, at start
// or lazily later, resolves inside the package, and that the window it opens points at packaged
// files. Usage: node scripts/dist-check-main.ts APP_DIR USER_DATA_DIR
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { isBuiltin, registerHooks } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const [appDir = '', userData = ''] = process.argv.slice(2)
const FAKE_ELECTRON = pathToFileURL(join(import.meta.dirname, '..', 'tests', 'mocks', 'electron.ts')).href
registerHooks({
  resolve: (specifier, context, next) =>
    specifier === 'electron' ? { url: FAKE_ELECTRON, shortCircuit: true } : next(specifier, context),
})
// The same module instance the packaged code gets for 'electron' (same URL).
const electron = await import('../tests/mocks/electron.ts')

let failures = 0
function report(ok: boolean, what: string, problems: string[] = []): void {
  console.log(`${ok ? '✓' : '✗'} ${what}`)
  for (const problem of problems) console.log(`    ${problem}`)
  if (!ok) failures++
}
const inApp = (file: string) => !relative(appDir, file).startsWith('..')

/** `import … from 'x'`, `import('x')`, `require('x')`, `createRequire(…)('x')`, in built code. */
const IMPORT =
  /(?:\bfrom|\bimport|\brequire|\bcreateRequire\([^)]*\))\s*\(?\s*(["'])([^"'\s]+)\1\s*(?=[;),]|with\b|$)/gm
/** `new URL('./x.js', import.meta.url)`: worker entries and assets found at run time. */
const URL_REF = /new URL\(\s*(["'])(\.{1,2}\/[^"']+)\1\s*,\s*import\.meta\.url\s*\)/g

async function start(): Promise<void> {
  electron.app.isPackaged = true
  electron.app.getAppPath = () => appDir
  electron.app.getPath = () => userData
  electron.app.whenReady.mockImplementation(() => Promise.resolve())
  const { main = 'index.js' } = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8')) as {
    main?: string
  }
  await import(pathToFileURL(join(appDir, main)).href)
  for (let i = 0; i < 200 && electron.BrowserWindow.created.length === 0; i++) {
    if (electron.app.exit.mock.calls.length > 0) break
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  const window = electron.BrowserWindow.created[0]
  report(window !== undefined, `${main} loads and starts: core, IPC and the window come up`)
  report(
    electron.ipcMain.handlers.size > 0,
    `it registers its IPC handlers (${electron.ipcMain.handlers.size})`,
  )
  if (!window) return
  const preferences = window.options.webPreferences as { preload?: string } | undefined
  const windowFiles = {
    preload: preferences?.preload,
    icon: window.options.icon as string | undefined,
    page: (window.loadFile.mock.calls as unknown[][])[0]?.[0] as string | undefined,
  }
  report(
    Object.values(windowFiles).every((file) => file !== undefined && inApp(file) && existsSync(file)),
    "the window's preload, page and icon are packaged files",
    Object.entries(windowFiles)
      .filter(([, file]) => file === undefined || !inApp(file) || !existsSync(file))
      .map(([name, file]) => `${name}: ${file ?? 'none'}`),
  )
}

/** Every module the built main process names, loaded from where the bundles sit. */
async function loadEveryImport(): Promise<void> {
  const outMain = join(appDir, 'out', 'main')
  const probeFile = join(outMain, '.dist-check-probe.mjs')
  writeFileSync(
    probeFile,
    'export const where = (s) => import.meta.resolve(s)\nexport const load = (s) => import(s)\n',
  )
  const probe = (await import(pathToFileURL(probeFile).href)) as {
    where(specifier: string): string
    load(specifier: string): Promise<unknown>
  }
  const packages = new Set<string>()
  const missingFiles: string[] = []
  for (const entry of readdirSync(outMain, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.js')) continue
    const file = join(entry.parentPath, entry.name)
    const code = readFileSync(file, 'utf8')
    for (const [, , specifier = ''] of [...code.matchAll(IMPORT), ...code.matchAll(URL_REF)]) {
      if (specifier.startsWith('.')) {
        if (!existsSync(resolve(dirname(file), specifier)))
          missingFiles.push(`${relative(appDir, file)} → ${specifier}`)
      } else if (!isBuiltin(specifier) && specifier !== 'electron') packages.add(specifier)
    }
  }
  report(missingFiles.length === 0, 'every file the main bundles refer to is packaged', missingFiles)
  const failed: string[] = []
  for (const specifier of [...packages].sort()) {
    try {
      const where = fileURLToPath(probe.where(specifier))
      if (!inApp(where)) throw new Error(`resolved outside the package: ${where}`)
      await probe.load(specifier)
    } catch (error) {
      failed.push(`${specifier}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`)
    }
  }
  report(
    failed.length === 0,
    `every package the main bundles import, eagerly or lazily, loads from the package (${[...packages].sort().join(', ')})`,
    failed,
  )
}

try {
  await start()
  await loadEveryImport()
} catch (error) {
  report(false, 'the packaged main process loads', [error instanceof Error ? error.message : String(error)])
} finally {
  electron.app.emit('will-quit')
}
process.exit(failures > 0 ? 1 : 0)
