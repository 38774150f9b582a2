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

/**
 * Runs `before` with an unlocked keyring (it may lock it), then unlocks the keyring again the way
 * a user logging in would (a fresh daemon given the password) and runs `after` in a new process.
 * Returns the JSON each printed last.
 */
function aroundUnlock(before: string, after: string): [Record<string, unknown>, Record<string, unknown>] {
  const result = spawnSync(
    'dbus-run-session',
    [
      '--',
      'sh',
      '-c',
      `home=$(mktemp -d); export HOME="$home" XDG_DATA_HOME="$home/data" XDG_RUNTIME_DIR="$home/run" KEYFRONT_DATA_DIR="$home/kf"
       mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
       echo test-pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null
       "$0" --input-type=module -e "$1"
       echo test-pass | gnome-keyring-daemon --unlock --replace --components=secrets >/dev/null 2>&1
       "$0" --input-type=module -e "$2"; status=$?; rm -rf "$home"; exit $status`,
      process.execPath,
      before,
      after,
    ],
    { encoding: 'utf8', cwd: process.cwd(), timeout: 60_000 },
  )
  const lines = result.stdout.split('\n').filter((line) => line.startsWith('{'))
  try {
    const [first, second] = lines.map((line) => JSON.parse(line) as Record<string, unknown>)
    if (first && second) return [first, second]
  } catch {
    // Reported below.
  }
  throw new Error(`no results from the private keyring runs:\n${result.stdout}\n${result.stderr}`)
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

describe('deleting while the keychain is locked', () => {
  it('leaves the key and the access key listed with their secrets, and deleting again after unlocking finishes', () => {
    const withAccounts = `${setup}
      import { AwsAccounts } from './src/core/aws/accounts.ts'
      const aws = new AwsAccounts({ dataDir: process.env.KEYFRONT_DATA_DIR, keychain, clock: { now: () => Date.now() }, aws: {} })
      const profiles = async () => (await aws.profiles()).profiles.filter((p) => p.source === 'keyfront').map((p) => p.name)`
    const [locked, unlocked] = aroundUnlock(
      `${withAccounts}
      const key = await keys.create({ name: 'Old key', type: 'ecdsa' })
      await aws.addAccessKey({ name: 'office', accessKeyId: 'AKIAOFFICE0000000003', secretAccessKey: 'office-secret' })
      spawnSync('dbus-send', ['--session', '--print-reply', '--dest=org.freedesktop.secrets',
        '/org/freedesktop/secrets', 'org.freedesktop.Secret.Service.Lock',
        'array:objpath:/org/freedesktop/secrets/collection/login'])
      console.log(JSON.stringify({
        deleteKey: await outcome(keys.delete('Old key')),
        removeAccessKey: await outcome(aws.removeAccessKey('office')),
        keys: (await keys.list()).map((k) => k.name),
        profiles: await profiles(),
        keyId: key.id,
      }))`,
      `${withAccounts}
      const [key] = await keys.list()
      const secrets = { key: (await keychain.get(key.id)) !== null, accessKey: await keychain.get('aws:office') }
      const signs = await outcome(keys.loadSigningKey('Old key').then(() => true))
      console.log(JSON.stringify({
        secrets,
        signs,
        deleteKey: await outcome(keys.delete('Old key').then((d) => d.name)),
        removeAccessKey: await outcome(aws.removeAccessKey('office')),
        keys: (await keys.list()).map((k) => k.name),
        profiles: await profiles(),
        secretsAfter: [await keychain.get(key.id), await keychain.get('aws:office')],
      }))`,
    )
    expect(locked).toMatchObject({
      deleteKey: { code: 'KEYCHAIN_LOCKED' },
      removeAccessKey: { code: 'KEYCHAIN_LOCKED' },
      keys: ['Old key'],
      profiles: ['office'],
    })
    expect(unlocked).toEqual({
      secrets: { key: true, accessKey: 'office-secret' },
      signs: { ok: true },
      deleteKey: { ok: 'Old key' },
      removeAccessKey: { ok: null },
      keys: [],
      profiles: [],
      secretsAfter: [null, null],
    })
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
