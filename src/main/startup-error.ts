// What the user is told when the app cannot start: what happened, in plain words, and the data
// folder it was using — so that a failure before the window exists is never an invisible app.
import { isKeyfrontError } from '../shared/errors.ts'

const FILE_PROBLEMS: Record<string, string> = {
  EACCES: 'Keyfront is not allowed to use a file or folder there',
  EPERM: 'Keyfront is not allowed to use a file or folder there',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENOTDIR: 'a file sits where a folder should be',
  EEXIST: 'a file sits where a folder should be',
  EISDIR: 'a folder sits where a file should be',
  ENOENT: 'a file or folder is missing',
}

/** The error box's text. Keyfront's own errors are written to be shown; others give their kind only. */
export function startupErrorText(error: unknown, dataDir: string | undefined): string {
  const where = dataDir ? `\n\nData folder: ${dataDir}` : ''
  return `${describe(error)}${where}\n\nKeyfront will close now. Fix the problem above, then open it again.`
}

function describe(error: unknown): string {
  if (isKeyfrontError(error)) return error.message
  const { code, path } = (error ?? {}) as NodeJS.ErrnoException
  const problem = code ? FILE_PROBLEMS[code] : undefined
  if (problem) return `Keyfront could not start: ${problem}${path ? ` (${path})` : ''}.`
  // Text of unexpected errors may carry input; the kind of error is enough to report it.
  const kind = error instanceof Error ? error.name : typeof error
  return `Keyfront could not start because of an unexpected error (${code ?? kind}).`
}
