// What `keyfront cloudfront …` prints for people: deployment progress lines (elapsed, last check),
// and a plan that says per behavior who is trusted before and after.
import { describe, expect, it } from 'vitest'
import { onboardPlanText, progressLine } from '../../../src/cli/commands/cloudfront-format.ts'
import type { OnboardPlan } from '../../../src/shared/contract/cloudfront.ts'

const plan: OnboardPlan = {
  distributionId: 'E2QWRUHAPOMQZL',
  domainName: 'd111.cloudfront.net',
  status: 'Deployed',
  keyGroup: { id: 'KG1', name: 'docs' },
  behaviors: [
    {
      selector: 'default',
      before: [{ id: 'KG0', name: 'old' }],
      after: [
        { id: 'KG0', name: 'old' },
        { id: 'KG1', name: 'docs' },
      ],
      trustedSigners: [],
      changes: true,
    },
    { selector: '/public/*', before: [], after: [], trustedSigners: [], changes: false },
  ],
  warnings: ['Once deployed, requests get 403 Forbidden.'],
  changes: true,
  accountId: '123456789012',
  key: { id: 'k', name: 'Docs key', fingerprint: 'AA' },
  publicKey: { action: 'reuse', id: 'K2ABCDEFGHIJKL', name: 'Docs-key-AA' },
  keyGroupAction: { action: 'add-key', keysAfter: 3 },
}

describe('cloudfront text output', () => {
  it('prints progress with elapsed minutes:seconds, the last check and the status', () => {
    const line = progressLine({
      distributionId: 'E1',
      status: 'InProgress',
      elapsedMs: 125_400,
      lastPollAt: Date.UTC(2026, 10, 28, 13, 5, 12),
      polls: 4,
      done: false,
    })
    expect(line).toMatch(/^Deploying… 2:05 elapsed, last checked .+ \(InProgress\)\.$/)
    expect(
      progressLine({
        distributionId: 'E1',
        status: 'Deployed',
        elapsedMs: 61_000,
        lastPollAt: 0,
        polls: 5,
        done: true,
      }),
    ).toBe('Deployed after 1:01.')
  })

  it('prints the plan step by step, each behavior from before to after, and the warnings', () => {
    const text = onboardPlanText(plan)
    expect(text.split('\n')).toEqual([
      'Plan for E2QWRUHAPOMQZL (d111.cloudfront.net) in account 123456789012:',
      '  Public key: already uploaded as K2ABCDEFGHIJKL ("Docs-key-AA") — reused',
      '  Key group:  add the key to "docs" (3 of 5 keys after)',
      '  Behaviors (who is trusted, before → after):',
      '    default     old  →  old, docs',
      '    /public/*   anyone (no signed links needed)  (unchanged)',
      '  ! Once deployed, requests get 403 Forbidden.',
    ])
  })

  it('says when there is nothing to change', () => {
    expect(onboardPlanText({ ...plan, changes: false })).toMatch(
      /Nothing to change: this distribution is already set up with this key\.$/,
    )
  })
})
