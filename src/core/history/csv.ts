// The history as CSV (RFC 4180, UTF-8 with a byte-order mark so Excel reads accents right, CRLF),
// for spreadsheets and audits. Without signatures by
// default; a "signed link" column only when the caller passes one in — the user asked for working
// links, which then exist in that file (written readable by its owner only).
import { closeSync, fchmodSync, openSync, writeSync } from 'node:fs'
import type { HistoryItem } from '../../shared/contract/history.ts'

const COLUMNS = [
  'id',
  'created',
  'label',
  'kind',
  'url',
  'resource',
  'status',
  'starts',
  'expires',
  'ip_address',
  'key_id',
  'key_name',
  'key_pair_id',
  'algorithm',
  'policy_type',
  'policy',
  'distribution_id',
  'source',
] as const

const SIGNED_COLUMN = 'signed_link'

function isoSeconds(epochSeconds: number | undefined): string {
  return epochSeconds === undefined ? '' : new Date(epochSeconds * 1000).toISOString()
}

/**
 * One cell. Quoted when it holds a comma, quote or line break; and text a spreadsheet would run as
 * a formula (a label starting with "=", say) is prefixed with an apostrophe, as OWASP advises.
 */
export function csvCell(value: string | number): string {
  let text = String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export function csvHeader(withSignedLinks: boolean): string {
  return `\uFEFF${[...COLUMNS, ...(withSignedLinks ? [SIGNED_COLUMN] : [])].join(',')}\r\n`
}

export function csvRow(item: HistoryItem, signedLink?: string): string {
  const cells: (string | number)[] = [
    item.id,
    new Date(item.createdAt).toISOString(),
    item.label ?? '',
    item.kind,
    item.url,
    item.resource,
    item.status,
    isoSeconds(item.startsAt),
    isoSeconds(item.expiresAt),
    item.ipAddress ?? '',
    item.keyId,
    item.keyName ?? (item.keyFile ? '(key file)' : '(deleted)'),
    item.keyPairId,
    item.algorithm,
    item.canned ? 'canned' : 'custom',
    item.policy,
    item.distributionId ?? '',
    item.source,
  ]
  if (signedLink !== undefined) cells.push(signedLink)
  return `${cells.map(csvCell).join(',')}\r\n`
}

/** Writes text to a new file in chunks, so an export of any size never sits in memory whole. */
export class CsvFile {
  private readonly fd: number
  private pending: string[] = []
  private pendingLength = 0

  constructor(path: string) {
    // Owner-only: with signed links the file holds working links.
    this.fd = openSync(path, 'w', 0o600)
    if (process.platform !== 'win32') fchmodSync(this.fd, 0o600)
  }

  write(text: string): void {
    this.pending.push(text)
    this.pendingLength += text.length
    if (this.pendingLength > 256 * 1024) this.flush()
  }

  close(): void {
    try {
      this.flush()
    } finally {
      closeSync(this.fd)
    }
  }

  private flush(): void {
    writeSync(this.fd, this.pending.join(''))
    this.pending = []
    this.pendingLength = 0
  }
}
