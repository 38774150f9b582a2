// The first step of `npm test`: checks that this machine has everything the test tiers drive for
// real — a new enough Node, installed packages, Chromium (e2e), D-Bus and gnome-keyring (keychain
// tests), and the independent implementations the tests compare against (OpenSSL, moto, the AWS
// CLI, botocore). Whatever is missing is named in one message with the commands that install it,
// before anything runs, rather than surfacing as dozens of failing tests. Plain JavaScript on
// purpose: it must run, and say "Node is too old", on a Node that cannot run TypeScript.
import { spawnSync } from 'node:child_process'
import { accessSync, constants, existsSync, readFileSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { fileURLToPath } from 'node:url'

// Not import.meta.dirname: older Node lacks it, and this script must reach its version check there.
const ROOT = fileURLToPath(new URL('..', import.meta.url))

function onPath(command) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && isExecutable(join(dir, command)))
}

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** The Python modules (of `names`) that python3 cannot find; all of them when there is no python3. */
function missingPythonModules(names) {
  if (!onPath('python3')) return names
  const probe =
    'import importlib.util, sys; print(" ".join(m for m in sys.argv[1:] if not importlib.util.find_spec(m)))'
  const result = spawnSync('python3', ['-c', probe, ...names], { encoding: 'utf8' })
  return result.status === 0 ? result.stdout.split(/\s+/).filter(Boolean) : names
}

function nodeIsRecentEnough() {
  const wanted = /(\d+)\.(\d+)/.exec(
    JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).engines.node,
  )
  const [major, minor] = process.versions.node.split('.').map(Number)
  const [needMajor, needMinor] = [Number(wanted[1]), Number(wanted[2])]
  return {
    ok: major > needMajor || (major === needMajor && minor >= needMinor),
    need: `${needMajor}.${needMinor}`,
  }
}

const chromium = process.env.KEYFRONT_CHROMIUM ?? '/usr/bin/chromium'
const node = nodeIsRecentEnough()
const pythonModules = missingPythonModules(['botocore', 'cryptography', 'moto'])

/** Each requirement: what it is for, whether it is here, and how it is installed. */
const requirements = [
  {
    what: `Node ${node.need} or newer (this is ${process.versions.node})`,
    ok: node.ok,
    fix: { shell: '. scripts/node24.sh' },
  },
  {
    what: 'the npm packages (keytar compiles against libsecret)',
    ok: existsSync(join(ROOT, 'node_modules', '.bin')),
    fix: { apt: 'libsecret-1-dev python3 make g++', shell: 'npm install' },
  },
  {
    what: `Chromium at ${chromium}, for the e2e tests`,
    ok: isExecutable(chromium),
    fix: { apt: 'chromium' },
  },
  {
    what: 'D-Bus (dbus-run-session, dbus-send), for the keychain tests',
    ok: onPath('dbus-run-session') && onPath('dbus-send'),
    fix: { apt: 'dbus' },
  },
  {
    what: 'gnome-keyring-daemon, the Secret Service of the keychain tests',
    ok: onPath('gnome-keyring-daemon'),
    fix: { apt: 'gnome-keyring' },
  },
  {
    what: 'secret-tool, to look into the keyring',
    ok: onPath('secret-tool'),
    fix: { apt: 'libsecret-tools' },
  },
  { what: 'openssl, to make and check keys', ok: onPath('openssl'), fix: { apt: 'openssl' } },
  {
    what: 'python3, for the signing oracles and moto',
    ok: onPath('python3'),
    fix: { apt: 'python3 python3-pip' },
  },
  {
    what: 'moto_server, the AWS emulator',
    ok: onPath('moto_server') || !pythonModules.includes('moto'),
    fix: { pip: "'moto[server]'" },
  },
  { what: 'the AWS CLI (aws), a signing oracle', ok: onPath('aws'), fix: { pip: 'awscli' } },
  {
    what: 'botocore and cryptography for python3, a signing oracle',
    ok: !pythonModules.includes('botocore') && !pythonModules.includes('cryptography'),
    fix: { pip: 'botocore cryptography' },
  },
]

const missing = requirements.filter((requirement) => !requirement.ok)
if (missing.length === 0) {
  console.log(`preflight: all ${requirements.length} test requirements found (Node ${process.versions.node})`)
  process.exit(0)
}

const fixes = (kind) => [...new Set(missing.flatMap((r) => r.fix[kind]?.split(' ') ?? []))]
const apt = fixes('apt')
const pip = fixes('pip')
const commands = [
  ...(apt.length > 0
    ? [`${process.getuid?.() === 0 ? '' : 'sudo '}apt-get install -y ${apt.join(' ')}`]
    : []),
  ...(pip.length > 0 ? [`python3 -m pip install ${pip.join(' ')}`] : []),
  ...missing.map((r) => r.fix.shell).filter(Boolean),
]

console.error(
  [
    'npm test stopped before running anything. The tests need what this machine lacks:',
    ...missing.map((r) => `  - ${r.what}`),
    '',
    'Install it (Debian/Ubuntu) with:',
    ...commands.map((command) => `  ${command}`),
    '',
    '`bash .ci/run` (as root) installs the Debian packages and Node 24 and then runs npm test, as CI does.',
  ].join('\n'),
)
process.exit(1)
