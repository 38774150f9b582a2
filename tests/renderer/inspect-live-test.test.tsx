// Inspect's live test runs by itself when the computer is online (the offline verdict can only say
// the signature and dates are valid), once per link; offline it waits for the button.
import { QueryClientProvider } from '@tanstack/react-query'
import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { LiveTest } from '../../src/renderer/src/features/inspect/LiveTest.tsx'
import { queryClient } from '../../src/renderer/src/lib/server-state.ts'

let tested: unknown[]

beforeEach(() => {
  tested = []
  ;(window as unknown as { keyfront: unknown }).keyfront = {
    links: {
      testLive: async (request: unknown) => {
        tested.push(request)
        return {
          ok: true,
          value: {
            status: 206,
            statusText: 'Partial Content',
            answeredBy: 'cloudfront',
            explanation: 'Served.',
            elapsedMs: 5,
          },
        }
      },
    },
  }
})
afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

const show = () =>
  render(
    <QueryClientProvider client={queryClient}>
      <LiveTest input="https://d1.cloudfront.net/a.pdf?Expires=1&Signature=s&Key-Pair-Id=K" />
    </QueryClientProvider>,
  )

describe('the live test on Inspect', () => {
  it('asks CloudFront by itself, once, when online', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(true)
    const view = show()
    await screen.findByText(/HTTP 206 Partial Content/)
    view.rerender(
      <QueryClientProvider client={queryClient}>
        <LiveTest input="https://d1.cloudfront.net/a.pdf?Expires=1&Signature=s&Key-Pair-Id=K" />
      </QueryClientProvider>,
    )
    expect(tested).toHaveLength(1)
  })

  it('waits for the button when offline', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false)
    show()
    await screen.findByRole('button', { name: 'Test it live' })
    expect(tested).toEqual([])
  })
})
