// Merges the "let this distribution read objects" statement into a bucket policy. The merge edits
// the policy as text: the new statement is inserted into the Statement array and every other byte
// of the policy stays as it was, so statements written by people or other tools are untouched
// (re-serialising the whole document would reorder, re-escape and re-indent them).
import { createHash } from 'node:crypto'
import { KeyfrontError } from '../../shared/errors.ts'

/** S3's limit on the size of a bucket policy. */
export const BUCKET_POLICY_MAX_BYTES = 20 * 1024

export interface ReadStatement {
  Sid: string
  Effect: 'Allow'
  Principal: { Service: 'cloudfront.amazonaws.com' }
  Action: 's3:GetObject'
  Resource: string
  Condition: { StringEquals: { 'AWS:SourceArn': string } }
}

export function readStatement(sid: string, objectsArn: string, distributionArn: string): ReadStatement {
  return {
    Sid: sid,
    Effect: 'Allow',
    Principal: { Service: 'cloudfront.amazonaws.com' },
    Action: 's3:GetObject',
    Resource: objectsArn,
    Condition: { StringEquals: { 'AWS:SourceArn': distributionArn } },
  }
}

export function policyHash(policy: string | undefined): string {
  return createHash('sha256')
    .update(policy ?? '')
    .digest('hex')
}

export interface MergeResult {
  action: 'create' | 'add' | 'unchanged'
  /** The policy to put; equal to the input when unchanged. */
  policy: string
}

export function mergeReadStatement(existing: string | undefined, statement: ReadStatement): MergeResult {
  if (existing === undefined || existing.trim() === '') {
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [statement] }, null, 2)
    return { action: 'create', policy }
  }
  const statements = parseStatements(existing)
  if (statements.some((s) => grantsSameRead(s, statement))) return { action: 'unchanged', policy: existing }
  if (statements.some((s) => isRecord(s) && s.Sid === statement.Sid)) {
    throw new KeyfrontError(
      'S3_POLICY_INVALID',
      `The bucket policy already has a statement named ${statement.Sid} that grants something else. Rename or remove it, then try again.`,
    )
  }
  const policy = insertStatement(existing, statement)
  if (Buffer.byteLength(policy) > BUCKET_POLICY_MAX_BYTES) {
    throw new KeyfrontError(
      'S3_POLICY_INVALID',
      'The bucket policy would exceed S3’s 20 KB limit with the new statement. Remove unused statements, then try again.',
    )
  }
  return { action: 'add', policy }
}

function parseStatements(policy: string): unknown[] {
  let document: unknown
  try {
    document = JSON.parse(policy)
  } catch {
    throw invalidPolicy()
  }
  if (!isRecord(document) || !('Statement' in document)) throw invalidPolicy()
  const statement = document.Statement
  return Array.isArray(statement) ? statement : [statement]
}

function invalidPolicy(): KeyfrontError {
  return new KeyfrontError(
    'S3_POLICY_INVALID',
    'The bucket’s current policy is not a JSON document with a Statement. Fix it in the S3 console, then try again.',
  )
}

/** Whether a statement already allows exactly this read: same effect, principal, action, objects and source. */
function grantsSameRead(candidate: unknown, wanted: ReadStatement): boolean {
  if (!isRecord(candidate) || candidate.Effect !== 'Allow' || 'NotAction' in candidate) return false
  const principal = candidate.Principal
  if (!isRecord(principal) || !listOf(principal.Service).includes(wanted.Principal.Service)) return false
  if (!listOf(candidate.Action).some((a) => a.toLowerCase() === 's3:getobject')) return false
  if (!listOf(candidate.Resource).includes(wanted.Resource)) return false
  const condition = candidate.Condition
  if (!isRecord(condition) || Object.keys(condition).length !== 1) return false
  const equals = condition.StringEquals
  if (!isRecord(equals) || Object.keys(equals).length !== 1) return false
  const sources = listOf(equals['AWS:SourceArn'] ?? equals['aws:SourceArn'])
  return sources.length === 1 && sources[0] === wanted.Condition.StringEquals['AWS:SourceArn']
}

function listOf(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Inserts the statement as the last element of the top-level Statement value, touching nothing else. */
function insertStatement(policy: string, statement: ReadStatement): string {
  const span = topLevelMember(policy, 'Statement')
  if (!span) throw invalidPolicy()
  const value = policy.slice(span.start, span.end)
  if (value.startsWith('[')) {
    const inner = value.slice(1, -1)
    if (inner.trim() === '') return splice(policy, span.start + 1, span.end - 1, render(statement, ''))
    const leading = /^\s*/.exec(inner)?.[0] ?? ''
    const indent = leading.includes('\n') ? leading.slice(leading.lastIndexOf('\n') + 1) : ''
    const lastElementEnd = span.start + 1 + inner.trimEnd().length
    return splice(policy, lastElementEnd, lastElementEnd, `,${leading}${render(statement, indent)}`)
  }
  // A single statement object: wrap it in an array, keeping its bytes.
  return splice(policy, span.start, span.end, `[${value}, ${render(statement, '')}]`)
}

function render(statement: ReadStatement, indent: string): string {
  if (indent === '') return JSON.stringify(statement)
  return JSON.stringify(statement, null, 2).replace(/\n/g, `\n${indent}`)
}

function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end)
}

/** Where the value of a top-level member of a JSON object starts and ends (end exclusive). */
export function topLevelMember(json: string, key: string): { start: number; end: number } | undefined {
  let i = skipSpace(json, 0)
  if (json[i] !== '{') return undefined
  i = skipSpace(json, i + 1)
  while (i < json.length && json[i] !== '}') {
    const keyEnd = skipValue(json, i)
    const name: unknown = JSON.parse(json.slice(i, keyEnd))
    i = skipSpace(json, keyEnd)
    if (json[i] !== ':') return undefined
    const start = skipSpace(json, i + 1)
    const end = skipValue(json, start)
    if (name === key) return { start, end }
    i = skipSpace(json, end)
    if (json[i] === ',') i = skipSpace(json, i + 1)
  }
  return undefined
}

function skipSpace(json: string, i: number): number {
  while (i < json.length && /\s/.test(json[i] ?? '')) i++
  return i
}

/** The index just after the JSON value starting at i (the text is known to parse). */
function skipValue(json: string, i: number): number {
  let depth = 0
  let inString = false
  for (let j = i; j < json.length; j++) {
    const c = json[j]
    if (inString) {
      if (c === '\\') j++
      else if (c === '"') {
        inString = false
        if (depth === 0) return j + 1
      }
    } else if (c === '"') inString = true
    else if (c === '{' || c === '[') depth++
    else if (c === '}' || c === ']') {
      depth--
      if (depth === 0) return j + 1
      if (depth < 0) return j
    } else if (depth === 0 && (c === ',' || /\s/.test(c ?? ''))) return j
  }
  return json.length
}
