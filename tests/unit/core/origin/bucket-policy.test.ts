// The bucket-policy merge: the new statement is added once, every other byte of the policy stays as
// it was (pretty-printed, minified, single-statement and escaped policies), and the diff shows it.
import { describe, expect, it } from 'vitest'
import {
  mergeReadStatement,
  readStatement,
  topLevelMember,
} from '../../../../src/core/origin/bucket-policy.ts'
import { policyDiff } from '../../../../src/core/origin/diff.ts'
import type { KeyfrontError } from '../../../../src/shared/errors.ts'
import { withoutInsertion } from './policy-bytes.ts'

const ARN = 'arn:aws:cloudfront::123456789012:distribution/E2QWRUHAPOMQZL'
const statement = readStatement('KeyfrontCloudFrontReadE2QWRUHAPOMQZL', 'arn:aws:s3:::photos/*', ARN)

const OTHER = `{"Sid":"DenyInsecure","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::photos","arn:aws:s3:::photos/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}`

function statementsOf(policy: string): unknown[] {
  return (JSON.parse(policy) as { Statement: unknown[] }).Statement
}

describe('merging the CloudFront read statement into a bucket policy', () => {
  it('creates a whole policy when the bucket has none', () => {
    const merged = mergeReadStatement(undefined, statement)
    expect(merged.action).toBe('create')
    expect(JSON.parse(merged.policy)).toEqual({ Version: '2012-10-17', Statement: [statement] })
  })

  it('appends to a minified policy and leaves the other statement byte-identical', () => {
    const before = `{"Version":"2012-10-17","Id":"P1","Statement":[${OTHER}]}`
    const merged = mergeReadStatement(before, statement)
    expect(merged.action).toBe('add')
    expect(merged.policy.startsWith(`{"Version":"2012-10-17","Id":"P1","Statement":[${OTHER},`)).toBe(true)
    expect(withoutInsertion(before, merged.policy)).toBe(before)
    expect(statementsOf(merged.policy)).toEqual([JSON.parse(OTHER), statement])
  })

  it('appends to a pretty-printed policy in the same indentation', () => {
    const before = `{\n    "Version": "2012-10-17",\n    "Statement": [\n        ${OTHER}\n    ]\n}\n`
    const merged = mergeReadStatement(before, statement)
    expect(withoutInsertion(before, merged.policy)).toBe(before)
    expect(merged.policy).toContain(
      `${OTHER},\n        {\n          "Sid": "KeyfrontCloudFrontReadE2QWRUHAPOMQZL",`,
    )
    expect(statementsOf(merged.policy)).toHaveLength(2)
  })

  it('keeps escapes, odd spacing and key order of other statements as they were', () => {
    const odd = `{ "Sid" : "Caf\\u00e9" , "Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":["s3:ListBucket"],"Resource":"arn:aws:s3:::photos","Condition":{"StringLike":{"s3:prefix":["a]b\\"c/*"]}} }`
    const before = `{"Statement" :[ ${odd} ] ,"Version":"2012-10-17"}`
    const merged = mergeReadStatement(before, statement)
    expect(withoutInsertion(before, merged.policy)).toBe(before)
    expect(merged.policy).toContain(odd)
    expect(statementsOf(merged.policy)[1]).toEqual(statement)
  })

  it('wraps a single statement object in an array, keeping its bytes', () => {
    const before = `{"Version":"2012-10-17","Statement":${OTHER}}`
    const merged = mergeReadStatement(before, statement)
    expect(merged.policy).toBe(
      `{"Version":"2012-10-17","Statement":[${OTHER}, ${JSON.stringify(statement)}]}`,
    )
  })

  it('fills an empty Statement array', () => {
    const merged = mergeReadStatement('{"Version":"2012-10-17","Statement":[ ]}', statement)
    expect(statementsOf(merged.policy)).toEqual([statement])
  })

  it('does not add the statement twice, however the existing one is written', () => {
    const once = mergeReadStatement(`{"Statement":[${OTHER}]}`, statement).policy
    expect(mergeReadStatement(once, statement)).toEqual({ action: 'unchanged', policy: once })
    // The console's own wording of the same grant (other Sid, arrays instead of strings).
    const consoleStyle = JSON.stringify({
      Version: '2008-10-17',
      Statement: [
        {
          Sid: 'AllowCloudFrontServicePrincipal',
          Effect: 'Allow',
          Principal: { Service: ['cloudfront.amazonaws.com'] },
          Action: ['s3:GetObject'],
          Resource: ['arn:aws:s3:::photos/*'],
          Condition: { StringEquals: { 'AWS:SourceArn': [ARN] } },
        },
      ],
    })
    expect(mergeReadStatement(consoleStyle, statement).action).toBe('unchanged')
  })

  it('adds the statement when the existing grant is for another distribution', () => {
    const other = readStatement('KeyfrontCloudFrontReadEOTHER', 'arn:aws:s3:::photos/*', `${ARN}X`)
    const before = mergeReadStatement(undefined, other).policy
    const merged = mergeReadStatement(before, statement)
    expect(merged.action).toBe('add')
    expect(statementsOf(merged.policy)).toEqual([other, statement])
  })

  it('refuses a policy without Statement, and a Sid already used for something else', () => {
    expect(() => mergeReadStatement('{"Version":"2012-10-17"}', statement)).toThrow(
      expect.objectContaining({ code: 'S3_POLICY_INVALID' }) as KeyfrontError,
    )
    expect(() => mergeReadStatement('not json', statement)).toThrow(/not a JSON document/)
    const clash = JSON.stringify({ Statement: [{ ...JSON.parse(OTHER), Sid: statement.Sid }] })
    expect(() => mergeReadStatement(clash, statement)).toThrow(/already has a statement named/)
  })

  it('refuses to grow a policy past S3’s 20 KB limit', () => {
    const frame = (pad: string) => `{"Statement":[${OTHER},{"Sid":"${pad}","Effect":"Deny"}]}`
    const big = frame('x'.repeat(20 * 1024 - 100 - frame('').length))
    expect(big.length).toBe(20 * 1024 - 100)
    expect(mergeReadStatement(big.replace(/x{400}/, ''), statement).action).toBe('add')
    expect(() => mergeReadStatement(big, statement)).toThrow(/20 KB/)
  })

  it('finds top-level members only, not nested ones of the same name', () => {
    const json = '{"A":{"Statement":1},"Statement" : [1, 2] }'
    const span = topLevelMember(json, 'Statement')
    expect(span && json.slice(span.start, span.end)).toBe('[1, 2]')
  })
})

describe('the policy diff people review', () => {
  it('shows only the added statement as added lines, pretty-printed even for a minified policy', () => {
    const before = `{"Version":"2012-10-17","Statement":[${OTHER}]}`
    const after = mergeReadStatement(before, statement).policy
    const diff = policyDiff(before, after)
    expect(diff.filter((l) => l.op === '-')).toEqual([])
    const added = diff.filter((l) => l.op === '+').map((l) => l.text.trim())
    expect(added).toContain('"Sid": "KeyfrontCloudFrontReadE2QWRUHAPOMQZL",')
    expect(added).toContain(`"AWS:SourceArn": "${ARN}"`)
    expect(diff.filter((l) => l.op === ' ').map((l) => l.text)).toEqual(
      JSON.stringify(JSON.parse(before), null, 2).split('\n'),
    )
  })

  it('shows a new policy as all added lines', () => {
    const diff = policyDiff(undefined, mergeReadStatement(undefined, statement).policy)
    expect(diff.every((l) => l.op === '+')).toBe(true)
  })
})
