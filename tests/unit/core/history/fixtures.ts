// Real signed links for history tests: an RSA key made with node:crypto, links signed with the AWS
// SDK's CloudFront signer — so the tests know every signature that must never reach the history.
import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getSignedCookies, getSignedUrl } from '@aws-sdk/cloudfront-signer'
import type { LinkRecord } from '../../../../src/shared/contract/history.ts'
import type { Clock } from '../../../../src/core/clock.ts'

export const KEY_PAIR_ID = 'K2JCJMDEHXQW5F'

export function rsaPrivateKeyPem(): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
}

export interface SignedLink {
  record: LinkRecord
  /** What the user got: the URL with Signature=, or the cookies' values. */
  signed: string
  signature: string
}

export function cannedPolicy(url: string, expiresAt: number): string {
  return `{"Statement":[{"Resource":"${url}","Condition":{"DateLessThan":{"AWS:EpochTime":${expiresAt}}}}]}`
}

export function signCannedUrl(
  privateKey: string,
  url: string,
  expiresAt: number,
  extra: Partial<LinkRecord> = {},
): SignedLink {
  const signed = getSignedUrl({
    url,
    keyPairId: KEY_PAIR_ID,
    privateKey,
    dateLessThan: new Date(expiresAt * 1000),
  })
  return {
    signed,
    signature: new URL(signed).searchParams.get('Signature') ?? '',
    record: record({ url, expiresAt, source: 'cli', ...extra }),
  }
}

export function signCustomUrl(
  privateKey: string,
  url: string,
  resource: string,
  expiresAt: number,
  ipAddress: string,
): SignedLink {
  const policy = JSON.stringify({
    Statement: [
      {
        Resource: resource,
        Condition: { DateLessThan: { 'AWS:EpochTime': expiresAt }, IpAddress: { 'AWS:SourceIp': ipAddress } },
      },
    ],
  })
  const signed = getSignedUrl({ url, keyPairId: KEY_PAIR_ID, privateKey, policy })
  return {
    signed,
    signature: new URL(signed).searchParams.get('Signature') ?? '',
    record: record({
      url,
      resource,
      policy,
      canned: false,
      expiresAt,
      ipAddress,
      source: 'app',
      label: 'custom policy link',
    }),
  }
}

export function signCookies(privateKey: string, resource: string, expiresAt: number): SignedLink {
  const policy = JSON.stringify({
    Statement: [{ Resource: resource, Condition: { DateLessThan: { 'AWS:EpochTime': expiresAt } } }],
  })
  const cookies = getSignedCookies({ keyPairId: KEY_PAIR_ID, privateKey, policy })
  const signature = cookies['CloudFront-Signature']
  return {
    signed: signature,
    signature,
    record: record({
      kind: 'cookies',
      url: resource,
      resource,
      policy,
      canned: false,
      expiresAt,
      source: 'batch',
      label: 'cookie set',
    }),
  }
}

/** A plain record for query tests, and the base of the signed links' records; nothing signed. */
export function record(overrides: Partial<LinkRecord> = {}): LinkRecord {
  const url = overrides.url ?? 'https://d111111abcdef8.cloudfront.net/files/report.pdf'
  const expiresAt = overrides.expiresAt ?? 2_000_000_000
  return {
    kind: 'url',
    url,
    resource: url,
    policy: cannedPolicy(url, expiresAt),
    canned: true,
    keyId: 'key-1',
    keyPairId: KEY_PAIR_ID,
    algorithm: 'rsa-sha1',
    expiresAt,
    source: 'app',
    ...overrides,
  }
}

export interface TestClock extends Clock {
  set(ms: number): void
}

/** Starts at 2030-01-01T00:00:00Z unless told otherwise. */
export function testClock(start = Date.UTC(2030, 0, 1)): TestClock {
  let now = start
  return { now: () => now, set: (ms) => (now = ms) }
}

export function tempDir(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'keyfront-history-'))
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) }
}

/** The error `work` throws (fails the test when it throws nothing). */
export function thrownBy(work: () => unknown): { code?: string; message: string } {
  try {
    work()
  } catch (error) {
    return error as { code?: string; message: string }
  }
  throw new Error('Expected an error, but none was thrown.')
}
