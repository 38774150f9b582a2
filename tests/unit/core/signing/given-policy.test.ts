// A custom policy given as is (`keyfront sign --policy`): each way it can break CloudFront's
// grammar is refused before the keychain is opened, with its own code and a message naming the
// part and what to write; a good one is signed as given and recorded like any custom-policy link.
import { describe, expect, it } from 'vitest'
import { fromUrlSafeBase64 } from '../../../../src/core/signing/policy.ts'
import type { ErrorCode } from '../../../../src/shared/errors.ts'
import { KeyfrontError } from '../../../../src/shared/errors.ts'
import { NOW, makeService } from './fixtures.ts'

const HOST = 'https://d111111abcdef8.cloudfront.net'
const URL_OK = `${HOST}/reports/q3.pdf`
const EXPIRES = NOW + 3600

/** A policy with its Statement's parts replaced as given (undefined leaves one out). */
/** The one statement of a policy, parsed. */
function statementOf(text: string): Record<string, unknown> {
  return (JSON.parse(text) as { Statement: Record<string, unknown>[] }).Statement[0] ?? {}
}

function policy(parts: { resource?: unknown; condition?: unknown } = {}): string {
  const statement: Record<string, unknown> = {}
  if (!('resource' in parts)) statement.Resource = `${HOST}/reports/*`
  else if (parts.resource !== undefined) statement.Resource = parts.resource
  if (!('condition' in parts)) statement.Condition = { DateLessThan: { 'AWS:EpochTime': EXPIRES } }
  else if (parts.condition !== undefined) statement.Condition = parts.condition
  return JSON.stringify({ Statement: [statement] })
}

async function refusal(text: string, url = URL_OK): Promise<KeyfrontError> {
  const { links, keys, history } = makeService()
  const error = await links.signPolicy({ key: 'Main RSA', url, policy: text }).then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(KeyfrontError)
  expect(keys.loads).toBe(0)
  expect(history.entries).toEqual([])
  return error as KeyfrontError
}

const cases: [string, string, ErrorCode, RegExp][] = [
  [
    'text that is not JSON',
    '{"Statement": [',
    'POLICY_NOT_JSON',
    /^The policy is not JSON \(.+\)\. A policy looks like/,
  ],
  [
    'two statements',
    JSON.stringify({ Statement: [statementOf(policy()), statementOf(policy())] }),
    'POLICY_STATEMENT_COUNT',
    /has 2 statements; CloudFront reads exactly one/,
  ],
  ['no statement', '{"Statement":[]}', 'POLICY_STATEMENT_COUNT', /has 0 statements/],
  ['a Statement that is not a list', '{"Statement":{}}', 'POLICY_FIELD_INVALID', /Statement must be a list/],
  ['no Statement at all', '{}', 'POLICY_FIELD_MISSING', /The policy has no Statement/],
  [
    'a key beside Statement',
    JSON.stringify({ Version: '2012-10-17', ...(JSON.parse(policy()) as object) }),
    'POLICY_UNKNOWN_KEY',
    /The policy has "Version", which CloudFront does not read: a policy holds only "Statement"\. Remove it\./,
  ],
  [
    'a key in the statement CloudFront does not read',
    JSON.stringify({ Statement: [{ ...statementOf(policy()), Effect: 'Allow' }] }),
    'POLICY_UNKNOWN_KEY',
    /The statement has "Effect"/,
  ],
  [
    'an unknown condition',
    policy({
      condition: { DateLessThan: { 'AWS:EpochTime': EXPIRES }, DateLessThanEquals: { 'AWS:EpochTime': 1 } },
    }),
    'POLICY_UNKNOWN_KEY',
    /"DateLessThanEquals".*the conditions are DateLessThan, DateGreaterThan and IpAddress/,
  ],
  [
    'a key inside DateLessThan besides AWS:EpochTime',
    policy({ condition: { DateLessThan: { 'AWS:EpochTime': EXPIRES, 'AWS:Other': 1 } } }),
    'POLICY_UNKNOWN_KEY',
    /DateLessThan has "AWS:Other"/,
  ],
  [
    'no Resource',
    policy({ resource: undefined }),
    'POLICY_FIELD_MISSING',
    /no Resource: without one the link would open every file/,
  ],
  [
    'a list of resources',
    policy({ resource: [`${HOST}/a`, `${HOST}/b`] }),
    'POLICY_FIELD_INVALID',
    /Resource must be one URL or pattern/,
  ],
  [
    'no Condition',
    policy({ condition: undefined }),
    'POLICY_FIELD_MISSING',
    /The statement has no Condition/,
  ],
  [
    'no DateLessThan',
    policy({ condition: { DateGreaterThan: { 'AWS:EpochTime': NOW } } }),
    'POLICY_FIELD_MISSING',
    /no DateLessThan: it is when the link stops working/,
  ],
  [
    'no AWS:EpochTime',
    policy({ condition: { DateLessThan: {} } }),
    'POLICY_FIELD_MISSING',
    /DateLessThan has no AWS:EpochTime/,
  ],
  [
    'a time in quotes',
    policy({ condition: { DateLessThan: { 'AWS:EpochTime': String(EXPIRES) } } }),
    'POLICY_FIELD_INVALID',
    /DateLessThan must be whole epoch seconds written as a number, without quotes/,
  ],
  [
    'a time with a fraction',
    policy({ condition: { DateLessThan: { 'AWS:EpochTime': EXPIRES + 0.5 } } }),
    'POLICY_FIELD_INVALID',
    /whole epoch seconds/,
  ],
  [
    'an expiry in milliseconds',
    policy({ condition: { DateLessThan: { 'AWS:EpochTime': EXPIRES * 1000 } } }),
    'POLICY_TIME_IN_MILLISECONDS',
    new RegExp(
      `DateLessThan is ${EXPIRES * 1000}, a time in milliseconds; CloudFront reads epoch seconds\\. Write ${EXPIRES}\\.`,
    ),
  ],
  [
    'a start in milliseconds',
    policy({
      condition: {
        DateLessThan: { 'AWS:EpochTime': EXPIRES },
        DateGreaterThan: { 'AWS:EpochTime': NOW * 1000 },
      },
    }),
    'POLICY_TIME_IN_MILLISECONDS',
    /DateGreaterThan is .* Write 1793786400\./,
  ],
  [
    'an IP address without its prefix length',
    policy({
      condition: { DateLessThan: { 'AWS:EpochTime': EXPIRES }, IpAddress: { 'AWS:SourceIp': '203.0.113.7' } },
    }),
    'POLICY_FIELD_INVALID',
    /write "203\.0\.113\.7\/32"/,
  ],
  [
    'an IPv6 range',
    policy({
      condition: {
        DateLessThan: { 'AWS:EpochTime': EXPIRES },
        IpAddress: { 'AWS:SourceIp': '2001:db8::/32' },
      },
    }),
    'IP_V6_UNSUPPORTED',
    /IPv4 addresses only/,
  ],
  [
    'a resource that does not cover the URL',
    policy({ resource: `${HOST}/videos/*` }),
    'RESOURCE_PATTERN_INVALID',
    /does not cover the link being signed/,
  ],
  [
    'a resource in no documented form',
    policy({ resource: 'd111111abcdef8.cloudfront.net/*' }),
    'RESOURCE_PATTERN_INVALID',
    /A resource is \* \(every file\)/,
  ],
  [
    'an expiry in the past',
    policy({ condition: { DateLessThan: { 'AWS:EpochTime': NOW - 60 } } }),
    'EXPIRY_IN_PAST',
    /Choose a time in the future/,
  ],
  [
    'a start after the expiry',
    policy({
      condition: {
        DateLessThan: { 'AWS:EpochTime': EXPIRES },
        DateGreaterThan: { 'AWS:EpochTime': EXPIRES + 60 },
      },
    }),
    'START_AFTER_EXPIRY',
    /Choose a start time before the expiry/,
  ],
]

