// What the path field offers as the user types: paths already used on the site (from History) that
// begin with what is typed, then the names in the folder typed so far (from the bucket listing)
// that begin with the name being typed — folders first, as the browser shows them. Case is ignored.
import type { FolderPage } from '../../../../shared/contract/files.ts'

export interface Completion {
  path: string
  /** Where it comes from: a folder or file of the listing, or a path used before. */
  kind: 'folder' | 'file' | 'used'
}

const SHOWN = 8

/** The folder of what is typed ("reports/2026/" for "reports/2026/q"); "" at the top. */
export function typedFolder(typed: string): string {
  const path = typed.replace(/^\/+/, '')
  return path.slice(0, path.lastIndexOf('/') + 1)
}

export function completions(
  typed: string,
  listing: FolderPage | undefined,
  used: readonly string[],
): Completion[] {
  const path = typed.replace(/^\/+/, '')
  const start = path.toLowerCase()
  const begins = (candidate: string) => candidate.toLowerCase().startsWith(start) && candidate !== path
  const out: Completion[] = used.filter(begins).map((p) => ({ path: p, kind: 'used' as const }))
  if (listing && listing.folder === typedFolder(path)) {
    out.push(
      ...listing.folders
        .filter((f) => begins(f.path))
        .map((f) => ({ path: f.path, kind: 'folder' as const })),
      ...listing.files.filter((f) => begins(f.path)).map((f) => ({ path: f.path, kind: 'file' as const })),
    )
  }
  const seen = new Set<string>()
  return out.filter((c) => !seen.has(c.path) && seen.add(c.path)).slice(0, SHOWN)
}
