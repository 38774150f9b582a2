// Before `keyfront sign --site SITE PATH` signs, the file must be there: a link to a typo works for
// no one, and finding out is the recipient's problem. A missing file stops the command (exit 1,
// FILE_NOT_FOUND, nothing signed or recorded) with the nearest names; when Keyfront cannot tell
// (offline, say), it says so and signs. Paths with wildcards open many files and are not checked.
import type { KeyChoice } from '../../core/signing/link-service.ts'
import type { FileCheck } from '../../shared/contract/files.ts'
import { KeyfrontError } from '../../shared/errors.ts'
import { formatSize } from '../../shared/file-size.ts'
import type { CliContext } from '../context.ts'

export async function checkSiteFile(
  ctx: CliContext,
  site: string,
  path: string,
  key: KeyChoice,
): Promise<void> {
  if (/[*?]/.test(path)) return
  const { files } = await ctx.keyfront()
  const check = await files.check(site, path, key)
  if (check.found === false) throw fileNotFound(check)
  ctx.io.stderr(`${checkLine(check)}\n`)
}

function checkLine(check: Exclude<FileCheck, { found: false }>): string {
  if (check.found === 'unknown')
    return `Keyfront could not check that ${check.path} is there: ${check.reason}`
  const facts = [check.size !== undefined ? formatSize(check.size) : undefined, check.type].filter(Boolean)
  return `File found${facts.length > 0 ? ` · ${facts.join(' ')}` : ''}.`
}

function fileNotFound(check: Extract<FileCheck, { found: false }>): KeyfrontError {
  const nearest =
    check.nearest.length > 0 ? ` Did you mean ${check.nearest.map((n) => `"${n}"`).join(' or ')}?` : ''
  return new KeyfrontError(
    'FILE_NOT_FOUND',
    `There is no file at ${check.path} on this site, so a link to it would not open.${nearest} Check the path (it is case-sensitive), or sign anyway with --no-check.`,
  )
}
