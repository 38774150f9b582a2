// The upload panel: the folder it offers (the one being browsed, else the path's, else the site's
// upload folder, else the top), and an upload whose connection is lost — the panel shows what
// happened with Retry, and Retry starts the same upload again (same files, folder and choice).
import { QueryClientProvider } from '@tanstack/react-query'
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { UploadPanel } from '../../src/renderer/src/features/files/UploadPanel.tsx'
import { queryClient } from '../../src/renderer/src/lib/server-state.ts'

const LOST =
  'The connection was lost while uploading “q3.pdf” (ECONNRESET). Nothing was kept in the bucket. Check your internet connection, proxy or VPN, then retry.'
let shares: unknown[]

beforeEach(() => {
  shares = []
  ;(window as unknown as { keyfront: unknown }).keyfront = {
    on: () => () => undefined,
    files: {
      choose: async () => ({ ok: true, value: { files: [{ token: 't1', name: 'q3.pdf', size: 2000 }] } }),
      share: async (request: { folder: string }) => {
        shares.push(request)
        return shares.length === 1
          ? { ok: false, error: { code: 'AWS_NETWORK', message: LOST } }
          : {
              ok: true,
              value: {
                files: [{ path: `${request.folder}q3.pdf`, bytes: 2000, url: 'https://d.example/q3.pdf?s' }],
              },
            }
      },
    },
  }
})
afterEach(cleanup)

it('says the connection was lost and uploads the same files again on Retry', async () => {
  render(
    <QueryClientProvider client={queryClient}>
      <UploadPanel host="files.example.com" path="reports/q3.pdf" expiresAt={() => 2_000_000_000} label="" />
    </QueryClientProvider>,
  )
  fireEvent.click(screen.getByRole('button', { name: 'Choose files…' }))
  fireEvent.click(await screen.findByRole('button', { name: 'Upload and make the link' }))
  expect((await screen.findByRole('alert')).textContent).toContain(LOST)

  fireEvent.click(screen.getByRole('button', { name: 'Retry' }))
  await screen.findByLabelText('Link to reports/q3.pdf')
  expect(shares).toHaveLength(2)
  expect(shares[1]).toEqual({ ...(shares[0] as object), task: (shares[1] as { task: string }).task })
  expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull()
})

describe('the folder it offers', () => {
  const offered = async (props: { path: string; browsing?: string; uploadFolder?: string }) => {
    render(
      <QueryClientProvider client={queryClient}>
        <UploadPanel host="files.example.com" expiresAt={() => 2_000_000_000} label="" {...props} />
      </QueryClientProvider>,
    )
    fireEvent.click(screen.getByRole('button', { name: 'Choose files…' }))
    const value = (await screen.findByLabelText<HTMLInputElement>('Upload to folder')).value
    cleanup()
    return value
  }
  it('is the folder browsed, else the path’s folder, else the site’s upload folder, else the top', async () => {
    expect(await offered({ path: 'reports/q3.pdf', browsing: 'media/', uploadFolder: 'inbox/' })).toBe(
      'media/',
    )
    expect(await offered({ path: '/reports/q3.pdf', uploadFolder: 'inbox/' })).toBe('reports/')
    expect(await offered({ path: 'q3.pdf', uploadFolder: 'inbox/' })).toBe('inbox/')
    expect(await offered({ path: '' })).toBe('')
  })
})
