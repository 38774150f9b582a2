// Stable error codes shared by core, IPC and the CLI. A code never changes meaning once released:
// the renderer, scripts using `--json` and the CLI's exit status all depend on it.

export const ERROR_CODES = [
  // usage / input
  'USAGE',
  'INVALID_INPUT',
  'UNTRUSTED_SENDER',
  'UNKNOWN_CHANNEL',
  'INTERNAL',
  'CANCELLED',
  // keychain
  'KEYCHAIN_UNAVAILABLE',
  'KEYCHAIN_LOCKED',
  'KEYCHAIN_REFUSED',
  'KEYCHAIN_ENTRY_MISSING',
  // keys
  'KEY_NOT_FOUND',
  'KEY_NAME_TAKEN',
  'KEY_ALREADY_HELD',
  'KEY_NOT_PRIVATE',
  'KEY_UNSUPPORTED_TYPE',
  'KEY_WRONG_SIZE',
  'KEY_WRONG_CURVE',
  'KEY_WRONG_PASSPHRASE',
  'KEY_PASSPHRASE_REQUIRED',
  'KEY_UNREADABLE',
  'KEY_FILE_TOO_LARGE',
  'KEY_PAIR_ID_INVALID',
  'KEY_PAIR_ID_MISSING',
  // links
  'URL_INVALID',
  'URL_RESERVED_PARAMETER',
  'URL_TOO_LONG',
  'EXPIRY_IN_PAST',
  'EXPIRY_TOO_LATE',
  'START_AFTER_EXPIRY',
  'IP_INVALID',
  'IP_V6_UNSUPPORTED',
  'RESOURCE_PATTERN_INVALID',
  'SIGNED_URL_UNREADABLE',
  // history
  'HISTORY_ENTRY_NOT_FOUND',
  'HISTORY_UNREADABLE',
  // aws / cloudfront
  'AWS_NO_CREDENTIALS',
  'AWS_PROFILE_NOT_FOUND',
  'AWS_SSO_EXPIRED',
  'AWS_ACCESS_DENIED',
  'AWS_THROTTLED',
  'AWS_NETWORK',
  'AWS_ERROR',
  'CF_TOO_MANY_PUBLIC_KEYS',
  'CF_TOO_MANY_KEYS_IN_GROUP',
  'CF_TOO_MANY_KEY_GROUPS_ON_DISTRIBUTION',
  'CF_KEY_GROUP_EXISTS',
  'CF_PUBLIC_KEY_EXISTS',
  'CF_PRECONDITION_FAILED',
  'CF_NO_SUCH_DISTRIBUTION',
  'CF_NO_SUCH_KEY_GROUP',
  'CF_PUBLIC_KEY_IN_USE',
  'S3_NO_SUCH_BUCKET',
  // keys (added with the key store)
  'KEY_METADATA_UNREADABLE',
  'FILE_UNWRITABLE',
  // private bucket → distribution (origin)
  'S3_POLICY_INVALID',
  'S3_POLICY_CHANGED',
  'CF_ACCESS_CONTROL_MISMATCH',
  'CF_DISTRIBUTION_REFERENCE_TAKEN',
  // the bucket encrypts with aws/s3 and the user has not chosen how to go on
  'S3_AWS_MANAGED_KEY',
  // aws profiles and cloudfront onboarding
  'AWS_CREDENTIALS_INVALID',
  'AWS_PROFILE_NAME_TAKEN',
  'CF_TOO_MANY_KEY_GROUPS',
  'CF_BEHAVIOR_NOT_FOUND',
  'CF_NO_SUCH_PUBLIC_KEY',
  'CF_INVALID_REQUEST',
  'CF_LAST_KEY_IN_GROUP',
  // signed links (added with signing)
  'EXPIRY_INVALID',
  'KEY_FILE_NOT_FOUND',
  'BATCH_EMPTY',
  'BATCH_TOO_LARGE',
  'LINK_NOT_REPRODUCIBLE',
  'LIVE_TEST_UNREACHABLE',
  'LIVE_TEST_REFUSED',
  // sites onboarded from this computer (New link's "Where is the file?")
  'SITE_NOT_FOUND',
  'SITE_NAME_INVALID',
  // text kept and shown back (labels, URLs): plain, on one line
  'LABEL_INVALID',
  'URL_CONTROL_CHARACTER',
  // the data folder and files the user asked for (exports)
  'DISK_FULL',
  'DATA_FOLDER_INVALID',
  'DATA_FOLDER_BUSY',
  'FILE_EXISTS',
  'FILE_IS_FOLDER',
  // key lifecycle (replace, retire, stop)
  'KEY_NOT_HELD',
  'KEY_LEGACY_PAIR',
  'KEY_NOT_UPLOADED',
  'KEY_LINKS_STILL_WORK',
  'KEY_SITES_STILL_USE',
  // links over time: renewing a link, the tray's quick link
  'RENEW_KEY_MISSING',
  'LINK_EXPIRED',
  'CLIPBOARD_NOT_A_LINK',
  // signing as other CloudFront signers can: a policy given as is, cookie domains, legacy key pairs
  'POLICY_NOT_JSON',
  'POLICY_STATEMENT_COUNT',
  'POLICY_UNKNOWN_KEY',
  'POLICY_FIELD_MISSING',
  'POLICY_FIELD_INVALID',
  'POLICY_TIME_IN_MILLISECONDS',
  'POLICY_FILE_UNREADABLE',
  'COOKIE_DOMAIN_INVALID',
  'KEY_PAIR_ID_KIND_MISMATCH',
  // sharing a file: browsing a site's bucket, uploading, checking the file is there
  'SITE_ORIGIN_NOT_S3',
  'OBJECT_EXISTS',
  'OBJECT_KEY_INVALID',
  'FILE_NOT_FOUND',
  'UPLOAD_NOT_A_FILE',
  'UPLOAD_UNREADABLE',
  // adding a site by hand, and a setup file shared with a colleague (key + site)
  'SITE_KEY_NOT_TRUSTED',
  'SITE_PATH_NOT_RESTRICTED',
  'SETUP_PASSPHRASE_WRONG',
  'SETUP_FILE_INVALID',
  // team keys held by AWS KMS
  'KEY_NOT_EXPORTABLE',
  'KMS_KEY_NOT_FOUND',
  'KMS_KEY_DISABLED',
  'KMS_KEY_PENDING_DELETION',
  'KMS_KEY_UNSUITABLE',
  'KMS_KEY_NOT_IN_KMS',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

/** What crosses IPC and what `--json` prints on failure. Never carries key material. */
export interface ErrorInfo {
  code: ErrorCode
  message: string
}

/** The one error type the core throws on purpose. Anything else is a bug and maps to INTERNAL. */
export class KeyfrontError extends Error {
  readonly code: ErrorCode
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'KeyfrontError'
    this.code = code
  }
}

export function isKeyfrontError(error: unknown): error is KeyfrontError {
  return error instanceof KeyfrontError
}

/**
 * Turns anything thrown into a safe ErrorInfo. Unexpected errors keep only a generic message:
 * their text may echo input (a pasted PEM, say), so it must not leave the process.
 */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (isKeyfrontError(error)) return { code: error.code, message: error.message }
  return { code: 'INTERNAL', message: 'Something went wrong inside Keyfront. Please try again.' }
}
