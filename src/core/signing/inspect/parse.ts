// Reads what a person pastes into the inspector: a signed URL, or signed cookies (a Cookie header,
// Set-Cookie lines, or bare name=value pairs). Nothing is normalised: CloudFront checks the bytes
// it receives, so the inspector looks at exactly those.
import { KeyfrontError } from '../../../shared/errors.ts'
import { fromUrlSafeBase64 } from '../policy.ts'

export interface SignedParts {
  kind: 'url' | 'cookies'
  /** The URL without CloudFront's parameters (for cookies: the URL given with them, if any). */
  requestUrl?: string
  /** The whole URL as a viewer would open it (kind url). */
  fullUrl?: string
  expires?: string
  policy?: string
  signature?: string
  keyPairId?: string
  hashAlgorithm?: string
}

type Field = 'expires' | 'policy' | 'signature' | 'keyPairId' | 'hashAlgorithm'

const URL_PARAMETERS: Record<string, Field> = {
  Expires: 'expires',
  Policy: 'policy',
  Signature: 'signature',
  'Key-Pair-Id': 'keyPairId',
  'Hash-Algorithm': 'hashAlgorithm',
}

const COOKIE_NAMES: Record<string, Field> = Object.fromEntries(
  Object.entries(URL_PARAMETERS).map(([name, field]) => [`cloudfront-${name.toLowerCase()}`, field]),
)

export function parseSigned(input: string, cookieUrl?: string): SignedParts {
  const text = unwrap(input.trim())
  if (/^https?:\/\//i.test(text)) return parseUrl(text)
  if (/cloudfront-/i.test(text)) return parseCookies(text, cookieUrl?.trim() || undefined)
  throw new KeyfrontError(
    'SIGNED_URL_UNREADABLE',
    'Paste a whole signed link (starting with https://), or the signed cookies (CloudFront-Policy=…; CloudFront-Signature=…; CloudFront-Key-Pair-Id=…).',
  )
}

/**
 * The text without the quotes or angle brackets mail and chat put around links. A loop, not a
 * regular expression: `[>"']+$` tries every start position to the end, which is quadratic in a
 * long run of `>`.
 */
function unwrap(text: string): string {
  let start = 0
  let end = text.length
  while (start < end && OPENERS.includes(text.charAt(start))) start++
  while (end > start && CLOSERS.includes(text.charAt(end - 1))) end--
  return text.slice(start, end)
}

const OPENERS = '<"\''
const CLOSERS = '>"\''

function parseUrl(text: string): SignedParts {
  // Browsers never send the part after "#".
  const full = text.split('#')[0] ?? text
  const parts: SignedParts = { kind: 'url', fullUrl: full }
  const queryAt = full.indexOf('?')
  if (queryAt === -1) return { ...parts, requestUrl: full }
  const kept: string[] = []
  for (const pair of full.slice(queryAt + 1).split('&')) {
    const eq = pair.indexOf('=')
    const field = URL_PARAMETERS[eq === -1 ? pair : pair.slice(0, eq)]
    if (field) parts[field] = decode(eq === -1 ? '' : pair.slice(eq + 1))
    else kept.push(pair)
  }
  const base = full.slice(0, queryAt)
  return { ...parts, requestUrl: kept.length > 0 ? `${base}?${kept.join('&')}` : base }
}

function parseCookies(text: string, url: string | undefined): SignedParts {
  const parts: SignedParts = { kind: 'cookies' }
  if (url) parts.requestUrl = url
  for (const line of text.split(/\r?\n/)) {
    const body = line.replace(/^\s*(set-)?cookie:\s*/i, '')
    for (const pair of body.split(';')) {
      const eq = pair.indexOf('=')
      if (eq === -1) continue
      const field = COOKIE_NAMES[pair.slice(0, eq).trim().toLowerCase()]
      if (field) parts[field] = decode(pair.slice(eq + 1).trim())
    }
  }
  return parts
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

export interface PolicyFacts {
  resource?: string
  expiresAt: number
  startsAt?: number
  ipAddress?: string
}

/** Reads a custom policy the way CloudFront does; a string says what is wrong with it. */
export function readPolicy(encoded: string): { text: string; facts: PolicyFacts } | { problem: string } {
  const bytes = fromUrlSafeBase64(encoded)
  if (!bytes) return { problem: 'the Policy parameter is not in CloudFront’s base64 alphabet' }
  const text = bytes.toString('utf8')
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return { problem: 'the Policy parameter does not decode to JSON' }
  }
  const statements = (json as { Statement?: unknown } | null)?.Statement
  if (!Array.isArray(statements) || statements.length !== 1) {
    return { problem: 'a policy must have exactly one Statement' }
  }
  const statement = statements[0] as { Resource?: unknown; Condition?: Record<string, unknown> } | null
  const condition = statement?.Condition
  const epoch = (name: string) =>
    (condition?.[name] as Record<string, unknown> | undefined)?.['AWS:EpochTime']
  const expiresAt = epoch('DateLessThan')
  if (!Number.isInteger(expiresAt)) return { problem: 'the policy has no DateLessThan time' }
  const facts: PolicyFacts = { expiresAt: expiresAt as number }
  if (statement?.Resource !== undefined) {
    if (typeof statement.Resource !== 'string') return { problem: 'the policy’s Resource is not a string' }
    facts.resource = statement.Resource
  }
  const startsAt = epoch('DateGreaterThan')
  if (startsAt !== undefined) {
    if (!Number.isInteger(startsAt)) return { problem: 'the policy’s DateGreaterThan is not a time' }
    facts.startsAt = startsAt as number
  }
  const ip = (condition?.IpAddress as Record<string, unknown> | undefined)?.['AWS:SourceIp']
  if (ip !== undefined) {
    if (typeof ip !== 'string') return { problem: 'the policy’s IpAddress is not an address' }
    facts.ipAddress = ip
  }
  return { text, facts }
}
