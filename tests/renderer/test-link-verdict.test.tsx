// The words at the end of onboarding for each answer a test link can get — the cases the e2e test
// (first-run.test.ts) cannot reach with its played edge: a 404, a refusal or a silent address while
// CloudFront is still deploying, and a path that works without a signature too.
import { describe, expect, it } from 'vitest'
import type { LiveTestResult } from '../../src/shared/contract/links.ts'
import {
  testLinkUrl,
  testLinkVerdict,
  type LiveAnswer,
} from '../../src/renderer/src/features/distributions/test-link.ts'

const answer = (status: number, more: Partial<LiveTestResult> = {}): LiveAnswer => ({
  reached: true,
  result: {
    status,
    statusText: '',
    answeredBy: 'cloudfront',
    explanation: 'core explanation',
    elapsedMs: 12,
    ...more,
  },
})
const base = { path: 'reports/q3.pdf', host: 'd1.cloudfront.net', deployed: true }

describe('testLinkUrl', () => {
  it('adds a path to the distribution address, and keeps a whole address as typed', () => {
    expect(testLinkUrl('d1.cloudfront.net', ' /reports/q3.pdf ')).toBe(
      'https://d1.cloudfront.net/reports/q3.pdf',
    )
    expect(testLinkUrl('d1.cloudfront.net', 'HTTPS://files.example.com/a.pdf')).toBe(
      'HTTPS://files.example.com/a.pdf',
    )
  })
})

describe('testLinkVerdict', () => {
  it('says it works, and that the unsigned address is refused', () => {
    const verdict = testLinkVerdict({
      ...base,
      signed: answer(206),
      unsigned: answer(403, { errorCode: 'MissingKey' }),
    })
    expect(verdict.tone).toBe('ok')
    expect(verdict.detail).toContain('refuses the same address (MissingKey)')
  })

  it('warns when the address works without a signature: not restricted, or still deploying', () => {
    const open = { ...base, signed: answer(200), unsigned: answer(200) }
    expect(testLinkVerdict(open)).toMatchObject({ tone: 'warn' })
    expect(testLinkVerdict(open).detail).toMatch(/not one you restricted/)
    expect(testLinkVerdict({ ...open, deployed: false }).detail).toMatch(/still deploying/)
  })

  it('names the missing file on a 404', () => {
    expect(testLinkVerdict({ ...base, signed: answer(404) }).headline).toBe(
      'Your link was accepted, but there is no file at “reports/q3.pdf”.',
    )
  })

  it('treats CloudFront refusing the key while deploying as expected, and names the code after', () => {
    const refused = { ...base, signed: answer(403, { errorCode: 'InvalidKey' }) }
    expect(testLinkVerdict({ ...refused, deployed: false })).toMatchObject({
      tone: 'warn',
      headline: 'CloudFront refused your link (InvalidKey).',
    })
    expect(testLinkVerdict({ ...refused, deployed: false }).detail).toMatch(
      /Test again once it says Deployed/,
    )
    expect(testLinkVerdict(refused)).toMatchObject({ tone: 'error', detail: 'core explanation' })
    const denied = { ...base, signed: answer(403, { errorCode: 'AccessDenied' }) }
    expect(testLinkVerdict(denied).detail).toBe('Open it in the inspector to see why.')
  })

  it('says a new address does not answer yet while deploying, and that it cannot be reached after', () => {
    const silent = { ...base, signed: { reached: false, message: 'no connection' } as const }
    expect(testLinkVerdict({ ...silent, deployed: false })).toMatchObject({
      tone: 'warn',
      headline: 'd1.cloudfront.net does not answer yet.',
    })
    expect(testLinkVerdict(silent)).toMatchObject({
      tone: 'error',
      headline: 'Keyfront could not reach d1.cloudfront.net.',
      detail: 'no connection',
    })
  })
})
