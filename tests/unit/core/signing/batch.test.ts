// Batch signing on real worker threads (the .ts worker module, run by Node directly): output in
// input order, identical to signing one by one, the key read once, progress, cancel, and a bad
// line named by its number.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { BATCH_WORKER_URL, createBatchSigner, signInWorkers } from '../../../../src/core/signing/batch.ts'
import { cannedPolicy, customPolicy } from '../../../../src/core/signing/policy.ts'
import { KeyfrontError } from '../../../../src/shared/errors.ts'
import { AWKWARD_URLS, NOW, RSA_KEY, makeService } from './fixtures.ts'

/** n distinct awkward URLs, each numbered, so any reordering shows. */
const urls = (n: number) =>
  Array.from({ length: n }, (_, i) => {
    const url = AWKWARD_URLS[i % AWKWARD_URLS.length] ?? ''
    return `${url}${url.includes('?') ? '&' : '?'}n=${i}`
  })

describe('batch signing', () => {
  it('runs the worker module from its .ts source beside batch.ts', () => {
    expect(BATCH_WORKER_URL.href.endsWith('/src/core/signing/batch-worker.ts')).toBe(true)
    expect(existsSync(fileURLToPath(BATCH_WORKER_URL))).toBe(true)
  })

  it('signs on two worker threads in input order, identical to signing one by one', async () => {
    const input = urls(1200)
    const options = {
      privateKey: RSA_KEY.privateKey,
      keyPairId: 'K2JCJMDEHXQW5F',
      conditions: { expiresAt: NOW + 60, hash: 'sha1' as const },
    }
    const parallel = await signInWorkers(options, input, { threads: 2 })
    const one = createBatchSigner(options)
    expect(parallel).toEqual(input.map(one))
  })

  it('reads the key once, records each link as a batch entry (no signatures) and reports progress to the end', async () => {
    const { links, keys, history } = makeService()
    const progress: [number, number][] = []
    const input = urls(600)
    const result = await links.signBatch(
      { key: 'Main RSA', urls: input, expiresAt: NOW + 600, label: 'Newsletter' },
      { onProgress: (done, total) => progress.push([done, total]) },
    )
    expect(keys.loads).toBe(1)
    expect(result.signedUrls).toHaveLength(600)
    expect(result).toMatchObject({ keyPairId: 'K2JCJMDEHXQW5F', algorithm: 'rsa-sha1', expiresAt: NOW + 600 })
    expect(progress.at(-1)).toEqual([600, 600])
    expect(progress.map(([done]) => done)).toEqual([...progress.map(([done]) => done)].sort((a, b) => a - b))
    expect(history.entries).toHaveLength(600)
    history.entries.forEach((entry, i) => {
      expect(
        result.signedUrls[i]?.startsWith(`${entry.resource}?`) ||
          result.signedUrls[i]?.startsWith(`${entry.resource}&`),
      ).toBe(true)
      // A URL holding `*` (a file name in the corpus) is its own pattern: a custom policy.
      const canned = !entry.resource.includes('*')
      expect(entry).toMatchObject({ source: 'batch', url: input[i], label: 'Newsletter', canned })
      expect(entry.policy).toBe(
        canned
          ? cannedPolicy(entry.resource, NOW + 600)
          : customPolicy(entry.resource, { expiresAt: NOW + 600, hash: 'sha1' }),
      )
    })
    expect(JSON.stringify(history.entries)).not.toContain('Signature=')
  })

  it('signs a custom-policy batch (start and IP) whose entries carry the policy as signed', async () => {
    const { links, history } = makeService()
    const result = await links.signBatch({
      key: 'Phone ECDSA',
      urls: urls(40),
      expiresAt: NOW + 600,
      startsAt: NOW + 10,
      ipAddress: '192.0.2.0/24',
      hash: 'sha256',
    })
    expect(result.algorithm).toBe('ecdsa-sha256')
    expect(result.signedUrls.every((u) => /[?&]Policy=.*&Hash-Algorithm=SHA256$/.test(u))).toBe(true)
    expect(JSON.parse(history.entries[0]?.policy ?? '')).toMatchObject({
      Statement: [
        {
          Condition: {
            DateGreaterThan: { 'AWS:EpochTime': NOW + 10 },
            IpAddress: { 'AWS:SourceIp': '192.0.2.0/24' },
          },
        },
      ],
    })
  })

  it('stops at once when cancelled, records nothing, and says so', async () => {
    const { links, history } = makeService()
    const controller = new AbortController()
    let abortedAt = 0
    const error = await links
      .signBatch(
        { key: 'Main RSA', urls: urls(20_000), expiresAt: NOW + 600 },
        {
          signal: controller.signal,
          onProgress: () => {
            if (!abortedAt) {
              abortedAt = performance.now()
              controller.abort()
            }
          },
        },
      )
      .catch((e: unknown) => e)
    expect((error as KeyfrontError).code).toBe('CANCELLED')
    expect(performance.now() - abortedAt).toBeLessThan(500)
    expect(history.entries).toEqual([])
  })

  it('names the line of a URL that cannot be signed, and records nothing', async () => {
    const { links, history } = makeService()
    const input = urls(300)
    input[236] = 'ftp://example.com/file.txt'
    const error = await links
      .signBatch({ key: 'Main RSA', urls: input, expiresAt: NOW + 600 })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(KeyfrontError)
    expect((error as KeyfrontError).code).toBe('URL_INVALID')
    expect((error as KeyfrontError).message).toMatch(/^Line 237: Only http:\/\/ and https:\/\//)
    expect(history.entries).toEqual([])
  })

  it('refuses an empty batch and one over 100,000 URLs before reading the key', async () => {
    const { links, keys } = makeService()
    const empty = await links
      .signBatch({ key: 'Main RSA', urls: [], expiresAt: NOW + 600 })
      .catch((e: unknown) => e)
    expect((empty as KeyfrontError).code).toBe('BATCH_EMPTY')
    const huge = await links
      .signBatch({
        key: 'Main RSA',
        urls: new Array<string>(100_001).fill('https://x.example/a'),
        expiresAt: NOW + 600,
      })
      .catch((e: unknown) => e)
    expect((huge as KeyfrontError).code).toBe('BATCH_TOO_LARGE')
    expect(keys.loads).toBe(0)
  })
})
