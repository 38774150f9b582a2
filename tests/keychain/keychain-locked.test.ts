// What a user sees when the Secret Service is there but cannot be used: a locked login keyring
// (libsecret then answers "not found" on reads instead of an error), and a keyring daemon with no
// default keyring at all. Each case runs in its own private D-Bus session with its own
// gnome-keyring, since locking the shared test keyring would break the other tests.
import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'

/** Runs `script` (an ES module, may import src/*.ts) in a fresh D-Bus session and returns its JSON output. */
function inPrivateKeyring(unlock: boolean, script: string): Record<string, unknown> {
  const start = unlock
    ? 'echo test-pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null'
    : 'gnome-keyring-daemon --start --components=secrets >/dev/null </dev/null'
  const result = spawnSync(
    'dbus-run-session',
    [
      '--',
      'sh',
      '-c',
      `home=$(mktemp -d); export HOME="$home" XDG_DATA_HOME="$home/data" XDG_RUNTIME_DIR="$home/run" KEYFRONT_DATA_DIR="$home/kf"
       mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
       ${start}
       "$0" --input-type=module -e "$1"; status=$?; rm -rf "$home"; exit $status`,
      process.execPath,
      script,
    ],
    { encoding: 'utf8', cwd: process.cwd(), timeout: 60_000 },
  )
  const line = result.stdout.trim().split('\n').at(-1) ?? ''
  try {
    return JSON.parse(line) as Record<string, unknown>
  } catch {
    throw new Error(`no result from the private keyring run:\n${result.stdout}\n${result.stderr}`)
  }
}

const setup = `
  import { spawnSync } from 'node:child_process'
  import { createKeytarKeychain } from './src/core/keychain/keytar-keychain.ts'
  import { KeyService } from './src/core/keys/key-service.ts'
  const keychain = createKeytarKeychain('Keyfront-locked-test')
  const keys = new KeyService({ dataDir: process.env.KEYFRONT_DATA_DIR, keychain, clock: { now: () => Date.now() } })
  const outcome = (promise) => promise.then((value) => ({ ok: value ?? null }), (e) => ({ code: e.code, message: e.message }))
`

describe('a locked keychain', () => {
  it('is reported as locked, with what to do, for reads, writes and deletes — and changes nothing', () => {
    const result = inPrivateKeyring(
      true,
      `${setup}
      const before = await keys.create({ name: 'Stored earlier', type: 'ecdsa' })
      const lock = spawnSync('dbus-send', ['--session', '--print-reply', '--dest=org.freedesktop.secrets',
        '/org/freedesktop/secrets', 'org.freedesktop.Secret.Service.Lock',
        'array:objpath:/org/freedesktop/secrets/collection/login'])
      console.log(JSON.stringify({
        locked: lock.status === 0,
        load: await outcome(keys.loadSigningKey('Stored earlier')),
        create: await outcome(keys.create({ name: 'New', type: 'ecdsa' })),
        remove: await outcome(keys.delete('Stored earlier')),
        get: await outcome(keychain.get(before.id)),
        listed: (await keys.list()).map((k) => k.name),
      }))`,
    )
    expect(result.locked).toBe(true)
    for (const operation of ['load', 'create', 'remove', 'get']) {
      expect(result[operation], operation).toMatchObject({
        code: 'KEYCHAIN_LOCKED',
        message: expect.stringMatching(/keychain is locked.*Unlock it/) as unknown,
      })
    }
    expect(result.listed).toEqual(['Stored earlier'])
  })
})

describe('a keyring daemon without a default keyring', () => {
  it('says there is no keyring to keep keys in, and lists keys without needing one', () => {
    const result = inPrivateKeyring(
      false,
      `${setup}
      console.log(JSON.stringify({
        create: await outcome(keys.create({ name: 'New', type: 'ecdsa' })),
        list: await outcome(keys.list()),
      }))`,
    )
    expect(result.create).toMatchObject({
      code: 'KEYCHAIN_UNAVAILABLE',
      message: expect.stringContaining('no default keyring') as unknown,
    })
    expect(result.list).toEqual({ ok: [] })
  })
})
