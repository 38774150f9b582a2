// HistoryStore's reads and writes: batches recorded in order, newest first with keyset paging,
// search over label and URL (substrings, several words, short words), filters by status, key and
// distribution, finding an entry by its policy, deleting, and the latest expiry per key.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { HistoryStore } from '../../../../src/core/history/history-store.ts'
import type { HistoryEntry } from '../../../../src/shared/contract/history.ts'
import { KeyfrontError } from '../../../../src/shared/errors.ts'
import { record, tempDir, testClock, type TestClock } from './fixtures.ts'

const NOW = Date.UTC(2030, 0, 1) / 1000
const HOUR = 3600

describe('HistoryStore', () => {
  let dir: ReturnType<typeof tempDir>
  let clock: TestClock
  let store: HistoryStore

  beforeEach(() => {
    dir = tempDir()
    clock = testClock()
    store = new HistoryStore({ dataDir: dir.path, clock })
  })
  afterEach(() => {
    store.close()
    dir.remove()
  })

  const labels = (entries: HistoryEntry[]) => entries.map((entry) => entry.label)

  it('records every field of a link and gives it an id and the creation time', () => {
    const link = record({
      label: 'for ACME, invoice 42',
      startsAt: NOW - 60,
      ipAddress: '192.0.2.0/24',
      distributionId: 'E2QWRUHAPOMQZL',
      algorithm: 'rsa-sha256',
      source: 'batch',
    })
    store.record([link])
    const [entry] = store.list({ limit: 10 }).entries
    expect(entry).toEqual({ ...link, id: 1, createdAt: clock.now() })
    expect(store.get(1)).toEqual(entry)
  })

  it('lists newest first and pages through everything exactly once', () => {
    store.record(Array.from({ length: 25 }, (_, i) => record({ label: `link ${i}` })))
    const seen: string[] = []
    let cursor: string | undefined
    let pages = 0
    do {
      const page = store.list({ limit: 10, cursor })
      seen.push(...labels(page.entries).map(String))
      cursor = page.nextCursor
      pages++
    } while (cursor)
    expect(pages).toBe(3)
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `link ${24 - i}`))
  })

  it('says no more pages follow when the last page is exactly full', () => {
    store.record(Array.from({ length: 10 }, () => record()))
    expect(store.list({ limit: 10 }).nextCursor).toBeUndefined()
  })

  it('finds entries by words and beginnings of words in the label or the URL, ignoring case and accents', () => {
    store.record([
      record({ label: 'For ACME, invoice 42', url: 'https://d1.cloudfront.net/a/summary.pdf' }),
      record({ label: 'Board pack', url: 'https://d1.cloudfront.net/board/Q3-Results.pdf' }),
      record({ label: 'Résumé de Zoë', url: 'https://d1.cloudfront.net/videos/launch.mp4' }),
    ])
    const find = (search: string) => labels(store.list({ limit: 10, search }).entries)
    expect(find('acme')).toEqual(['For ACME, invoice 42'])
    expect(find('invo')).toEqual(['For ACME, invoice 42'])
    expect(find('q3-res')).toEqual(['Board pack'])
    expect(find('LAUNCH.mp4')).toEqual(['Résumé de Zoë'])
    expect(find('resume zoe')).toEqual(['Résumé de Zoë'])
    expect(find('cloudfront.net')).toHaveLength(3)
    expect(find('nothing like this')).toEqual([])
  })

  it('needs every word of a search to appear, and finds one- and two-letter beginnings too', () => {
    store.record([
      record({ label: 'invoice 42 for ACME' }),
      record({ label: 'invoice 7 for Globex' }),
      record({ label: 'quote 42 for ACME' }),
    ])
    expect(labels(store.list({ limit: 10, search: 'invoice acme' }).entries)).toEqual(['invoice 42 for ACME'])
    expect(labels(store.list({ limit: 10, search: '42 invoice' }).entries)).toEqual(['invoice 42 for ACME'])
    expect(labels(store.list({ limit: 10, search: '4' }).entries)).toEqual([
      'quote 42 for ACME',
      'invoice 42 for ACME',
    ])
    expect(labels(store.list({ limit: 10, search: 'G' }).entries)).toEqual(['invoice 7 for Globex'])
  })

  it('finds the entry of a pasted signed link, whatever its signing parameters and encoding', () => {
    store.record([
      record({ label: 'report', url: 'https://d1.cloudfront.net/reports/Q3 results.pdf?lang=en' }),
      record({ label: 'other', url: 'https://d1.cloudfront.net/reports/Q4 results.pdf?lang=en' }),
    ])
    const signed =
      'https://d1.cloudfront.net/reports/Q3%20results.pdf?lang=en&Expires=2000000000&Signature=abc~def_&Key-Pair-Id=K2JCJMDEHXQW5F'
    expect(labels(store.list({ limit: 10, search: signed }).entries)).toEqual(['report'])
  })

  it('treats search text literally: quotes and FTS syntax are just text, punctuation alone matches all', () => {
    store.record([
      record({ label: 'say "hello" NOT now' }),
      record({ label: '100% done_right' }),
      record({ label: 'plain' }),
    ])
    const find = (search: string) => labels(store.list({ limit: 10, search }).entries)
    expect(find('"hello"')).toEqual(['say "hello" NOT now'])
    expect(find('NOT')).toEqual(['say "hello" NOT now'])
    expect(find('hello OR plain')).toEqual([])
    expect(find('100%')).toEqual(['100% done_right'])
    expect(find('lai*')).toEqual([])
    expect(find('% " *')).toHaveLength(3)
  })

  it('pages through search results too', () => {
    store.record(Array.from({ length: 30 }, (_, i) => record({ label: i % 2 ? `acme ${i}` : `other ${i}` })))
    const first = store.list({ limit: 10, search: 'acme' })
    const second = store.list({ limit: 10, search: 'acme', cursor: first.nextCursor })
    expect(labels(first.entries)).toEqual([29, 27, 25, 23, 21, 19, 17, 15, 13, 11].map((i) => `acme ${i}`))
    expect(labels(second.entries)).toEqual([9, 7, 5, 3, 1].map((i) => `acme ${i}`))
    expect(second.nextCursor).toBeUndefined()
  })

  it('filters active and expired links by the current time', () => {
    store.record([
      record({ label: 'expired', expiresAt: NOW - HOUR }),
      record({ label: 'ends now', expiresAt: NOW }),
      record({ label: 'active', expiresAt: NOW + 2 * HOUR }),
      record({ label: 'scheduled', startsAt: NOW + HOUR, expiresAt: NOW + 3 * HOUR }),
    ])
    expect(labels(store.list({ limit: 10, status: 'active' }).entries)).toEqual(['scheduled', 'active'])
    expect(labels(store.list({ limit: 10, status: 'expired' }).entries)).toEqual(['ends now', 'expired'])
    clock.set((NOW + 2 * HOUR) * 1000)
    expect(labels(store.list({ limit: 10, status: 'active' }).entries)).toEqual(['scheduled'])
  })

  it('filters by key and by distribution, combined with search', () => {
    store.record([
      record({ label: 'a1', keyId: 'key-a', distributionId: 'E1' }),
      record({ label: 'b1', keyId: 'key-b', distributionId: 'E1' }),
      record({ label: 'a2', keyId: 'key-a', distributionId: 'E2' }),
      record({ label: 'a3 quarterly', keyId: 'key-a' }),
    ])
    expect(labels(store.list({ limit: 10, keyId: 'key-a' }).entries)).toEqual(['a3 quarterly', 'a2', 'a1'])
    expect(labels(store.list({ limit: 10, distributionId: 'E1' }).entries)).toEqual(['b1', 'a1'])
    expect(labels(store.list({ limit: 10, keyId: 'key-a', distributionId: 'E1' }).entries)).toEqual(['a1'])
    expect(labels(store.list({ limit: 10, keyId: 'key-a', search: 'quarter' }).entries)).toEqual([
      'a3 quarterly',
    ])
    expect(store.distributionIds()).toEqual(['E1', 'E2'])
  })

  it('gives the paths links were made for on a site, newest first, each once, decoded', () => {
    store.record([
      record({ url: 'https://files.example.com/reports/q3.pdf', distributionId: 'E1' }),
      record({
        url: 'https://files.example.com/reports/Q3%20final%20%C3%A9t%C3%A9.pdf?v=2',
        distributionId: 'E1',
      }),
      record({ url: 'https://d111.cloudfront.net/reports/q3.pdf', distributionId: 'E1' }),
      record({ url: 'https://other.example.com/elsewhere.pdf', distributionId: 'E2' }),
      record({ url: 'https://files.example.com/', distributionId: 'E1' }),
    ])
    expect(store.pathsOf('E1')).toEqual(['reports/q3.pdf', 'reports/Q3 final été.pdf'])
    expect(store.pathsOf('E3')).toEqual([])
  })

  it('finds the latest entry signed with a policy and Key-Pair-Id (for the inspector)', () => {
    const link = record({ label: 'first' })
    store.record([link, record({ url: 'https://d1.cloudfront.net/other' })])
    store.record([{ ...link, label: 'again' }])
    expect(store.findByPolicy(link.policy, link.keyPairId)?.label).toBe('again')
    expect(store.findByPolicy(link.policy, 'KOTHERKEYPAIR')).toBeUndefined()
    expect(store.findByPolicy(`${link.policy} `, link.keyPairId)).toBeUndefined()
  })

  it('deletes an entry, from lists and from search', () => {
    store.record([record({ label: 'keep me' }), record({ label: 'delete me' })])
    store.delete(2)
    expect(labels(store.list({ limit: 10 }).entries)).toEqual(['keep me'])
    expect(store.list({ limit: 10, search: 'delete' }).entries).toEqual([])
    expect(() => store.delete(2)).toThrow(KeyfrontError)
    expect(() => store.get(2)).toThrow(/no link number 2/)
  })

  it('never gives a deleted id to a new link', () => {
    store.record([record(), record()])
    store.delete(2)
    store.record([record({ label: 'new' })])
    expect(store.get(3).label).toBe('new')
  })

  it('tells, per key, when its last link expires and how many still work', () => {
    store.record([
      record({ keyId: 'old', keyPairId: 'K1', expiresAt: NOW - HOUR }),
      record({ keyId: 'old', keyPairId: 'K2', expiresAt: NOW + HOUR }),
      record({ keyId: 'new', keyPairId: 'K3', expiresAt: NOW + 48 * HOUR }),
      record({ keyId: 'gone', keyPairId: 'K4', expiresAt: NOW - 48 * HOUR }),
    ])
    expect(store.latestExpiryPerKey()).toEqual([
      { keyId: 'new', keyPairIds: ['K3'], latestExpiresAt: NOW + 48 * HOUR, links: 1, activeLinks: 1 },
      { keyId: 'old', keyPairIds: ['K1', 'K2'], latestExpiresAt: NOW + HOUR, links: 2, activeLinks: 1 },
      { keyId: 'gone', keyPairIds: ['K4'], latestExpiresAt: NOW - 48 * HOUR, links: 1, activeLinks: 0 },
    ])
  })

  it('counts a Key-Pair-Id for the key that signed its newest link (a key deleted and imported again)', () => {
    store.record([
      record({ keyId: 'first-import', keyPairId: 'K1', expiresAt: NOW + HOUR }),
      record({ keyId: 'second-import', keyPairId: 'K1', expiresAt: NOW + 5 * HOUR }),
    ])
    expect(store.latestExpiryPerKey()).toEqual([
      {
        keyId: 'second-import',
        keyPairIds: ['K1'],
        latestExpiresAt: NOW + 5 * HOUR,
        links: 2,
        activeLinks: 2,
      },
    ])
  })

  it('refuses to record a URL that still carries its signature', () => {
    const signed = 'https://d1.cloudfront.net/a.pdf?Expires=1&Signature=abc&Key-Pair-Id=K1'
    expect(() => store.record([record({ url: signed })])).toThrow(/unsigned/)
    expect(store.list({ limit: 10 }).entries).toEqual([])
  })

  it('records a batch all or nothing', () => {
    const bad = { ...record(), expiresAt: null } as unknown as ReturnType<typeof record>
    expect(() => store.record([record({ label: 'first of batch' }), bad])).toThrow()
    expect(store.list({ limit: 10 }).entries).toEqual([])
  })

  it('sees what another process recorded in the same file', () => {
    const other = new HistoryStore({ dataDir: dir.path, clock })
    other.record([record({ label: 'from the CLI' })])
    other.close()
    expect(labels(store.list({ limit: 10 }).entries)).toEqual(['from the CLI'])
  })
})
