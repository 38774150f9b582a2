// The independent signers the oracle tests compare Keyfront with, as functions: botocore's
// CloudFrontSigner (botocore_sign.py), `aws cloudfront sign` (AWS CLI v1) and `openssl dgst -verify`.
// Each takes the key as files, written once per key by keyFiles().
import { execFile, spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import type { KeyObject } from 'node:crypto'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { expect } from 'vitest'
import { fromUrlSafeBase64 } from '../../../../../src/core/signing/policy.ts'

const run = promisify(execFile)

export interface OracleKey {
  keyPairId: string
  /** PKCS#8 PEM, for botocore (`cryptography`). */
  pkcs8Path: string
  /** PKCS#1 PEM (`BEGIN RSA PRIVATE KEY`), the only form the AWS CLI reads. */
  pkcs1Path: string
}

export function keyFiles(dir: string, name: string, privateKey: KeyObject, keyPairId: string): OracleKey {
  const pkcs8Path = join(dir, `${name}.pem`)
  const pkcs1Path = join(dir, `${name}-pkcs1.pem`)
  writeFileSync(pkcs8Path, privateKey.export({ type: 'pkcs8', format: 'pem' }))
  writeFileSync(pkcs1Path, privateKey.export({ type: 'pkcs1', format: 'pem' }))
  return { keyPairId, pkcs8Path, pkcs1Path }
}

export type BotoCase =
  | { url: string; expires: number }
  | { url: string; policy: string }
  | { buildPolicy: { resource: string; expires: number; starts?: number; ip?: string } }

/** Signed URLs (or policies, for buildPolicy cases) from botocore, in case order. */
export function botocore(key: OracleKey, cases: BotoCase[]): string[] {
  const result = spawnSync('python3', [join(import.meta.dirname, 'botocore_sign.py')], {
    input: JSON.stringify({ key: key.pkcs8Path, keyPairId: key.keyPairId, cases }),
    encoding: 'utf8',
  })
  if (result.status !== 0) throw new Error(result.stderr)
  return JSON.parse(result.stdout) as string[]
}

/** `aws cloudfront sign --url URL …`: with --ip-address or --date-greater-than it signs a custom policy. */
export async function awsSign(
  key: OracleKey,
  url: string,
  expires: number,
  extra: string[] = [],
): Promise<string> {
  const args = ['cloudfront', 'sign', '--url', url, '--key-pair-id', key.keyPairId]
  args.push('--private-key', `file://${key.pkcs1Path}`, '--date-less-than', String(expires), ...extra)
  return (await run('aws', args)).stdout.trim()
}

/** The URL a signer was given, and the parameters it added (order-insensitive). */
export function split(signedUrl: string, base: string) {
  expect(signedUrl.startsWith(base)).toBe(true)
  const added = signedUrl.slice(base.length + 1).split('&')
  return {
    base: signedUrl.slice(0, base.length),
    params: Object.fromEntries(added.map((p) => p.split('=') as [string, string])),
  }
}

/** `openssl dgst -verify`'s answer for a CloudFront signature (url-safe base64) over `policy`. */
export async function opensslVerifies(
  dir: string,
  signature: string,
  policy: string,
  publicPem: string,
  digest: 'sha1' | 'sha256',
): Promise<string> {
  const files = { pub: join(dir, 'pub.pem'), sig: join(dir, 'sig.der'), data: join(dir, 'policy.json') }
  writeFileSync(files.pub, publicPem)
  writeFileSync(files.sig, fromUrlSafeBase64(signature) ?? Buffer.alloc(0))
  writeFileSync(files.data, policy)
  const { stdout } = await run('openssl', [
    'dgst',
    `-${digest}`,
    '-verify',
    files.pub,
    '-signature',
    files.sig,
    files.data,
  ])
  return stdout.trim()
}

export async function mapLimited<T, R>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array<R>(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++
        out[i] = await work(items[i] as T)
      }
    }),
  )
  return out
}
