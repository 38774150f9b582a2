// The wildcard match of a policy Resource against a URL (`*` any run of characters, `?` exactly
// one): what it matches, checked case by case and against a regular-expression oracle on every
// small pattern and URL, and that hostile patterns are answered at once. The timed cases run in a
// worker thread that is stopped after 10 s, so a matcher that backtracks fails instead of hanging.
import { Worker } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import { matchesResource } from '../../../../src/core/signing/conditions.ts'

const BASE = 'https://d111111abcdef8.cloudfront.net/'

describe('what a wildcard Resource matches', () => {
  it.each([
    ['https://d111111abcdef8.cloudfront.net/videos/*', `${BASE}videos/a.mp4`, true],
    ['https://d111111abcdef8.cloudfront.net/videos/*', `${BASE}videos/`, true],
    ['https://d111111abcdef8.cloudfront.net/videos/*', `${BASE}video/a.mp4`, false],
    ['https://d111111abcdef8.cloudfront.net/videos/*', `${BASE}videos`, false],
    ['*://*.cloudfront.net/report.???', `${BASE}report.pdf`, true],
    ['*://*.cloudfront.net/report.???', `${BASE}report.docx`, false],
    ['*://*.cloudfront.net/report.???', `${BASE}report.pd`, false],
    // A star matches across "/" and "?": CloudFront's wildcard is not a path glob.
    ['https://d111111abcdef8.cloudfront.net/*.pdf', `${BASE}a/b/c.pdf`, true],
    ['https://d111111abcdef8.cloudfront.net/a*', `${BASE}a?x=1&y=2`, true],
    // Characters that mean something in a regular expression are themselves here.
    ['https://d111111abcdef8.cloudfront.net/a.b(c)+[d]$', `${BASE}a.b(c)+[d]$`, true],
    ['https://d111111abcdef8.cloudfront.net/a.b', `${BASE}aXb`, false],
    ['https://d111111abcdef8.cloudfront.net/*', `${BASE}line\nbreak`, true],
    // The first place a middle part fits is not always where the whole pattern fits.
    ['https://d111111abcdef8.cloudfront.net/*ab*b', `${BASE}xabab`, true],
    ['https://d111111abcdef8.cloudfront.net/*a?c*', `${BASE}abxaxc`, true],
    ['https://d111111abcdef8.cloudfront.net/*a?c', `${BASE}abcab`, false],
    // Consecutive stars are one star; the last part must end the URL.
    ['https://d111111abcdef8.cloudfront.net/***x', `${BASE}x`, true],
    ['https://d111111abcdef8.cloudfront.net/*x', `${BASE}xy`, false],
    ['*', '', true],
    ['', '', true],
    ['?', '', false],
    // Case counts, as in CloudFront.
    ['https://d111111abcdef8.cloudfront.net/A*', `${BASE}a`, false],
  ])('%s against %j: %s', (pattern, url, expected) => {
    expect(matchesResource(pattern, url)).toBe(expected)
  })

  it('never matches a URL longer than CloudFront accepts (8,192 bytes)', () => {
    expect(matchesResource(`${BASE}*`, `${BASE}${'a'.repeat(8192)}`)).toBe(false)
    expect(matchesResource(`${BASE}*`, `${BASE}${'a'.repeat(8192 - BASE.length)}`)).toBe(true)
  })

  it('agrees with a regular-expression oracle on every pattern and URL over a small alphabet', () => {
    const oracle = (pattern: string, url: string) =>
      new RegExp(`^${[...pattern].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c)).join('')}$`, 's').test(
        url,
      )
    const words = (alphabet: string, max: number): string[] => {
      const all = ['']
      for (let length = 1, last = ['']; length <= max; length++) {
        last = last.flatMap((word) => [...alphabet].map((c) => word + c))
        all.push(...last)
      }
      return all
    }
    const patterns = words('ab*?', 5)
    const urls = words('ab', 6)
    let compared = 0
    for (const pattern of patterns) {
      for (const url of urls) {
        if (matchesResource(pattern, url) !== oracle(pattern, url)) {
          expect.fail(`${JSON.stringify(pattern)} against ${JSON.stringify(url)}`)
        }
        compared++
      }
    }
    expect(compared).toBe(1365 * 127)
  })
})

/** Runs the matcher in a worker thread: how long one call took, or a failure after 10 s. */
async function timedMatch(pattern: string, url: string): Promise<{ matched: boolean; ms: number }> {
  const module = new URL('../../../../src/core/signing/conditions.ts', import.meta.url).href
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads')
     import(workerData.module).then(({ matchesResource }) => {
       const started = performance.now()
       const matched = matchesResource(workerData.pattern, workerData.url)
       parentPort.postMessage({ matched, ms: performance.now() - started })
     })`,
    { eval: true, workerData: { module, pattern, url } },
  )
  let timer: NodeJS.Timeout | undefined
  try {
    return await Promise.race([
      new Promise<{ matched: boolean; ms: number }>((resolve, reject) => {
        worker.once('message', resolve)
        worker.once('error', reject)
      }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('no answer within 10 s')), 10_000)
      }),
    ])
  } finally {
    clearTimeout(timer)
    await worker.terminate()
  }
}

describe('hostile wildcard patterns are answered at once', () => {
  const path = (length: number) => `${BASE}${'a'.repeat(length - BASE.length)}`
  it.each([
    // The audit's case: a backtracking matcher took more than 20 s over a 120-character path.
    ['five stars over a 120-character path', `${BASE}*a*a*a*a*a*b`, `${BASE}${'a'.repeat(120)}`, false],
    ['twelve stars', `${BASE}${'*a'.repeat(12)}*b`, `${BASE}${'a'.repeat(120)}`, false],
    ['4,000 stars over 8 KB', `${BASE}${'*a'.repeat(4000)}*b`, path(8192), false],
    ['a 4,000-character part after a star', `${BASE}*${'a'.repeat(4000)}b*`, path(8192), false],
    ['4,000 question marks after a star', `${BASE}*${'?'.repeat(4000)}b*`, path(8192), false],
    ['a part of 2,000 "a?" pairs', `${BASE}*${'a?'.repeat(2000)}b*`, path(8192), false],
    ['64 KB of stars', '*'.repeat(65_536), path(8192), true],
    ['a 64 KB pattern', `${BASE}*${'a?'.repeat(32_000)}*`, path(8192), false],
    ['a 64 KB URL', `${BASE}*a*a*a*a*a*b`, path(65_536), false],
  ])('%s', async (_, pattern, url, expected) => {
    const { matched, ms } = await timedMatch(pattern, url)
    expect(matched).toBe(expected)
    expect(ms).toBeLessThan(1000)
  })
})
