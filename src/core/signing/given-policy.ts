// A custom policy given as is (`keyfront sign --policy FILE|-`), read against CloudFront's grammar
// before anything is signed: one statement holding a Resource and a Condition with DateLessThan,
// and optionally DateGreaterThan and IpAddress; times as whole epoch seconds; nothing else. Each
// way a policy can be wrong has its own code and a message that names the part and what to write
// instead. The resource, the times and the IP range are checked further by the link service, as
// for any link.
import { KeyfrontError, type ErrorCode } from '../../shared/errors.ts'
import { MILLISECONDS_FROM } from '../../shared/expiry.ts'
import { normalizeIpRange } from './conditions.ts'

export interface GivenPolicy {
  /** What gets signed: the policy without whitespace, its keys in the order given. */
  text: string
  resource: string
  expiresAt: number
  startsAt?: number
  /** As written in the policy: `a.b.c.d/n`. */
  ipAddress?: string
}

const SHAPE =
  'A policy looks like {"Statement":[{"Resource":"https://…/*","Condition":{"DateLessThan":{"AWS:EpochTime":1798761600}}}]}.'

const fail = (code: ErrorCode, message: string) => new KeyfrontError(code, message)

type Json = Record<string, unknown>

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** `value` as an object whose keys are all `allowed`; `where` names it in messages. */
function objectWith(value: unknown, where: string, allowed: readonly string[], what: string): Json {
  if (!isObject(value)) throw fail('POLICY_FIELD_INVALID', `${where} must be an object (in { }). ${SHAPE}`)
  const unknown = Object.keys(value).find((key) => !allowed.includes(key))
  if (unknown !== undefined) {
    throw fail(
      'POLICY_UNKNOWN_KEY',
      `${where} has "${unknown.slice(0, 60)}", which CloudFront does not read: ${what}. Remove it.`,
    )
  }
  return value
}

function required(object: Json, key: string, where: string, why: string): unknown {
  if (!(key in object)) throw fail('POLICY_FIELD_MISSING', `${where} has no ${key}: ${why}`)
  return object[key]
}

/** `{"AWS:EpochTime": n}` → n, whole seconds. */
function epochOf(value: unknown, name: string): number {
  const time = required(
    objectWith(value, name, ['AWS:EpochTime'], `${name} holds only "AWS:EpochTime"`),
    'AWS:EpochTime',
    name,
    'write {"AWS:EpochTime": SECONDS}.',
  )
  if (typeof time !== 'number' || !Number.isSafeInteger(time) || time < 1) {
    throw fail(
      'POLICY_FIELD_INVALID',
      `${name} must be whole epoch seconds written as a number, without quotes (like 1798761600); it is ${JSON.stringify(time).slice(0, 40)}.`,
    )
  }
  if (time >= MILLISECONDS_FROM) {
    throw fail(
      'POLICY_TIME_IN_MILLISECONDS',
      `${name} is ${time}, a time in milliseconds; CloudFront reads epoch seconds. Write ${Math.floor(time / 1000)}.`,
    )
  }
  return time
}

function ipRangeOf(value: unknown): string {
  const ip = required(
    objectWith(value, 'IpAddress', ['AWS:SourceIp'], 'IpAddress holds only "AWS:SourceIp"'),
    'AWS:SourceIp',
    'IpAddress',
    'write {"AWS:SourceIp": "203.0.113.0/24"}.',
  )
  if (typeof ip !== 'string') {
    throw fail('POLICY_FIELD_INVALID', 'AWS:SourceIp must be a string, like "203.0.113.0/24".')
  }
  const range = normalizeIpRange(ip)
  if (range !== ip) {
    throw fail(
      'POLICY_FIELD_INVALID',
      `AWS:SourceIp must be an IPv4 range in CIDR form: write "${range}" (one address is /32).`,
    )
  }
  return range
}

export function readGivenPolicy(text: string): GivenPolicy {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    const why = error instanceof SyntaxError ? ` (${error.message.slice(0, 120)})` : ''
    throw fail('POLICY_NOT_JSON', `The policy is not JSON${why}. ${SHAPE}`)
  }
  const policy = objectWith(json, 'The policy', ['Statement'], 'a policy holds only "Statement"')
  const statements = required(policy, 'Statement', 'The policy', SHAPE)
  if (!Array.isArray(statements)) {
    throw fail('POLICY_FIELD_INVALID', `Statement must be a list (in [ ]) holding one statement. ${SHAPE}`)
  }
  if (statements.length !== 1) {
    throw fail(
      'POLICY_STATEMENT_COUNT',
      `The policy has ${statements.length} statements; CloudFront reads exactly one. Keep one, and widen its Resource with * if it must open more files.`,
    )
  }
  const statement = objectWith(
    statements[0],
    'The statement',
    ['Resource', 'Condition'],
    'a statement holds only "Resource" and "Condition"',
  )
  const resource = required(
    statement,
    'Resource',
    'The statement',
    'without one the link would open every file of every distribution that trusts the key. Write the URL or pattern it may open, or "*" if that is what you mean.',
  )
  if (typeof resource !== 'string' || resource.trim() !== resource || resource === '') {
    throw fail(
      'POLICY_FIELD_INVALID',
      'Resource must be one URL or pattern in quotes, with no spaces around it (a list of resources is not allowed).',
    )
  }
  const condition = objectWith(
    required(statement, 'Condition', 'The statement', 'it says until when the link works.'),
    'The Condition',
    ['DateLessThan', 'DateGreaterThan', 'IpAddress'],
    'the conditions are DateLessThan, DateGreaterThan and IpAddress',
  )
  const given: GivenPolicy = {
    text: JSON.stringify(json),
    resource,
    expiresAt: epochOf(
      required(
        condition,
        'DateLessThan',
        'The Condition',
        'it is when the link stops working, and required.',
      ),
      'DateLessThan',
    ),
  }
  if ('DateGreaterThan' in condition) given.startsAt = epochOf(condition.DateGreaterThan, 'DateGreaterThan')
  if ('IpAddress' in condition) given.ipAddress = ipRangeOf(condition.IpAddress)
  return given
}
