// `npm run dist:check`: packages the built app the way `npm run dist` does (Linux, --dir), but
// against a stand-in Electron, because Electron's binary cannot be downloaded on our machines. Then
// it checks what a user's install holds — the app's bundles, every production dependency and
// nothing else, keytar's native module outside the archive, the fuses as configured — and starts
// the packaged main process from it (scripts/dist-check-main.ts). Prints each check; exits 1 on
// any failure. Needs `npm run build` first.
import asar from '@electron/asar'
import { spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, posix, relative } from 'node:path'

const ROOT = join(import.meta.dirname, '..')
const CONFIG_FILE = 'build/electron-builder.json'
const config = JSON.parse(readFileSync(join(ROOT, CONFIG_FILE), 'utf8')) as {
  electronFuses?: Record<string, boolean>
}
const pkg = readJson(join(ROOT, 'package.json'))

/** What the app runs from: the bundles electron-vite writes. out/cli is the npm-installed CLI. */
const APP_BUNDLES = ['out/main', 'out/preload', 'out/renderer']
const TOP_LEVEL = new Set(['out', 'node_modules', 'resources', 'package.json'])

// Electron's fuse wire (V1): a sentinel, the wire version, its length, then one byte per fuse in
// this order ('0' off, '1' on). Named as electron-builder's `electronFuses` names them.
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
const FUSES = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
]
/** Electron's own defaults, so that a fuse electron-builder forgot to flip shows up. */
const ELECTRON_DEFAULT_WIRE = '10110001'

interface PackageJson {
  name: string
  version: string
  main?: string
  dependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
  peerDependenciesMeta?: Record<string, { optional?: boolean }>
  devDependencies?: Record<string, string>
}

function readJson(file: string): PackageJson {
  return JSON.parse(readFileSync(file, 'utf8')) as PackageJson
}

let failures = 0
function report(ok: boolean, what: string, problems: string[] = []): void {
  console.log(`${ok ? '✓' : '✗'} ${what}`)
  for (const problem of problems.slice(0, 20)) console.log(`    ${problem}`)
  if (problems.length > 20) console.log(`    … and ${problems.length - 20} more`)
  if (!ok) failures++
}
const expectNone = (what: string, problems: string[]) => report(problems.length === 0, what, problems)

/** A directory that electron-builder takes for an unpacked Electron: a fake binary with a fuse wire. */
function makeStandInElectron(dir: string): void {
  mkdirSync(join(dir, 'resources'), { recursive: true })
  const script = `#!/bin/sh\necho 'stand-in Electron for dist:check' >&2\nexit 1\n`
  const wire = `# ${FUSE_SENTINEL}\x01${String.fromCharCode(FUSES.length)}${ELECTRON_DEFAULT_WIRE}\n`
  writeFileSync(join(dir, 'electron'), script + wire, { mode: 0o755 })
  writeFileSync(
    join(dir, 'version'),
    readJson(join(ROOT, 'node_modules', 'electron', 'package.json')).version,
  )
  writeFileSync(join(dir, 'LICENSE'), 'stand-in\n')
}

function readFuses(executable: string): Record<string, boolean> | undefined {
  const binary = readFileSync(executable)
  const at = binary.indexOf(FUSE_SENTINEL)
  if (at < 0) return undefined
  const start = at + FUSE_SENTINEL.length + 2
  const wire = binary.subarray(start, start + (binary[start - 1] ?? 0)).toString('latin1')
  return Object.fromEntries(FUSES.map((name, i) => [name, wire[i] === '1']))
}

interface Entry {
  size: number
  unpacked: boolean
}
/** Every file in the archive, by path without a leading slash. */
function archiveFiles(archive: string): Map<string, Entry> {
  const files = new Map<string, Entry>()
  type Node = { files?: Record<string, Node>; size?: number; unpacked?: boolean; link?: string }
  const walk = (node: Node, path: string) => {
    if (node.files)
      for (const [name, child] of Object.entries(node.files)) walk(child, path ? `${path}/${name}` : name)
    else if (node.link === undefined)
      files.set(path, { size: node.size ?? 0, unpacked: node.unpacked === true })
  }
  walk(asar.getRawHeader(archive).header, '')
  return files
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)).split('\\').join('/'))
}

/** Node's lookup: `name` from `fromDir`, up through the node_modules folders, not above `top`. */
function lookUp(
  name: string,
  fromDir: string,
  top: string,
  exists: (file: string) => boolean,
): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name)
    if (exists(join(candidate, 'package.json'))) return candidate
    if (dir === top || dir === dirname(dir)) return undefined
  }
}

