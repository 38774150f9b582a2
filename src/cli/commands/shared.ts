// What more than one command group uses, in a module of its own: loading one group (`sign`) must
// not load another (`keys`, `cloudfront`) with everything that group imports.
import { KeyfrontError } from '../../shared/errors.ts'
import type { CliIo } from '../io.ts'
import { usageError } from '../program.ts'

/** The passphrase in the environment variable named by --passphrase-env VAR (keys import/export, sign). */
export function passphraseFrom(io: CliIo, variable: string): string {
  const value = io.env[variable]
  if (!value) {
    throw usageError(
      `The environment variable ${variable} is not set. Put the passphrase in it first (for example: read -rs ${variable} && export ${variable}).`,
    )
  }
  return value
}

export function siteNotFound(ref: string): KeyfrontError {
  return new KeyfrontError(
    'SITE_NOT_FOUND',
    `No site "${ref}" was onboarded from this computer. See them with "keyfront cloudfront sites", or give the whole URL instead.`,
  )
}
