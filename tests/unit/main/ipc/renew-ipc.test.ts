// Renewal and "expiring soon" through the router main registers, over the real core (keys in an
// in-memory keychain): the form's draft, the renewal itself, a far-reaching renewal confirmed
// first, the sidebar's count, and what "Copy again" says and is offered for.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Keyfront } from '../../../../src/core/app.ts'
import { createHandlerTable } from '../../../../src/main/ipc/handlers.ts'
import type { Confirmation } from '../../../../src/main/ipc/ports.ts'
import { createRouter, type Dispatch } from '../../../../src/main/ipc/router.ts'
import { createTestKeyfront } from '../../../harness/keyfront.ts'
import { memoryKeychain } from '../../core/cloudfront/world.ts'
import { record } from '../../core/history/fixtures.ts'

const HOST = 'https://d111111abcdef8.cloudfront.net'
const DAY = 86_400
const now = () => Math.floor(Date.now() / 1000)

describe('renewal and expiring-soon channels', () => {
  let dataDir: string
  let kf: Keyfront
  let dispatch: Dispatch
  const confirm = vi.fn(async (_question: Confirmation) => true)

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'keyfront-renew-ipc-'))
    kf = createTestKeyfront({ dataDir, keychain: memoryKeychain() })
    await kf.keys.create({ name: 'Main', type: 'ecdsa' })
    await kf.keys.setKeyPairId('Main', 'K2JCJMDEHXQW5F')
    confirm.mockClear()
    dispatch = createRouter(
      createHandlerTable(kf, {
        openExternal: async () => {},
        chooseSavePath: async () => undefined,
        emit: () => {},
        confirm,
      }),
    )
  })
  afterEach(() => {
    kf.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  async function signed(request: Record<string, unknown>): Promise<number> {
    const answer = await dispatch('links.sign', { key: 'Main', ...request })
    if (!answer.ok) throw new Error(answer.error.message)
    const link = answer.value as { policy: string; keyPairId: string }
    return kf.history.findByPolicy(link.policy, link.keyPairId)?.id ?? 0
  }

  it('fills the form, then renews as a new entry naming the old one', async () => {
    const id = await signed({ url: `${HOST}/a.pdf`, expiresAt: now() + DAY, label: 'for Ana' })
    const draft = await dispatch('history.renewal', { id })
    expect(draft).toMatchObject({
      ok: true,
      value: {
        from: id,
        url: `${HOST}/a.pdf`,
        label: 'for Ana',
        key: { name: 'Main' },
        durationSeconds: DAY,
      },
    })
    const answer = await dispatch('history.renew', { id, expiresAt: now() + 3 * DAY })
    expect(answer).toMatchObject({ ok: true, value: { renewedFrom: id, entryId: id + 1, label: 'for Ana' } })
    expect(confirm).not.toHaveBeenCalled()
    const listed = await dispatch('history.list', { limit: 5 })
    expect(listed).toMatchObject({
      ok: true,
      value: {
        entries: [
          { id: id + 1, renewedFrom: id, canCopyAgain: true },
          { id, renewedAs: id + 1 },
        ],
      },
    })
  })

  it('asks before renewing a link for more than a year, and renews nothing when told no', async () => {
    const id = await signed({ url: `${HOST}/a.pdf`, expiresAt: now() + DAY })
    confirm.mockResolvedValueOnce(false)
    const answer = await dispatch('history.renew', { id, expiresAt: now() + 2 * 365 * DAY })
    expect(answer).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
    expect(confirm.mock.calls[0]?.[0].detail).toMatch(/more than a year/)
    expect(kf.history.list({ limit: 5 }).entries).toHaveLength(1)
  })

  it('validates requests: entry ids, and no unknown request shapes', async () => {
    expect(await dispatch('history.renew', { id: 0 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    expect(await dispatch('history.renewal', {})).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    expect(await dispatch('history.renewal', { id: 99 })).toMatchObject({
      ok: false,
      error: { code: 'HISTORY_ENTRY_NOT_FOUND' },
    })
    expect(await dispatch('history.expiringCount', { within: 10 })).toMatchObject({ ok: false })
  })

  it('counts links expiring soon, 48 hours unless asked otherwise', async () => {
    kf.history.record([
      record({ expiresAt: now() + 3600 }),
      record({ expiresAt: now() + 3 * DAY }),
      record({ expiresAt: now() - 60 }),
    ])
    expect(await dispatch('history.expiringCount', undefined)).toEqual({
      ok: true,
      value: { count: 1, within: 48 * 3600 },
    })
    expect(await dispatch('history.expiringCount', { within: 4 * DAY })).toMatchObject({
      value: { count: 2 },
    })
  })

  it('says whether "Copy again" gives the same link, and marks which rows it is offered for', async () => {
    const id = await signed({ url: `${HOST}/a.pdf`, expiresAt: now() + DAY })
    const key = (await kf.keys.list())[0]
    kf.history.record([record({ keyId: key?.id, algorithm: 'ecdsa-sha1', expiresAt: now() - 60 })])
    expect(await dispatch('history.copyAgain', { id })).toMatchObject({
      ok: true,
      value: { sameLink: false },
    })
    const listed = await dispatch('history.list', { limit: 5 })
    expect(listed).toMatchObject({
      value: {
        entries: [
          { id: id + 1, canCopyAgain: false },
          { id, canCopyAgain: true },
        ],
      },
    })
    // The inspector signs expired entries again through the same channel, to show why they fail.
    expect(await dispatch('history.copyAgain', { id: id + 1 })).toMatchObject({ ok: true })
  })
})
