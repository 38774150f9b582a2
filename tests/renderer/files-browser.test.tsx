// What the file browser says when this computer cannot list the site's bucket: one line naming
// s3:ListBucket and the bucket, and a policy for an administrator scoped to that bucket; a site whose
// files do not come from S3 is told apart. The typed path stays the way to go on. Also the folder
// view's rows and breadcrumbs, and an upload's progress in words.
import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { BrowseUnavailable } from '../../src/renderer/src/features/files/BrowseUnavailable.tsx'
import { rowsOf, breadcrumbs } from '../../src/renderer/src/features/files/browse.ts'
import { progressLine } from '../../src/renderer/src/features/files/upload-words.ts'

afterEach(cleanup)

describe('browsing unavailable', () => {
  it('names s3:ListBucket on the bucket and offers the policy to copy', () => {
    render(
      <BrowseUnavailable
        unavailable={{ code: 'AWS_ACCESS_DENIED', message: 'denied', bucket: 'team-files' }}
      />,
    )
    expect(screen.getByText(/Browsing needs permission to list the bucket/).textContent).toBe(
      'Browsing needs permission to list the bucket (s3:ListBucket on team-files); type the path above meanwhile.',
    )
    const policy = JSON.parse(screen.getByLabelText('IAM policy').textContent ?? '') as {
      Statement: { Action: string[]; Resource: string }[]
    }
    expect(policy.Statement[0]).toMatchObject({
      Action: ['s3:ListBucket'],
      Resource: 'arn:aws:s3:::team-files',
    })
    expect(screen.getByRole('button', { name: 'Copy policy' })).toBeDefined()
  })

  it('says a site whose files do not come from S3 cannot be browsed', () => {
    render(<BrowseUnavailable unavailable={{ code: 'SITE_ORIGIN_NOT_S3', message: 'not s3' }} />)
    expect(screen.getByText(/do not come from an S3 bucket/)).toBeDefined()
    expect(screen.queryByRole('button', { name: 'Copy policy' })).toBeNull()
  })
})

describe('the folder view', () => {
  const page = {
    folder: 'a/',
    folders: [{ path: 'a/Photos/', name: 'Photos' }],
    files: [
      { path: 'a/photo-list.txt', name: 'photo-list.txt', size: 1, type: 'Text', public: false },
      { path: 'a/q3.pdf', name: 'q3.pdf', size: 1, type: 'PDF', public: true },
    ],
  }
  it('lists folders first, and filters by any part of the name, any case', () => {
    expect(rowsOf([page], '').map((r) => r.name)).toEqual(['Photos', 'photo-list.txt', 'q3.pdf'])
    expect(rowsOf([page], 'PHOTO').map((r) => r.kind)).toEqual(['folder', 'file'])
  })
  it('has a breadcrumb for each folder on the way', () => {
    expect(breadcrumbs('reports/2026/')).toEqual([
      { name: 'Top folder', folder: '' },
      { name: 'reports', folder: 'reports/' },
      { name: '2026', folder: 'reports/2026/' },
    ])
  })
})

describe('an upload’s progress in words', () => {
  it('says how much is sent, how fast, and about how long is left', () => {
    expect(progressLine({ sent: 0, total: 40_000_000, elapsedMs: 0 })).toBe('0 bytes of 40 MB')
    expect(progressLine({ sent: 10_000_000, total: 40_000_000, elapsedMs: 2000 })).toBe(
      '10 MB of 40 MB · 5.0 MB/s · about 6 s left',
    )
    expect(progressLine({ sent: 10_000_000, total: 1_000_000_000, elapsedMs: 2000 })).toBe(
      '10 MB of 1.0 GB · 5.0 MB/s · about 3 min left',
    )
    expect(progressLine({ sent: 40_000_000, total: 40_000_000, elapsedMs: 8000 })).toBe(
      '40 MB of 40 MB · 5.0 MB/s',
    )
  })
})
