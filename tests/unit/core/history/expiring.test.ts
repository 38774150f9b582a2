// "Expiring soon": the History filter and the sidebar's count. Both take the links still working
// that stop within the window, leave out links already renewed (the renewal took their place) and
// expired ones, and agree with each other; History rows say whether "Copy again" gives a working link.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { describeEntries, expiringCount } from '../../../../src/core/history/actions.ts'
import { HistoryStore } from '../../../../src/core/history/history-store.ts'
import { EXPIRING_SOON_SECONDS } from '../../../../src/shared/expiry.ts'
import { record, tempDir, testClock } from './fixtures.ts'

const NOW = Date.UTC(2030, 0, 1) / 1000
const HOUR = 3600

describe('links expiring soon', () => {
  let dir: ReturnType<typeof tempDir>
  let store: HistoryStore

  beforeEach(() => {
    dir = tempDir()
    store = new HistoryStore({ dataDir: dir.path, clock: testClock(NOW * 1000) })
    store.record([
      record({ label: 'expired an hour ago', expiresAt: NOW - HOUR }),
      record({ label: 'expires in 1 hour', expiresAt: NOW + HOUR }),
      record({ label: 'expires in 47 hours, renewed', expiresAt: NOW + 47 * HOUR }),
      record({ label: 'expires in 48 hours', expiresAt: NOW + 48 * HOUR }),
      record({ label: 'expires in 49 hours', expiresAt: NOW + 49 * HOUR }),
      record({ label: 'expires in 30 days', expiresAt: NOW + 30 * 24 * HOUR }),
    ])
    store.record([record({ label: 'the renewal of 3', expiresAt: NOW + 30 * 24 * HOUR, renewedFrom: 3 })])
  })
  afterEach(() => {
    store.close()
    dir.remove()
  })

  const labels = (within: number, extra: object = {}) =>
    store.list({ limit: 50, expiringWithin: within, ...extra }).entries.map((entry) => entry.label)

  it('lists links still working that stop within the window, newest first, without those renewed', () => {
    expect(labels(EXPIRING_SOON_SECONDS)).toEqual(['expires in 48 hours', 'expires in 1 hour'])
    expect(labels(2 * HOUR)).toEqual(['expires in 1 hour'])
    expect(labels(50 * HOUR)).toEqual(['expires in 49 hours', 'expires in 48 hours', 'expires in 1 hour'])
  })

  it('combines with the other filters', () => {
    expect(labels(EXPIRING_SOON_SECONDS, { search: 'hour' })).toEqual([
      'expires in 48 hours',
      'expires in 1 hour',
    ])
    expect(labels(EXPIRING_SOON_SECONDS, { search: '48' })).toEqual(['expires in 48 hours'])
    expect(labels(EXPIRING_SOON_SECONDS, { status: 'expired' })).toEqual([])
  })

  it('counts what the filter lists (48 hours unless told otherwise)', () => {
    expect(expiringCount({ history: store })).toEqual({ count: 2, within: EXPIRING_SOON_SECONDS })
    expect(expiringCount({ history: store }, 50 * HOUR)).toEqual({ count: 3, within: 50 * HOUR })
  })

  it('names the renewal on the entry it renews', () => {
    const [renewed] = store.list({ limit: 1, search: 'renewed' }).entries
    expect(renewed).toMatchObject({ id: 3, renewedAs: 7 })
    expect(store.get(7)).toMatchObject({ renewedFrom: 3 })
    expect(store.get(7).renewedAs).toBeUndefined()
  })

  it('offers "Copy again" only while the key is held and the link has not expired', () => {
    const keys = [
      {
        id: 'key-1',
        name: 'Main',
        type: 'rsa' as const,
        fingerprint: 'AA',
        createdAt: 0,
        uploads: [],
        custody: 'keychain' as const,
      },
    ]
    const items = describeEntries(store.list({ limit: 50 }).entries, keys, NOW)
    const copyable = (label: string) => items.find((item) => item.label === label)?.canCopyAgain
    expect(copyable('expires in 1 hour')).toBe(true)
    expect(copyable('expired an hour ago')).toBe(false)
    expect(describeEntries(store.list({ limit: 1 }).entries, [], NOW)[0]?.canCopyAgain).toBe(false)
  })
})
