// The path field's completions: paths used before on the site (History) and the names in the folder
// typed so far (the bucket listing), offered as a listbox under a combobox; Down/Up move, Enter
// takes one (a folder keeps the list open for the next level), Escape closes, and the form is not
// submitted by the Enter that takes a completion.
import { QueryClientProvider } from '@tanstack/react-query'
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SignedSite } from '../../src/shared/contract/cloudfront.ts'
import {
  FileLocation,
  firstPlace,
  type FilePlace,
} from '../../src/renderer/src/features/links/FileLocation.tsx'
import { completions } from '../../src/renderer/src/features/links/path-completion.ts'
import { queryClient } from '../../src/renderer/src/lib/server-state.ts'

const SITE: SignedSite = {
  distributionId: 'E2QWRUHAPOMQZL',
  domainName: 'd111111abcdef8.cloudfront.net',
  aliases: ['files.example.com'],
  keyId: 'key-1',
  keyPairId: 'K2JCJMDEHXQW5F',
  keyGroupId: 'group-1',
  keyGroupName: 'keyfront-E2QWRUHAPOMQZL',
  restrictedPaths: ['*'],
  accountId: '123456789012',
  onboardedAt: 1,
}
const file = (path: string) => ({
  path,
  name: path.split('/').pop() ?? '',
  size: 1,
  type: 'PDF',
  public: false,
})
const PAGES: Record<string, unknown> = {
  '': {
    folder: '',
    folders: [
      { path: 'reports/', name: 'reports' },
      { path: 'media/', name: 'media' },
    ],
    files: [file('readme.txt')],
  },
  'reports/': { folder: 'reports/', folders: [], files: [file('reports/q3.pdf'), file('reports/q4.pdf')] },
}
let submitted: number

beforeEach(() => {
  submitted = 0
  queryClient.clear()
  ;(window as unknown as { keyfront: unknown }).keyfront = {
    files: { browse: async ({ folder }: { folder: string }) => ({ ok: true, value: PAGES[folder] }) },
    history: { paths: async () => ({ ok: true, value: ['reports/q3 final.pdf', 'media/intro.mp4'] }) },
  }
})
afterEach(cleanup)

function Form() {
  const [place, setPlace] = useState<FilePlace>(() => firstPlace([SITE]))
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault()
        submitted++
      }}
    >
      <FileLocation sites={[SITE]} value={place} onChange={setPlace} />
    </form>
  )
}

const options = () =>
  within(screen.getByRole('listbox', { name: 'Paths on this site', hidden: true }))
    .queryAllByRole('option', { hidden: true })
    .map((o) => o.firstChild?.textContent)

describe('path completion', () => {
  it('offers used paths and the typed folder’s names; the keyboard takes them', async () => {
    render(
      <QueryClientProvider client={queryClient}>
        <Form />
      </QueryClientProvider>,
    )
    const box = screen.getByRole('combobox', { name: 'Path of the file' })
    fireEvent.focus(box)
    fireEvent.change(box, { target: { value: 'Re' } })
    await screen.findByRole('option', { name: /^reports\/ folder/ })
    expect(options()).toEqual(['reports/q3 final.pdf', 'reports/', 'readme.txt'])
    expect(box.getAttribute('aria-expanded')).toBe('true')

    fireEvent.keyDown(box, { key: 'ArrowDown' })
    fireEvent.keyDown(box, { key: 'ArrowDown' })
    const active = box.getAttribute('aria-activedescendant') ?? ''
    expect(document.getElementById(active)?.firstChild?.textContent).toBe('reports/')
    expect(document.getElementById(active)?.getAttribute('aria-selected')).toBe('true')
    fireEvent.keyDown(box, { key: 'Enter' })
    expect((box as HTMLInputElement).value).toBe('reports/')
    await screen.findByRole('option', { name: /^reports\/q4\.pdf file/ })
    expect(options()).toEqual(['reports/q3 final.pdf', 'reports/q3.pdf', 'reports/q4.pdf'])

    fireEvent.change(box, { target: { value: 'reports/q4' } })
    fireEvent.keyDown(box, { key: 'ArrowDown' })
    fireEvent.keyDown(box, { key: 'Enter' })
    expect((box as HTMLInputElement).value).toBe('reports/q4.pdf')
    expect(box.getAttribute('aria-expanded')).toBe('false')
    expect(submitted).toBe(0)

    fireEvent.change(box, { target: { value: 'm' } })
    await screen.findByRole('option', { name: /^media\/ folder/ })
    fireEvent.keyDown(box, { key: 'Escape' })
    expect(box.getAttribute('aria-expanded')).toBe('false')
    // With the list closed, Enter is the form's again.
    fireEvent.submit(box.closest('form') as HTMLFormElement)
    expect(submitted).toBe(1)
  })

  it('keeps each path once, used paths first, at most eight', () => {
    const page = { folder: '', folders: [], files: Array.from({ length: 12 }, (_, i) => file(`a${i}.pdf`)) }
    const offered = completions('a', page, ['a1.pdf', 'b.pdf'])
    expect(offered[0]).toEqual({ path: 'a1.pdf', kind: 'used' })
    expect(offered).toHaveLength(8)
    expect(new Set(offered.map((c) => c.path)).size).toBe(8)
    // A listing of another folder than the one typed is not offered.
    expect(completions('reports/q', page, [])).toEqual([])
  })
})
