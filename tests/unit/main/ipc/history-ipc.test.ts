// The history channels through the same router main registers, over the real core: requests are
// validated (limits, cursors, ids), pages come back with status and key, export asks where to save
// (and writes nothing when cancelled), delete and latest expiry per key work, and a history file
// that had to be moved aside is reported.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Keyfront } from '../../../../src/core/app.ts'
import { historyPath } from '../../../../src/core/history/database.ts'
import { createHandlerTable } from '../../../../src/main/ipc/handlers.ts'
import type { SaveFileRequest } from '../../../../src/main/ipc/ports.ts'
import { createRouter, type Dispatch } from '../../../../src/main/ipc/router.ts'
import type { HistoryPage } from '../../../../src/shared/contract/history.ts'
import { record, tempDir } from '../../core/history/fixtures.ts'
import { createTestKeyfront } from '../../../harness/keyfront.ts'

const NOW = Math.floor(Date.now() / 1000)

describe('history channels', () => {
  let dir: ReturnType<typeof tempDir>
  let kf: Keyfront
  let dispatch: Dispatch
  let dialogs: SaveFileRequest[]
  let nextPath: string | undefined

  function start(): void {
    kf = createTestKeyfront({ dataDir: dir.path, keychainService: `Keyfront-history-ipc-${process.pid}` })
    const ports = {
      openExternal: async () => {},
      chooseSavePath: async (request: SaveFileRequest) => {
        dialogs.push(request)
        return nextPath
      },
      emit: () => {},
    }
    dispatch = createRouter(createHandlerTable(kf, ports))
  }

  beforeEach(() => {
    dir = tempDir()
    dialogs = []
    nextPath = undefined
    start()
    kf.history.record([
      record({
        label: 'expired one',
        expiresAt: NOW - 60,
        keyId: 'k-old',
        keyPairId: 'K1',
        distributionId: 'E1',
      }),
      record({ label: 'working one', expiresAt: NOW + 3600, keyId: 'k-old', keyPairId: 'K1' }),
    ])
  })
  afterEach(() => {
    kf.close()
    dir.remove()
  })

  it('lists a page with status and what became of the key, and pages on with the cursor', async () => {
    const first = (await dispatch('history.list', { limit: 1 })) as { ok: true; value: HistoryPage }
    expect(first).toMatchObject({
      ok: true,
      value: {
        entries: [{ id: 2, label: 'working one', status: 'active', canSignAgain: false }],
        nextCursor: '2',
      },
    })
    expect(first.value.entries[0]?.keyName).toBeUndefined()
    expect(await dispatch('history.list', { limit: 1, cursor: first.value.nextCursor })).toMatchObject({
      ok: true,
      value: { entries: [{ id: 1, status: 'expired' }] },
    })
  })

  it('refuses requests outside the contract', async () => {
    for (const request of [
      { limit: 0 },
      { limit: 501 },
      { limit: 10, cursor: '1; DROP TABLE entries' },
      { limit: 10, search: 'x'.repeat(201) },
      { limit: 10, status: 'maybe' },
    ]) {
      expect(await dispatch('history.list', request)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      })
    }
    expect(await dispatch('history.delete', { id: -1 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
  })

  it('deletes an entry, and says when there is none', async () => {
    expect(await dispatch('history.delete', { id: 1 })).toEqual({ ok: true, value: undefined })
    expect(await dispatch('history.delete', { id: 1 })).toMatchObject({
      ok: false,
      error: { code: 'HISTORY_ENTRY_NOT_FOUND' },
    })
  })

  it('exports to the chosen file, and writes nothing when the dialog is cancelled', async () => {
    expect(await dispatch('history.export', { includeSignedUrls: false })).toEqual({
      ok: true,
      value: { count: 0 },
    })
    expect(dialogs).toHaveLength(1)
    nextPath = join(dir.path, 'out.csv')
    expect(await dispatch('history.export', { includeSignedUrls: false, status: 'active' })).toEqual({
      ok: true,
      value: { path: nextPath, count: 1 },
    })
    expect(readFileSync(nextPath, 'utf8')).toContain('working one')
    expect(dialogs[1]).toMatchObject({ title: 'Export the link history', filters: [{ extensions: ['csv'] }] })
  })

  it('tells the latest expiry per key, and the distributions in the history', async () => {
    expect(await dispatch('history.latestExpiryPerKey', undefined)).toEqual({
      ok: true,
      value: [{ keyId: 'k-old', keyPairIds: ['K1'], latestExpiresAt: NOW + 3600, links: 2, activeLinks: 1 }],
    })
    expect(await dispatch('history.info', undefined)).toEqual({
      ok: true,
      value: { distributionIds: ['E1'] },
    })
  })

  it('reports where an unreadable history file was moved', async () => {
    kf.close()
    writeFileSync(historyPath(dir.path), 'not a database at all '.repeat(100))
    start()
    const info = (await dispatch('history.info', undefined)) as {
      ok: true
      value: { recoveredFrom?: string }
    }
    expect(info.value.recoveredFrom).toMatch(/history\.sqlite\.corrupt-\d{8}T\d{6}Z$/)
    expect(existsSync(info.value.recoveredFrom ?? '')).toBe(true)
  })
})
