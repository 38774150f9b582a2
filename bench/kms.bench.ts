// Batch signing with a key held by AWS KMS, where each signature is a request: moto_server's KMS
// behind a proxy that holds every request 20 ms (a KMS region some distance away). A batch of
// 2,000 links, with its bounded number of requests in flight (16), against the same links signed
// one at a time (one request in flight), measured in the same run: target ≥ 10×. The ratio is
// bounded by what moto_server itself serves (a few hundred Sign requests a second here: it handles
// one request at a time and closes the connection after each), so the proxy only pipes bytes.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createKeyfront } from '../src/core/app.ts'
import { createAwsClientFactory } from '../src/core/aws/clients.ts'
import { DEFAULT_KMS_CONCURRENCY } from '../src/core/signing/remote-batch.ts'
import { startMoto } from '../tests/harness/moto.ts'
import { startDelayingProxy } from '../tests/harness/delaying-proxy.ts'
import type { BenchRow } from './report.ts'

const DELAY_MS = 20
const BATCH = 2000
/** Enough one-at-a-time links for a steady rate (each waits at least DELAY_MS). */
const ONE_AT_A_TIME = 100

export async function run(): Promise<BenchRow[]> {
  const moto = await startMoto()
  const proxy = await startDelayingProxy(moto.endpoint, DELAY_MS)
  Object.assign(process.env, moto.env, { AWS_ENDPOINT_URL_KMS: proxy.endpoint })
  const dataDir = mkdtempSync(join(tmpdir(), 'keyfront-kms-bench-'))
  const entries = new Map<string, string>()
  const kf = createKeyfront({
    dataDir,
    keychain: {
      get: async (account) => entries.get(account) ?? null,
      set: async (account, secret) => void entries.set(account, secret),
      delete: async (account) => entries.delete(account),
    },
    aws: createAwsClientFactory(),
    clock: { now: () => Date.now() },
    source: 'cli',
    version: 'bench',
  })
  try {
    await kf.kmsKeys.create({ name: 'Bench', type: 'ecdsa', region: 'us-east-1' })
    await kf.keys.setKeyPairId('Bench', 'K2JCJMDEHXQW5F')
    const urls = (n: number) =>
      Array.from({ length: n }, (_, i) => `https://d111111abcdef8.cloudfront.net/files/${i}.pdf`)
    const expiresAt = Math.floor(Date.now() / 1000) + 3600
    const rate = async (n: number, concurrency: number) => {
      const started = performance.now()
      const result = await kf.links.signBatch({ key: 'Bench', urls: urls(n), expiresAt }, { concurrency })
      if (result.signedUrls.length !== n) throw new Error('the batch lost links')
      return n / ((performance.now() - started) / 1000)
    }
    const single = await rate(ONE_AT_A_TIME, 1)
    const batch = await rate(BATCH, DEFAULT_KMS_CONCURRENCY)
    return [
      {
        name: `KMS (moto + ${DELAY_MS} ms a request): one link at a time`,
        value: single,
        unit: 'links/s',
      },
      {
        name: `KMS (moto + ${DELAY_MS} ms a request): batch of ${BATCH.toLocaleString('en-US')}, ${DEFAULT_KMS_CONCURRENCY} in flight`,
        value: batch,
        unit: 'links/s',
        reference: { name: 'one at a time', value: single },
        target: '≥ 10× one at a time',
        pass: batch >= 10 * single,
      },
    ]
  } finally {
    kf.close()
    await proxy.close()
    await moto.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