function runtimeDependencies(manifest: PackageJson): { name: string; optional: boolean }[] {
  const optionalPeers = manifest.peerDependenciesMeta ?? {}
  return [
    ...Object.keys(manifest.dependencies ?? {}).map((name) => ({ name, optional: false })),
    ...Object.keys(manifest.optionalDependencies ?? {}).map((name) => ({ name, optional: true })),
    ...Object.keys(manifest.peerDependencies ?? {}).map((name) => ({
      name,
      optional: optionalPeers[name]?.optional === true,
    })),
  ]
}

/**
 * Walks the production dependency closure through the installed tree and, in step, through the
 * archive, so each package is looked up in the archive exactly as Node would from its dependent.
 */
function checkDependencies(archive: string, files: Map<string, Entry>): Set<string> {
  const inArchive = (file: string) => files.has(file.split('\\').join('/'))
  const closure = new Set<string>()
  const missing: string[] = []
  const queue = runtimeDependencies(pkg).map((dep) => ({
    ...dep,
    from: ROOT,
    fromArchive: '.',
    by: 'package.json',
  }))
  const seen = new Set<string>()
  for (let item = queue.shift(); item; item = queue.shift()) {
    const installed = lookUp(item.name, item.from, ROOT, existsSync)
    if (!installed) {
      if (!item.optional)
        missing.push(`${item.name} (needed by ${item.by}) is not installed: run npm install`)
      continue
    }
    const manifest = readJson(join(installed, 'package.json'))
    const id = `${manifest.name}@${manifest.version}`
    closure.add(id)
    const packed = lookUp(item.name, item.fromArchive, '.', inArchive)
    if (!packed) {
      missing.push(`${id}, needed by ${item.by}, is not in the archive`)
      continue
    }
    const packedVersion = readJsonFromArchive(archive, posix.join(packed, 'package.json')).version
    if (packedVersion !== manifest.version) {
      missing.push(`${id}, needed by ${item.by}: the archive resolves version ${packedVersion}`)
      continue
    }
    if (seen.has(installed)) continue
    seen.add(installed)
    for (const dep of runtimeDependencies(manifest))
      queue.push({ ...dep, from: installed, fromArchive: packed, by: id })
  }
  const direct = runtimeDependencies(pkg).filter((dep) => !dep.optional).length
  expectNone(
    `all ${direct} production dependencies and their ${closure.size} packages resolve from the archive`,
    missing,
  )
  return closure
}

function readJsonFromArchive(archive: string, file: string): PackageJson {
  return JSON.parse(asar.extractFile(archive, file).toString('utf8')) as PackageJson
}

function checkArchive(resources: string): void {
  const archive = join(resources, 'app.asar')
  const files = archiveFiles(archive)
  const paths = [...files.keys()]
  console.log(`  app.asar: ${files.size} files, ${(statSync(archive).size / 1e6).toFixed(1)} MB`)

  expectNone(
    `only ${[...TOP_LEVEL].join(', ')} at the top (no src, tests, bench, .cache, test-results, …)`,
    [...new Set(paths.map((path) => path.split('/')[0] ?? ''))].filter((top) => !TOP_LEVEL.has(top)),
  )
  expectNone(
    `out/ holds exactly ${APP_BUNDLES.join(', ')}`,
    [
      ...new Set(
        paths.filter((path) => path.startsWith('out/')).map((path) => path.split('/').slice(0, 2).join('/')),
      ),
    ]
      .filter((dir) => !APP_BUNDLES.includes(dir))
      .map((dir) => `${dir}/ is packaged but the app never runs it`),
  )
  const built = APP_BUNDLES.flatMap((dir) => filesUnder(join(ROOT, dir)))
  expectNone(
    `every built file of ${APP_BUNDLES.join(', ')} is packaged, byte for byte in size (${built.length} files)`,
    built.flatMap((file) => {
      const entry = files.get(file)
      if (!entry) return [`${file} is missing`]
      const size = statSync(join(ROOT, file)).size
      return entry.size === size ? [] : [`${file}: ${entry.size} bytes packaged, ${size} built`]
    }),
  )
  const main = posix.normalize(readJsonFromArchive(archive, 'package.json').main ?? 'index.js')
  report(files.has(main), `package.json's main (${main}) is in the archive`)

  const closure = checkDependencies(archive, files)
  const packaged = paths.filter((path) =>
    /(^|\/)node_modules\/(@[^/]+\/)?[^/@][^/]*\/package\.json$/.test(path),
  )
  const devOnly = new Set(Object.keys(pkg.devDependencies ?? {}))
  expectNone(
    `no package beyond that closure (none of the ${devOnly.size} dev dependencies or theirs)`,
    packaged.flatMap((file) => {
      const manifest = readJsonFromArchive(archive, file)
      const id = `${manifest.name}@${manifest.version}`
      if (closure.has(id)) return []
      return [`${dirname(file)} (${id})${devOnly.has(manifest.name) ? ', a dev dependency' : ''}`]
    }),
  )

  const natives = paths.filter((path) => path.endsWith('.node'))
  report(
    natives.some((path) => /(^|\/)node_modules\/keytar\/.+\.node$/.test(path)),
    `keytar's native module is packaged (${natives.length} .node file(s))`,
  )
  expectNone(
    'every .node file is unpacked into app.asar.unpacked, where the OS can load it',
    natives.flatMap((path) => {
      const unpacked = join(resources, 'app.asar.unpacked', path)
      if (!files.get(path)?.unpacked) return [`${path} is inside the archive`]
      if (!existsSync(unpacked)) return [`${path} is not in app.asar.unpacked`]
      return statSync(unpacked).size === files.get(path)?.size ? [] : [`${path} differs from its header`]
    }),
  )
}

