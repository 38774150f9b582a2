// The review of a new distribution for a private bucket: when it restricts paths to signed links it
// says how to undo that later (as the onboarding review does); when no path needs a signed link,
// there is nothing to undo and it says nothing of it.
import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { NewDistributionPlanStep } from '../../src/renderer/src/features/distributions/NewDistributionPlanStep.tsx'
import type { OriginPlan } from '../../src/shared/contract/origin.ts'

afterEach(cleanup)

const UNDO = /To undo it later: on Distributions, choose Stop requiring signed links… on this distribution\./

function plan(signing: Partial<OriginPlan['signing']>): OriginPlan {
  return {
    bucket: {
      name: 'my-files',
      region: 'eu-west-1',
      endpoint: 'my-files.s3.eu-west-1.amazonaws.com',
      publicAccess: { state: 'blocked' },
      encryption: { kind: 'sse-s3' },
      notices: [],
    },
    signing: {
      coverage: 'none',
      behaviors: [],
      summary: 'Anyone who knows an address can open every file.',
      ...signing,
    },
    encryption: { action: 'unchanged' },
    accessControl: { action: 'create', name: 'keyfront-my-files' },
    distribution: {
      action: 'create',
      comment: 'Keyfront: my-files',
      callerReference: 'keyfront-my-files',
      others: [],
    },
    bucketPolicy: { action: 'unchanged', statement: '{}', diff: [], baseHash: 'x' },
    notices: [],
  }
}

const show = (origin: OriginPlan) =>
  render(
    <NewDistributionPlanStep plan={origin} accountId="123456789012" onBack={() => {}} onCreate={() => {}} />,
  )

describe('the review of a new distribution', () => {
  it('that restricts paths to signed links says how to undo it', () => {
    show(
      plan({
        coverage: 'all',
        key: { id: 'k1', name: 'Main key', fingerprint: 'AA:BB' },
        publicKey: { action: 'upload', name: 'Main key' },
        keyGroup: { action: 'create', name: 'keyfront-my-files' },
        behaviors: [{ selector: 'default', action: 'create' }],
        summary: 'Every file needs a link signed with “Main key”.',
      }),
    )
    expect(screen.getByText(UNDO)).toBeTruthy()
  })

  it('that restricts nothing has nothing to undo', () => {
    show(plan({}))
    expect(screen.queryByText(UNDO)).toBeNull()
  })
})
