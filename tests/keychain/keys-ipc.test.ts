// The keys.* channels through the real IPC router (request validation, response shaping) over the
// real core and Secret Service: what the renderer gets back, error codes it reacts to, the export
// save dialog — and that no response ever carries private key material.
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Keyfront } from '../../src/core/app.ts'
import { keysHandlers } from '../../src/main/ipc/keys.ts'
import type { DesktopPorts, SaveFileRequest } from '../../src/main/ipc/ports.ts'
import { createRouter, type HandlerTable } from '../../src/main/ipc/router.ts'
import type { Envelope } from '../../src/shared/envelope.ts'
import {
  PASSPHRASE,
  containsPrivateMaterial,
  keyFromFile,
  makeKeyFixtures,
  opensslFingerprint,
  type KeyFixtures,
  heldPrivateKey,
} from '../harness/key-fixtures.ts'
import { createTestKeyfront } from '../harness/keyfront.ts'

const service = `Keyfront-ipc-${randomBytes(4).toString('hex')}`
const dataDir = mkdtempSync(join(tmpdir(), 'keyfront-ipc-'))
const outDir = mkdtempSync(join(tmpdir(), 'keyfront-ipc-out-'))
let fixtures: KeyFixtures
let kf: Keyfront
const dialogs: SaveFileRequest[] = []
const nextPaths: (string | undefined)[] = []
const responses: string[] = []
let dispatch: (channel: string, payload: unknown) => Promise<Envelope<unknown>>

async function ask<T = unknown>(channel: string, payload: unknown): Promise<Envelope<T>> {
  const envelope = await dispatch(channel, payload)
  responses.push(JSON.stringify(envelope))
  return envelope as Envelope<T>
}

async function value<T>(channel: string, payload: unknown): Promise<T> {
  const envelope = await ask<T>(channel, payload)
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.code} ${envelope.error.message}`)
  return envelope.value
}

beforeAll(() => {
  fixtures = makeKeyFixtures()
  kf = createTestKeyfront({ dataDir, keychainService: service })
  const ports: DesktopPorts = {
    openExternal: async () => {},
    chooseSavePath: async (request) => {
      dialogs.push(request)
      return nextPaths.shift()
    },
    emit: () => {},
  }
  dispatch = createRouter(keysHandlers(kf, ports) as unknown as HandlerTable)
}, 120_000)

afterAll(async () => {
  for (const key of await kf.keys.list()) await kf.keys.delete(key.id)
  kf.close()
  for (const dir of [dataDir, outDir, fixtures.dir]) rmSync(dir, { recursive: true, force: true })
})

describe('keys channels', () => {
  it('create, import (asking for the passphrase when needed), list and show', async () => {
    const created = await value<{ id: string; type: string }>('keys.create', {
      name: 'App key',
      type: 'ecdsa',
    })
    expect(created.type).toBe('ecdsa')
    const pem = fixtures.text('rsa-pkcs8-encrypted')
    expect(await ask('keys.import', { name: 'Pasted', pem })).toMatchObject({
      ok: false,
      error: { code: 'KEY_PASSPHRASE_REQUIRED' },
    })
    expect(await ask('keys.import', { name: 'Pasted', pem, passphrase: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'KEY_WRONG_PASSPHRASE' },
    })
    const imported = await value<{ fingerprint: string }>('keys.import', {
      name: 'Pasted',
      pem,
      passphrase: PASSPHRASE,
    })
    expect(imported.fingerprint).toBe(opensslFingerprint(fixtures.path('rsa-pkcs8-encrypted'), PASSPHRASE))
    expect(await value<{ name: string }[]>('keys.list', undefined)).toEqual([
      expect.objectContaining({ name: 'App key' }),
      expect.objectContaining({ name: 'Pasted' }),
    ])
    const shown = await value<{ publicKeyPem: string }>('keys.show', { ref: 'Pasted' })
    expect(shown.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/)
  })

  it('validates requests before the core sees them', async () => {
    expect(await ask('keys.import', { name: 'Big', pem: 'x'.repeat(64 * 1024 + 1) })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    expect(await ask('keys.create', { name: 'x', type: 'dsa' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    expect(await ask('keys.show', { ref: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  it('rename, set the Key-Pair-Id (validated), and delete saying the key had been uploaded', async () => {
    await value('keys.create', { name: 'Temp', type: 'ecdsa' })
    expect(await value('keys.rename', { ref: 'Temp', name: 'Temporary' })).toMatchObject({
      name: 'Temporary',
    })
    expect(await ask('keys.setKeyPairId', { ref: 'Temporary', keyPairId: 'K123' })).toMatchObject({
      ok: false,
      error: { code: 'KEY_PAIR_ID_INVALID' },
    })
    expect(await value('keys.setKeyPairId', { ref: 'Temporary', keyPairId: 'KABCDEFGHIJ123' })).toMatchObject(
      {
        keyPairId: 'KABCDEFGHIJ123',
      },
    )
    expect(await value('keys.delete', { ref: 'Temporary' })).toEqual({
      name: 'Temporary',
      wasUploaded: true,
      keyPairIds: ['KABCDEFGHIJ123'],
    })
    expect(await ask('keys.show', { ref: 'Temporary' })).toMatchObject({
      ok: false,
      error: { code: 'KEY_NOT_FOUND' },
    })
  })

  it('exportPrivate: asks where to save, writes encrypted PKCS#8 with mode 0600, or does nothing if cancelled', async () => {
    const short = await ask('keys.exportPrivate', { ref: 'App key', passphrase: 'short' })
    expect(short).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(dialogs, 'no dialog for a passphrase that is too short').toEqual([])

    nextPaths.push(undefined)
    expect(await value('keys.exportPrivate', { ref: 'App key', passphrase: PASSPHRASE })).toEqual({
      cancelled: true,
    })
    expect(dialogs[0]).toMatchObject({ defaultName: 'App-key.private.pem' })

    const out = join(outDir, 'app-key.pem')
    nextPaths.push(out)
    expect(await value('keys.exportPrivate', { ref: 'App key', passphrase: PASSPHRASE })).toEqual({
      saved: out,
    })
    expect(statSync(out).mode & 0o777).toBe(0o600)
    expect(readFileSync(out, 'utf8')).toMatch(/^-{5}BEGIN ENCRYPTED PRIVATE KEY-{5}/)
    const appKey = await kf.keys.find('App key')
    expect(opensslFingerprint(out, PASSPHRASE)).toBe(appKey.fingerprint)
    expect(existsSync(join(outDir, 'cancelled.pem'))).toBe(false)
  })

  it('no response carried any private key material', async () => {
    const appKey = heldPrivateKey(await kf.keys.loadSigningKey('App key'))
    const pasted = keyFromFile(fixtures.path('rsa-pkcs8-encrypted'), PASSPHRASE)
    const all = responses.join('\n')
    expect(responses.length).toBeGreaterThan(15)
    expect(containsPrivateMaterial(all, appKey)).toBe(false)
    expect(containsPrivateMaterial(all, pasted)).toBe(false)
    expect(all).not.toContain('PRIVATE KEY')
  })
})