/** ARCHITECTURE.md's security baseline: no running as plain Node, no code but the archive's. */
const BASELINE_FUSES: Record<string, boolean> = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
}

function checkFuses(executable: string): void {
  const fuses = readFuses(executable)
  const configured = config.electronFuses ?? {}
  const wrong = (wanted: Record<string, boolean>, source: string) =>
    Object.entries(wanted)
      .filter(([name, on]) => fuses?.[name] !== on)
      .map(([name, on]) => `${name} is ${String(fuses?.[name])}; ${source} wants ${String(on)}`)
  expectNone(`the executable's fuses are as ${CONFIG_FILE} sets them, within the security baseline`, [
    ...(fuses ? [] : ['no fuse wire found in the executable']),
    ...wrong(configured, CONFIG_FILE),
    ...wrong(BASELINE_FUSES, 'the security baseline'),
  ])
}

function main(): void {
  const missingBuild = APP_BUNDLES.filter(
    (dir) => !existsSync(join(ROOT, dir)) || filesUnder(join(ROOT, dir)).length === 0,
  )
  if (missingBuild.length > 0) {
    console.error(
      `dist:check needs the built app (${missingBuild.join(', ')} missing): run npm run build first.`,
    )
    process.exit(1)
  }
  const work = mkdtempSync(join(tmpdir(), 'keyfront-dist-check-'))
  try {
    const electronDir = join(work, 'electron')
    const output = join(work, 'dist')
    makeStandInElectron(electronDir)
    const builder = spawnSync(
      process.execPath,
      [
        join(ROOT, 'node_modules', 'electron-builder', 'cli.js'),
        ...['--linux', 'dir', '--config', CONFIG_FILE, '--publish', 'never'],
        `-c.electronDist=${electronDir}`,
        `-c.directories.output=${output}`,
      ],
      { cwd: ROOT, encoding: 'utf8' },
    )
    const log = `${builder.stdout}${builder.stderr}`.trim().split('\n')
    // linux-unpacked on x64, linux-<arch>-unpacked elsewhere.
    const unpacked = existsSync(output)
      ? readdirSync(output).find((name) => /^linux.*unpacked$/.test(name))
      : undefined
    const appDir = join(output, unpacked ?? 'linux-unpacked')
    const resources = join(appDir, 'resources')
    report(
      builder.status === 0 && existsSync(join(resources, 'app.asar')),
      'electron-builder packaged the app for Linux (--dir) with a stand-in Electron',
      builder.status === 0 ? [] : log.slice(-15),
    )
    expectNone(
      'electron-builder downloaded nothing',
      log.filter((line) => /download/i.test(line)),
    )
    if (failures > 0) return
    checkArchive(resources)
    checkFuses(join(appDir, pkg.name))

    const extracted = join(work, 'app')
    asar.extractAll(join(resources, 'app.asar'), extracted)
    const started = spawnSync(
      process.execPath,
      [join(import.meta.dirname, 'dist-check-main.ts'), extracted, join(work, 'user-data')],
      // Nothing outside the package may answer an import: no NODE_PATH, and the copy sits in a temp dir.
      { cwd: extracted, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NODE_PATH: '' } },
    )
    process.stdout.write(started.stdout)
    const failedInside = started.stdout.split('\n').filter((line) => line.startsWith('✗')).length
    failures += failedInside
    if (started.status !== 0 && failedInside === 0) {
      report(
        false,
        'the packaged main process could be started',
        started.stderr.trim().split('\n').slice(-15),
      )
    }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

main()
if (failures > 0) {
  console.error(`dist:check: ${failures} check(s) failed`)
  process.exit(1)
}
console.log('dist:check: the package holds what a user needs, and nothing of ours besides')
