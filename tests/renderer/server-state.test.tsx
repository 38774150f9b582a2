// Server state through TanStack Query, over a recording stand-in for window.keyfront: screens that
// show the same read share one request; a screen opened again reads afresh; a write refreshes the
// reads it changes (and only those) before it returns; failures are shown at once, not retried; and
// nothing waits for the network, since the core is on this computer.
import { QueryClientProvider } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { act, cleanup, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { call, queryClient, STALE_AFTER, useRead } from '../../src/renderer/src/lib/server-state.ts'
import { channelNames } from '../../src/shared/contract/names.ts'

interface FakeCore {
  calls: string[]
  keys: string[]
  failKeys?: boolean
}

let core: FakeCore

function installBridge(): void {
  const answer = (channel: string): unknown => {
    core.calls.push(channel)
    if (channel === 'keys.list') {
      if (core.failKeys) return { ok: false, error: { code: 'KEYCHAIN_LOCKED', message: 'Unlock it.' } }
      return { ok: true, value: core.keys.map((name) => ({ id: name, name })) }
    }
    if (channel === 'keys.create') {
      core.keys.push('new key')
      return { ok: true, value: { id: 'new key', name: 'new key' } }
    }
    return { ok: true, value: [] }
  }
  const bridge: Record<string, Record<string, (request: unknown) => Promise<unknown>>> = {}
  for (const channel of channelNames) {
    const [area = '', method = ''] = channel.split('.')
    bridge[area] ??= {}
    bridge[area][method] = async () => answer(channel)
  }
  ;(window as unknown as { keyfront: unknown }).keyfront = bridge
}

function KeyNames(props: { label: string }) {
  const keys = useRead('keys.list', undefined)
  if (keys.error) return <p>{`${props.label}: ${keys.error.message}`}</p>
  return <p>{`${props.label}: ${(keys.data ?? []).map((key) => key.name).join(', ') || 'none'}`}</p>
}

function Sites() {
  const sites = useRead('cloudfront.sites', undefined)
  return <p>{`sites: ${sites.data?.length ?? '…'}`}</p>
}

function renderWithClient(ui: ReactNode) {
  return render(<QueryClientProvider client={queryClient}>{ui}</QueryClientProvider>)
}

const count = (channel: string) => core.calls.filter((c) => c === channel).length

beforeEach(() => {
  core = { calls: [], keys: ['Main key'] }
  installBridge()
})
afterEach(() => {
  cleanup()
  queryClient.clear()
})

describe('server state', () => {
  it('gives every component that shows the same read one shared request', async () => {
    renderWithClient(
      <>
        <KeyNames label="list" />
        <KeyNames label="picker" />
      </>,
    )
    await screen.findByText('list: Main key')
    await screen.findByText('picker: Main key')
    expect(count('keys.list')).toBe(1)
  })

  it('reads again when a screen opens again, so changes made elsewhere (the CLI) show', async () => {
    const view = renderWithClient(<KeyNames label="keys" />)
    await screen.findByText('keys: Main key')
    view.unmount()
    core.keys.push('Made by the CLI')
    renderWithClient(<KeyNames label="keys" />)
    await screen.findByText('keys: Main key, Made by the CLI')
    expect(count('keys.list')).toBe(2)
  })

  it('refreshes the reads a write changes before the write returns, and no others', async () => {
    renderWithClient(
      <>
        <KeyNames label="keys" />
        <Sites />
      </>,
    )
    await screen.findByText('keys: Main key')
    await screen.findByText('sites: 0')
    await act(async () => {
      await call('keys.create', { name: 'new key', type: 'rsa' })
      expect(queryClient.getQueryData(['keys.list', undefined])).toHaveLength(2)
    })
    await screen.findByText('keys: Main key, new key')
    expect(count('keys.list')).toBe(2)
    expect(count('cloudfront.sites')).toBe(1)
  })

  it('shows a failed read at once, without retrying it', async () => {
    core.failKeys = true
    renderWithClient(<KeyNames label="keys" />)
    await screen.findByText('keys: Unlock it.')
    expect(count('keys.list')).toBe(1)
  })

  it('reads and writes while the computer is offline: the core is on this computer', async () => {
    renderWithClient(<Sites />)
    await screen.findByText('sites: 0')
    act(() => void window.dispatchEvent(new Event('offline')))
    try {
      renderWithClient(<KeyNames label="keys" />)
      await screen.findByText('keys: Main key')
      await act(() => call('keys.create', { name: 'new key', type: 'rsa' }))
      await screen.findByText('keys: Main key, new key')
    } finally {
      window.dispatchEvent(new Event('online'))
    }
  })

  it('names only contract channels as writes and as the reads they change', () => {
    const known = new Set<string>(channelNames)
    for (const [write, reads] of Object.entries(STALE_AFTER)) {
      expect(known.has(write)).toBe(true)
      for (const read of reads) expect(known.has(read)).toBe(true)
    }
  })
})
