// The file browser's view of a folder, kept apart from React: the rows (sub-folders first, then
// files) narrowed by what was typed in the filter, and the breadcrumb trail to the folder.
import type { FileEntry, FolderEntry, FolderPage } from '../../../../shared/contract/files.ts'

export type Row = ({ kind: 'folder' } & FolderEntry) | ({ kind: 'file' } & FileEntry)

/** Every row of the pages read so far, matching the filter (any part of the name, any case). */
export function rowsOf(pages: readonly FolderPage[], filter: string): Row[] {
  const wanted = filter.trim().toLowerCase()
  const matches = (name: string) => wanted === '' || name.toLowerCase().includes(wanted)
  return [
    ...pages.flatMap((p) =>
      p.folders.filter((f) => matches(f.name)).map((f) => ({ kind: 'folder' as const, ...f })),
    ),
    ...pages.flatMap((p) =>
      p.files.filter((f) => matches(f.name)).map((f) => ({ kind: 'file' as const, ...f })),
    ),
  ]
}

/** "reports/2026/" → Top, reports, 2026 — each with the folder it opens. */
export function breadcrumbs(folder: string): { name: string; folder: string }[] {
  const parts = folder.split('/').filter(Boolean)
  return [
    { name: 'Top folder', folder: '' },
    ...parts.map((name, i) => ({ name, folder: `${parts.slice(0, i + 1).join('/')}/` })),
  ]
}
