// Signed links over the whole real core — KeyService and the Secret Service, the history database,
// LinkService — through the IPC router the app uses and through the CLI with a held key: sign,
// batch with progress events and cancel, inspect with the held key, copy again byte for byte, and
// no response ever carrying private key material.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Keyfront } from '../../src/core/app.ts'
import { createHandlerTable } from '../../src/main/ipc/handlers.ts'
import type { DesktopPorts } from '../../src/main/ipc/ports.ts'
import { createRouter, type Dispatch } from '../../src/main/ipc/router.ts'
import type { EventName, EventPayload } from '../../src/shared/contract/index.ts'
import type { BatchResult, InspectReport, SignedLink } from '../../src/shared/contract/links.ts'
import type { Envelope } from '../../src/shared/envelope.ts'
import { runCli } from '../harness/cli.ts'
import { containsPrivateMaterial, heldPrivateKey } from '../harness/key-fixtures.ts'
import { createTestKeyfront } from '../harness/keyfront.ts'

const service = `Keyfront-links-${randomBytes(4).toString('hex')}`
const dataDir = mkdtempSync(join(tmpdir(), 'keyfront-links-'))
const outDir = mkdtempSync(join(tmpdir(), 'keyfront-links-out-'))
const env = { KEYFRONT_DATA_DIR: dataDir, KEYFRONT_KEYCHAIN_SERVICE: service }
const events: { event: EventName; payload: EventPayload<EventName> }[] = []
const responses: string[] = []
const savePaths: (string | undefined)[] = []
let kf: Keyfront
let dispatch: Dispatch

