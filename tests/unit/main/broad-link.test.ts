// Far-reaching links — more than one site, or longer than a year — are signed only after the user
// confirms. The rule itself, then the links handlers over the real core (keys in an in-memory
// keychain): cancelled means nothing signed and nothing in the history.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Keyfront } from '../../../src/core/app.ts'
import { broadLinkReasons, YEAR_SECONDS } from '../../../src/main/ipc/broad-link.ts'
import { createHandlerTable } from '../../../src/main/ipc/handlers.ts'
import type { Confirmation } from '../../../src/main/ipc/ports.ts'
import { opensMoreThanOneSite } from '../../../src/shared/resource-pattern.ts'
import { createRouter, type Dispatch } from '../../../src/main/ipc/router.ts'
import { createTestKeyfront } from '../../harness/keyfront.ts'
import { memoryKeychain } from '../core/cloudfront/world.ts'

const HOST = 'https://d111111abcdef8.cloudfront.net'

describe('which links are far-reaching', () => {
  it.each([
    'https://*example.com/*',
    'https://*.cloudfront.net/*',
    'https://d111111abcdef8.cloudfront.net*',
    'https://d11111?abcdef8.cloudfront.net/a',
    '*://d111111abcdef8.cloudfront.net/*',
    'http*://d111111abcdef8.cloudfront.net/*',
    'https:///*',
    '*',
  ])('%s opens more than one site', (pattern) => expect(opensMoreThanOneSite(pattern)).toBe(true))

  it.each([`${HOST}/*`, `${HOST}/videos/*.mp4`, `${HOST}/a?.pdf`, `http://${HOST.slice(8)}/*`])(
    '%s is one site',
    (pattern) => expect(opensMoreThanOneSite(pattern)).toBe(false),
  )

  it('names each reason, and a link of one site for up to a year has none', () => {
    const now = 1_800_000_000
    expect(broadLinkReasons({ expiresAt: now + YEAR_SECONDS }, now)).toEqual([])
    expect(broadLinkReasons({ resource: `${HOST}/*`, expiresAt: now + 3600 }, now)).toEqual([])
    expect(broadLinkReasons({ resource: '*://*/*', expiresAt: now + YEAR_SECONDS + 1 }, now)).toEqual([
      'It opens files on every site whose address matches *://*/*.',
      expect.stringMatching(/^It works for more than a year: until 2028-/),
    ])
  })
})

describe('a URL that holds * is its own pattern', () => {
  it('is far-reaching with a wildcard host and no resource; a resource given decides instead', () => {
    const now = 1_800_000_000
    expect(broadLinkReasons({ url: 'https://*.example.com/a.pdf', expiresAt: now + 60 }, now)).toEqual([
      'It opens files on every site whose address matches https://*.example.com/a.pdf.',
    ])
    expect(broadLinkReasons({ url: `${HOST}/videos/*`, expiresAt: now + 60 }, now)).toEqual([])
    expect(
      broadLinkReasons(
        { url: 'https://*.example.com/a.pdf', resource: `${HOST}/*`, expiresAt: now + 60 },
        now,
      ),
    ).toEqual([])
  })
})

describe('the links handlers ask before signing a far-reaching link', () => {
  let dataDir: string
  let kf: Keyfront
  let dispatch: Dispatch
  const confirm = vi.fn(async (_question: Confirmation) => false)
  const inAnHour = () => Math.floor(Date.now() / 1000) + 3600
  const inTwoYears = () => Math.floor(Date.now() / 1000) + 2 * YEAR_SECONDS

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'keyfront-broad-'))
    kf = createTestKeyfront({ dataDir, keychain: memoryKeychain() })
    await kf.keys.create({ name: 'Main', type: 'ecdsa' })
    await kf.keys.setKeyPairId('Main', 'K2JCJMDEHXQW5F')
    dispatch = createRouter(
      createHandlerTable(kf, {
        openExternal: async () => {},
        chooseSavePath: async () => undefined,
        emit: () => {},
        confirm,
      }),
    )
  })
  afterAll(() => {
    kf.close()
    rmSync(dataDir, { recursive: true, force: true })
  })
  beforeEach(() => confirm.mockClear())

  it('cancelled: CANCELLED, nothing signed, nothing recorded', async () => {
    confirm.mockResolvedValueOnce(false)
    const answer = await dispatch('links.sign', {
      key: 'Main',
      url: `${HOST}/a.pdf`,
      resource: 'https://*/*',
      expiresAt: inAnHour(),
    })
    expect(answer).toEqual({
      ok: false,
      error: { code: 'CANCELLED', message: 'Nothing was signed: you chose not to.' },
    })
    expect(confirm).toHaveBeenCalledTimes(1)
    expect(confirm.mock.calls[0]?.[0]).toMatchObject({
      message: 'Sign this far-reaching link?',
      confirmLabel: 'Sign the link',
    })
    expect(kf.history.list({ limit: 10 }).entries).toEqual([])
  })

  it('confirmed: signed and recorded', async () => {
    confirm.mockResolvedValueOnce(true)
    const answer = await dispatch('links.sign', {
      key: 'Main',
      url: `${HOST}/a.pdf`,
      expiresAt: inTwoYears(),
    })
    expect(answer).toMatchObject({ ok: true, value: { url: `${HOST}/a.pdf` } })
    expect(confirm.mock.calls[0]?.[0].detail).toMatch(/works for more than a year/)
    expect(kf.history.list({ limit: 10 }).entries).toHaveLength(1)
  })

  it('a batch for more than a year is asked about too; a short one of one site is not', async () => {
    confirm.mockResolvedValueOnce(false)
    const urls = [`${HOST}/1.pdf`, `${HOST}/2.pdf`]
    const long = await dispatch('links.signBatch', { task: 'b1', key: 'Main', urls, expiresAt: inTwoYears() })
    expect(long).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
    expect(confirm.mock.calls[0]?.[0].message).toBe('Sign these far-reaching links?')
    const short = await dispatch('links.sign', { key: 'Main', url: `${HOST}/b.pdf`, expiresAt: inAnHour() })
    expect(short).toMatchObject({ ok: true })
    expect(confirm).toHaveBeenCalledTimes(1)
    expect(kf.history.list({ limit: 10 }).entries).toHaveLength(2)
  })

  it('refused when the shell cannot ask', async () => {
    const unasked = createRouter(
      createHandlerTable(kf, {
        openExternal: async () => {},
        chooseSavePath: async () => undefined,
        emit: () => {},
      }),
    )
    await expect(
      unasked('links.sign', { key: 'Main', url: `${HOST}/a.pdf`, expiresAt: inTwoYears() }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'CANCELLED', message: /could not ask you/ } })
  })
})