describe('a policy that breaks CloudFront’s grammar is refused, naming what is wrong', () => {
  it.each(cases)('%s', async (_what, text, code, message) => {
    const error = await refusal(text)
    expect(error.code).toBe(code)
    expect(error.message).toMatch(message)
  })
})

describe('a good policy', () => {
  it('is signed as given (without whitespace) and recorded in History like a custom-policy link', async () => {
    const { links, history } = makeService()
    const text = `{
      "Statement": [{
        "Resource": "${HOST}/reports/*",
        "Condition": {
          "DateLessThan": {"AWS:EpochTime": ${EXPIRES}},
          "DateGreaterThan": {"AWS:EpochTime": ${NOW - 60}},
          "IpAddress": {"AWS:SourceIp": "203.0.113.0/24"}
        }
      }]
    }`
    const link = await links.signPolicy({ key: 'Main RSA', url: URL_OK, policy: text, label: 'Q3 team' })
    const compact = JSON.stringify(JSON.parse(text))
    expect(link.policy).toBe(compact)
    const encoded = new URL(link.signedUrl ?? '').searchParams.get('Policy') ?? ''
    expect(fromUrlSafeBase64(encoded)?.toString()).toBe(compact)
    expect(history.entries).toEqual([
      expect.objectContaining({
        kind: 'url',
        url: URL_OK,
        resource: `${HOST}/reports/*`,
        policy: compact,
        canned: false,
        startsAt: NOW - 60,
        expiresAt: EXPIRES,
        ipAddress: '203.0.113.0/24',
        label: 'Q3 team',
        source: 'cli',
      }),
    ])
    // Signed again from the history: the same link (RSA signatures are deterministic).
    const again = await links.signAgain(history.entries[0] ?? ({} as never))
    expect(again).toEqual({ kind: 'url', url: link.signedUrl })
  })

  it('with the URL itself as its Resource, records that URL (no pattern)', async () => {
    const { links, history } = makeService()
    await links.signPolicy({ key: 'Main RSA', url: URL_OK, policy: policy({ resource: URL_OK }) })
    expect(history.entries[0]).toMatchObject({ resource: URL_OK, canned: false })
  })
})
