// The sidebar's "Deploying" badge over a stand-in for window.keyfront that answers
// cloudfront.deploying: nothing while nothing deploys; otherwise the badge, the time so far (whole
// minutes, of the one waiting longest) beside how long a deployment usually takes, and words for a
// screen reader in place of the bare badge; read again when main says a deployment is done.
import { QueryClientProvider } from '@tanstack/react-query'
import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DeployingBadge } from '../../src/renderer/src/features/distributions/DeployingBadge.tsx'
import { queryClient } from '../../src/renderer/src/lib/server-state.ts'
import type { DeployingInfo, DeploymentProgress } from '../../src/shared/contract/cloudfront.ts'

const MINUTE = 60_000
let deploying: DeployingInfo[]
let reads: number
const listeners: ((payload: DeploymentProgress) => void)[] = []

beforeEach(() => {
  deploying = []
  reads = 0
  listeners.length = 0
  ;(window as unknown as { keyfront: unknown }).keyfront = {
    cloudfront: {
      deploying: () => {
        reads++
        return Promise.resolve({ ok: true, value: deploying })
      },
    },
    on: (_event: string, listener: (payload: DeploymentProgress) => void) => {
      listeners.push(listener)
      return () => listeners.splice(listeners.indexOf(listener), 1)
    },
  }
})
afterEach(() => {
  cleanup()
  queryClient.clear()
})

const info = (distributionId: string, minutesAgo: number): DeployingInfo => ({
  distributionId,
  name: `${distributionId.toLowerCase()}.cloudfront.net`,
  since: Date.now() - minutesAgo * MINUTE - 5_000,
})

function renderInNav() {
  return render(
    <QueryClientProvider client={queryClient}>
      <button type="button">
        Distributions
        <DeployingBadge />
      </button>
    </QueryClientProvider>,
  )
}

describe('the sidebar’s Deploying badge', () => {
  it('shows the time so far beside the usual 5–15 minutes, and tells a screen reader what it means', async () => {
    deploying = [info('E1NEW', 7)]
    renderInNav()
    await screen.findByText('7 min so far · usually 5–15 minutes')
    expect(screen.getByText('Deploying').getAttribute('aria-hidden')).toBe('true')
    // What a screen reader says for the sidebar item: the badge's words, not the bare badge.
    screen.getByRole('button', {
      name: /^Distributions ?, a distribution is deploying: ?7 min so far · usually 5–15 minutes$/,
    })
  })

  it('counts several and times the one waiting longest; says under a minute at first', async () => {
    deploying = [info('E1NEW', 0), info('E2OLD', 12)]
    renderInNav()
    await screen.findByText('Deploying 2')
    screen.getByText('12 min so far · usually 5–15 minutes')
    screen.getByText(', 2 distributions are deploying:')

    cleanup()
    queryClient.clear()
    deploying = [info('E1NEW', 0)]
    renderInNav()
    await screen.findByText('under a minute so far · usually 5–15 minutes')
  })

  it('shows nothing while nothing deploys, and goes away once main says it is deployed', async () => {
    renderInNav()
    await act(async () => {})
    expect(screen.getByRole('button').textContent).toBe('Distributions')

    deploying = [info('E1NEW', 3)]
    await act(() => queryClient.invalidateQueries())
    await screen.findByText('Deploying')
    const before = reads
    deploying = []
    act(() => {
      for (const listener of listeners) {
        listener({
          distributionId: 'E1NEW',
          status: 'Deployed',
          elapsedMs: 0,
          lastPollAt: 0,
          polls: 3,
          done: true,
        })
      }
    })
    await waitFor(() => expect(screen.getByRole('button').textContent).toBe('Distributions'))
    expect(reads).toBeGreaterThan(before)
  })
})
