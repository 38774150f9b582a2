// The history as CSV (RFC 4180, UTF-8 with a byte-order mark so Excel reads accents right, CRLF),
// for spreadsheets and audits. Without signatures by default; a "signed link" column only when the
// caller passes one in — the user asked for working links, which then exist in that file (written
// as an output file: readable by its owner only).
import type { HistoryItem } from '../../shared/contract/history.ts'
import { csvRow } from '../../shared/csv.ts'

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

export function historyCsvHeader(withSignedLinks: boolean): string {
  return `\uFEFF${[...COLUMNS, ...(withSignedLinks ? [SIGNED_COLUMN] : [])].join(',')}\r\n`
}

export function historyCsvLine(item: HistoryItem, signedLink?: string): string {
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
  return `${csvRow(cells)}\r\n`
}