async function value<T>(channel: string, payload: unknown): Promise<T> {
  const envelope = (await dispatch(channel, payload)) as Envelope<T>
  responses.push(JSON.stringify(envelope))
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`)
  return envelope.value
}

beforeAll(async () => {
  kf = createTestKeyfront({ dataDir, keychainService: service })
  const ports: DesktopPorts = {
    openExternal: async () => {},
    chooseSavePath: async () => savePaths.shift(),
    emit: (event, payload) => events.push({ event, payload }),
  }
  dispatch = createRouter(createHandlerTable(kf, ports))
  await kf.keys.create({ name: 'Shop RSA', type: 'rsa' })
  await kf.keys.setKeyPairId('Shop RSA', 'K2JCJMDEHXQW5F')
  await kf.keys.create({ name: 'Fresh', type: 'ecdsa' })
}, 120_000)

afterAll(async () => {
  for (const key of await kf.keys.list()) await kf.keys.delete(key.id)
  kf.close()
  rmSync(dataDir, { recursive: true, force: true })
  rmSync(outDir, { recursive: true, force: true })
})

const inAnHour = () => Math.floor(Date.now() / 1000) + 3600

describe('links channels over the real core', () => {
  it('signs, inspects with the held key, and copies the same URL again from the history', async () => {
    const link = await value<SignedLink>('links.sign', {
      key: 'Shop RSA',
      url: 'https://d111111abcdef8.cloudfront.net/invoices/2026 11.pdf',
      expiresAt: inAnHour(),
      label: 'Invoice for Ana',
    })
    expect(link).toMatchObject({ keyName: 'Shop RSA', keyPairId: 'K2JCJMDEHXQW5F', algorithm: 'rsa-sha1' })
    const report = await value<InspectReport>('links.inspect', { input: link.signedUrl })
    expect(report).toMatchObject({ validNow: true, heldKey: { name: 'Shop RSA' }, signature: 'verified' })
    const page = await value<{ entries: { id: number; label?: string }[] }>('history.list', { limit: 5 })
    expect(page.entries[0]?.label).toBe('Invoice for Ana')
    const again = await value<{ kind: string; url: string }>('history.copyAgain', { id: page.entries[0]?.id })
    expect(again).toEqual({ kind: 'url', url: link.signedUrl, sameLink: true })
  })

  it('refuses a key with no Key-Pair-Id, and a request with a malformed field, with their codes', async () => {
    const noId = await dispatch('links.sign', {
      key: 'Fresh',
      url: 'https://x.example/a',
      expiresAt: inAnHour(),
    })
    expect(noId).toMatchObject({ ok: false, error: { code: 'KEY_PAIR_ID_MISSING' } })
    const bad = await dispatch('links.sign', {
      key: 'Shop RSA',
      url: 'https://x.example/a',
      expiresAt: 'tomorrow',
    })
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  it('signs a batch with progress events for its task, in input order', async () => {
    const urls = Array.from({ length: 400 }, (_, i) => `https://d111111abcdef8.cloudfront.net/b/${i}.pdf`)
    const result = await value<BatchResult>('links.signBatch', {
      task: 'batch-1',
      key: 'Shop RSA',
      urls,
      expiresAt: inAnHour(),
    })
    expect(result.signedUrls).toHaveLength(400)
    result.signedUrls.forEach((url, i) => expect(url.startsWith(`${urls[i]}?Expires=`)).toBe(true))
    const progress = events.filter(
      (e) => e.event === 'task.progress' && (e.payload as { task: string }).task === 'batch-1',
    )
    expect(progress.at(-1)?.payload).toEqual({ task: 'batch-1', done: 400, total: 400 })
  })

  it('cancels a running batch from another request', async () => {
    const urls = Array.from({ length: 60_000 }, (_, i) => `https://d111111abcdef8.cloudfront.net/c/${i}.pdf`)
    const running = dispatch('links.signBatch', {
      task: 'batch-2',
      key: 'Shop RSA',
      urls,
      expiresAt: inAnHour(),
    })
    await expect
      .poll(() => events.some((e) => (e.payload as { task?: string }).task === 'batch-2'), {
        timeout: 20_000,
      })
      .toBe(true)
    expect(await dispatch('links.cancelBatch', { task: 'batch-2' })).toEqual({ ok: true, value: undefined })
    await expect(running).resolves.toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
    const page = await value<{ entries: { url: string }[] }>('history.list', { limit: 500 })
    expect(page.entries.some((e) => e.url.includes('/c/'))).toBe(false)
  })

  it('saves batch output where the user chose, owner-only', async () => {
    const path = join(outDir, 'links.csv')
    savePaths.push(path)
    expect(await value('links.saveOutput', { defaultName: 'links.csv', text: 'url,signed_url\n' })).toEqual({
      path,
    })
    expect(readFileSync(path, 'utf8')).toBe('url,signed_url\n')
    expect(statSync(path).mode & 0o777).toBe(0o600)
    savePaths.push(undefined)
    expect(await value('links.saveOutput', { defaultName: 'links.txt', text: 'x' })).toEqual({})
  })

  it('never sends private key material back', async () => {
    const key = await kf.keys.loadSigningKey('Shop RSA')
    expect(responses.length).toBeGreaterThan(5)
    for (const response of responses)
      expect(containsPrivateMaterial(response, heldPrivateKey(key))).toBe(false)
  })
})

describe('the CLI with a held key', () => {
  it('signs with --key NAME and inspects with exit 0; --key of a key without Key-Pair-Id exits 1', async () => {
    const signed = await runCli(
      ['sign', 'https://d111111abcdef8.cloudfront.net/x.pdf', '--key', 'shop rsa', '--expires', '90m'],
      { env },
    )
    expect(signed.code).toBe(0)
    const inspected = await runCli(['inspect', signed.stdout.trim()], { env })
    expect(inspected.code).toBe(0)
    expect(inspected.stdout).toMatch(/Key-Pair-Id K2JCJMDEHXQW5F \(key "Shop RSA"\)/)
    const noId = await runCli(['sign', 'https://x.example/a', '--key', 'Fresh', '--expires', '1h'], { env })
    expect(noId.code).toBe(1)
    expect(noId.stderr).toMatch(/"Fresh" has no Key-Pair-Id yet/)
  })
})
