// Input anyone can hand Keyfront — a `--resource` pattern, a link pasted into the inspector, 64 KB
// of whatever — is answered well under a second (the bound is generous: the code before this took
// 5 to 20 s and more on these, and blocked the app's main process while it did).
import { describe, expect, it } from 'vitest'
import { urlSafeBase64 } from '../../../../src/core/signing/policy.ts'
import type { KeyfrontError } from '../../../../src/shared/errors.ts'
import { NOW, makeService } from './fixtures.ts'

const HOST = 'https://d111111abcdef8.cloudfront.net'
/** The audit's pattern: a backtracking matcher took more than 20 s on it over a 120-character path. */
const HOSTILE_RESOURCE = `${HOST}/*a*a*a*a*a*b`
const LONG_PATH = `${HOST}/${'a'.repeat(120)}`

async function timed(work: () => Promise<unknown>): Promise<{ value: unknown; ms: number }> {
  const started = performance.now()
  const value = await work().catch((error: unknown) => error)
  return { value, ms: performance.now() - started }
}

/** A link as a stranger could paste it: a custom policy with any Resource, an arbitrary signature. */
function pastedLink(resource: string, url: string): string {
  const policy = JSON.stringify({
    Statement: [{ Resource: resource, Condition: { DateLessThan: { 'AWS:EpochTime': NOW + 3600 } } }],
  })
  return `${url}?Policy=${urlSafeBase64(Buffer.from(policy))}&Signature=AAAA&Key-Pair-Id=K2JCJMDEHXQW5F`
}

describe('hostile input is answered at once', () => {
  it('sign --resource with a pattern that makes a backtracking matcher hang', async () => {
    const { links } = makeService()
    const { value, ms } = await timed(() =>
      links.sign({ key: 'Main RSA', url: LONG_PATH, expiresAt: NOW + 3600, resource: HOSTILE_RESOURCE }),
    )
    expect((value as KeyfrontError).code).toBe('RESOURCE_PATTERN_INVALID')
    expect(ms).toBeLessThan(1000)
  })

  it('inspect of a pasted link whose policy has such a Resource', async () => {
    const { links } = makeService()
    const { value, ms } = await timed(() => links.inspect({ input: pastedLink(HOSTILE_RESOURCE, LONG_PATH) }))
    expect(value).toMatchObject({ resource: HOSTILE_RESOURCE, validNow: false })
    expect(ms).toBeLessThan(1000)
  })

  it('inspect of 64 KB that ends in a long run of ">" (quadratic to strip with [>"\']+$)', async () => {
    const { links } = makeService()
    const input = `${HOST}/a.pdf${'>'.repeat(64 * 1024 - 100)}x`
    const { value, ms } = await timed(() => links.inspect({ input }))
    expect(value).toMatchObject({ kind: 'url', cause: 'missing-key-pair-id' })
    expect(ms).toBeLessThan(1000)
  })

  it.each([
    ['a 64 KB URL with a wildcard policy', pastedLink(`${HOST}/*.pdf`, `${HOST}/${'a'.repeat(60_000)}`)],
    ['a 64 KB Resource', pastedLink(`${HOST}/*${'a?'.repeat(30_000)}*`, LONG_PATH)],
    ['64 KB of quotes and brackets', `<"'${'"\'<>'.repeat(16_000)}`],
    ['64 KB of cookie lines', 'Cookie: CloudFront-Policy=x; CloudFront-Signature=y\n'.repeat(1200)],
    [
      '64 KB of spaces after "Set-Cookie:"',
      `Set-Cookie:${' '.repeat(64 * 1024 - 40)}CloudFront-Key-Pair-Id=K`,
    ],
  ])('inspect of %s', async (_, input) => {
    const { links } = makeService()
    const { ms } = await timed(() => links.inspect({ input, url: LONG_PATH }))
    expect(ms).toBeLessThan(1000)
  })
})
