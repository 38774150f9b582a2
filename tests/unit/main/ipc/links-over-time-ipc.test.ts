// Main's side of "links over time" in the window, through the real router and handler table over
// the real core: a QR code saved as PNG or SVG only when it is that kind of image (and nothing in
// an SVG could run), owner-only, where the save dialog said; a site renamed on this computer; and
// an unreadable history file moved aside is told to the window as an event the contract accepts.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import QRCode from 'qrcode'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Keyfront } from '../../../../src/core/app.ts'
import { SignedSites } from '../../../../src/core/cloudfront/signed-sites.ts'
import { checkedEmit } from '../../../../src/main/ipc/events.ts'
import { createHandlerTable } from '../../../../src/main/ipc/handlers.ts'
import { forwardHistoryReset } from '../../../../src/main/ipc/history-reset.ts'
import type { SaveFileRequest } from '../../../../src/main/ipc/ports.ts'
import { createRouter, type Dispatch } from '../../../../src/main/ipc/router.ts'
import { createTestKeyfront } from '../../../harness/keyfront.ts'
import { memoryKeychain } from '../../core/cloudfront/world.ts'

const LINK =
  'https://d111111abcdef8.cloudfront.net/a.pdf?Expires=2000000000&Key-Pair-Id=K2JCJMDEHXQW5F&Signature=abc'

let dataDir: string
let kf: Keyfront
let dispatch: Dispatch
let dialogs: SaveFileRequest[]
let nextPath: string | undefined
let events: { event: string; payload: unknown }[]

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'keyfront-over-time-ipc-'))
  kf = createTestKeyfront({ dataDir, keychain: memoryKeychain() })
  dialogs = []
  events = []
  nextPath = undefined
  dispatch = createRouter(
    createHandlerTable(kf, {
      openExternal: async () => {},
      chooseSavePath: async (request) => {
        dialogs.push(request)
        return nextPath
      },
      emit: (event, payload) => events.push({ event, payload }),
    }),
  )
})
afterEach(() => {
  kf.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('links.saveQrCode', () => {
  it('writes a PNG byte for byte, owner-only, where the dialog chose, with a PNG filter', async () => {
    const png = await QRCode.toBuffer(LINK, { errorCorrectionLevel: 'L' })
    nextPath = join(dataDir, 'code.png')
    const answer = await dispatch('links.saveQrCode', {
      format: 'png',
      defaultName: '../../QR code For Ana.png',
      image: png.toString('base64'),
    })
    expect(answer).toEqual({ ok: true, value: { path: nextPath } })
    expect(readFileSync(nextPath).equals(png)).toBe(true)
    expect(statSync(nextPath).mode & 0o777).toBe(0o600)
    expect(dialogs).toEqual([
      {
        title: 'Save the QR code',
        defaultName: 'QR code For Ana.png',
        filters: [{ name: 'PNG image', extensions: ['png'] }],
      },
    ])
  })

  it('writes the SVG text as given', async () => {
    const svg = await QRCode.toString(LINK, { type: 'svg' })
    nextPath = join(dataDir, 'code.svg')
    await expect(
      dispatch('links.saveQrCode', { format: 'svg', defaultName: 'code.svg', image: svg }),
    ).resolves.toEqual({ ok: true, value: { path: nextPath } })
    expect(readFileSync(nextPath, 'utf8')).toBe(svg)
    expect(dialogs[0]?.filters).toEqual([{ name: 'SVG image', extensions: ['svg'] }])
  })

  it('refuses what is not the image it claims to be, before any dialog', async () => {
    const refused = [
      { format: 'svg', image: '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>' },
      { format: 'svg', image: '<svg onload="alert(1)"></svg>' },
      { format: 'svg', image: '<html><body>not an image</body></html>' },
      { format: 'png', image: Buffer.from('GIF89a not a png').toString('base64') },
      { format: 'png', image: 'not base64 at all!' },
    ]
    for (const request of refused) {
      await expect(dispatch('links.saveQrCode', { ...request, defaultName: 'x' })).resolves.toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      })
    }
    expect(dialogs).toEqual([])
  })

  it('writes nothing when the dialog is cancelled', async () => {
    const svg = await QRCode.toString(LINK, { type: 'svg' })
    await expect(
      dispatch('links.saveQrCode', { format: 'svg', defaultName: 'code.svg', image: svg }),
    ).resolves.toEqual({ ok: true, value: {} })
  })
})

describe('cloudfront.renameSite', () => {
  it('names a site here and answers with it; an unknown site says what to do', async () => {
    await new SignedSites(dataDir).remember({
      distributionId: 'E2QWRUHAPOMQZL',
      domainName: 'd111111abcdef8.cloudfront.net',
      aliases: [],
      keyId: 'key-1',
      keyPairId: 'K2JCJMDEHXQW5F',
      keyGroupId: 'group-1',
      keyGroupName: 'keyfront-E2QWRUHAPOMQZL',
      restrictedPaths: ['*'],
      accountId: '123456789012',
      onboardedAt: 1,
    })
    await expect(
      dispatch('cloudfront.renameSite', { distributionId: 'E2QWRUHAPOMQZL', name: 'Client files' }),
    ).resolves.toMatchObject({ ok: true, value: { name: 'Client files' } })
    await expect(dispatch('cloudfront.sites', undefined)).resolves.toMatchObject({
      ok: true,
      value: [{ name: 'Client files' }],
    })
    await expect(
      dispatch('cloudfront.renameSite', { distributionId: 'E0000000000000', name: 'Other' }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'SITE_NOT_FOUND' } })
  })
})

describe('history reset event', () => {
  it('tells the window where an unreadable history file was moved, in a payload the contract accepts', () => {
    writeFileSync(join(dataDir, 'history.sqlite'), 'this is not a database')
    const sent: { event: string; payload: unknown }[] = []
    const stop = forwardHistoryReset(
      kf,
      checkedEmit((event, payload) => sent.push({ event, payload })),
    )
    expect(kf.history.recoveredFrom).toMatch(/history\.sqlite\.corrupt-/)
    expect(sent).toEqual([{ event: 'history.reset', payload: { movedTo: kf.history.recoveredFrom } }])
    stop()
  })
})
