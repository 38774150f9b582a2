// Signing speed for RSA 2048 and ECDSA P-256 canned URLs, as ratios against `openssl speed`
// measured in the same run (best of three, interleaved with ours, to ride out a noisy machine):
//   • the SDK's plain getSignedUrl with a PEM string (it re-parses the key on every call),
//   • the SDK handed a parsed KeyObject,
//   • Keyfront's one-thread hot path (target ≥ 90% of openssl's one-core sign rate),
//   • a Keyfront batch on worker threads, one per core (target ≥ 0.85× the core count × one
//     thread, i.e. ≥ 1.7× on 2 cores), worker start-up included (and shown on its own).
// `openssl speed` counts operations per second of its own user CPU time, so the one-thread figures
// compared with it are per second of the signing thread's CPU time too (process.threadCpuUsage):
// like for like, and unaffected by other processes sharing the machine. The batch speed-up is
// about wall-clock time, so it compares wall-clock rates.
import { getSignedUrl } from '@aws-sdk/cloudfront-signer'
import { execFileSync } from 'node:child_process'
import { generateKeyPairSync, type KeyObject } from 'node:crypto'
import { availableParallelism } from 'node:os'
import { signInWorkers } from '../src/core/signing/batch.ts'
import { createUrlSigner } from '../src/core/signing/fast-signer.ts'
import type { BenchRow } from './report.ts'

const SECONDS = 3
const ROUNDS = 3
/** A batch is this many seconds of one-thread work per worker: start-up included, but not dominant. */
const BATCH_SECONDS = 6
const KEY_PAIR_ID = 'K2JCJMDEHXQW5F'
const EXPIRES = Math.floor(Date.now() / 1000) + 86_400
const URLS = Array.from(
  { length: 10_000 },
  (_, i) => `https://d111111abcdef8.cloudfront.net/media/2026/file-${i}.mp4`,
)

/** `openssl speed -seconds 3 rsa2048` / `ecdsap256`: the one-core sign rate. */
function opensslSignRate(algorithm: 'rsa2048' | 'ecdsap256'): number {
  const out = execFileSync('openssl', ['speed', '-seconds', String(SECONDS), algorithm], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  })
  const line = out.trim().split('\n').at(-1) ?? ''
  const fields = line.trim().split(/\s+/)
  return Number(fields.at(-2))
}

interface Rate {
  /** Per second of this thread's CPU time (user + system), as openssl speed counts. */
  cpu: number
  /** Per second of wall-clock time. */
  wall: number
}

/** Calls `sign(url)` over distinct URLs for SECONDS of wall-clock time. */
function rate(sign: (url: string) => string): Rate {
  let count = 0
  const cpuStart = process.threadCpuUsage()
  const start = performance.now()
  const end = start + SECONDS * 1000
  while (performance.now() < end) {
    for (let i = 0; i < 16; i++) sign(URLS[(count + i) % URLS.length] ?? '')
    count += 16
  }
  const wall = (performance.now() - start) / 1000
  const cpu = process.threadCpuUsage(cpuStart)
  return { cpu: count / ((cpu.user + cpu.system) / 1e6), wall: count / wall }
}

/** How long a tiny batch takes: mostly starting the worker threads (the best of three). */
async function batchStartup(privateKey: KeyObject, threads: number): Promise<number> {
  const urls = URLS.slice(0, threads * 16)
  const conditions = { expiresAt: EXPIRES, hash: 'sha1' as const }
  const times: number[] = []
  for (let i = 0; i < 3; i++) {
    const start = performance.now()
    await signInWorkers({ privateKey, keyPairId: KEY_PAIR_ID, conditions }, urls, { threads })
    times.push(performance.now() - start)
  }
  return Math.min(...times)
}

/** Wall-clock rate of a batch, and how many cores the process actually got meanwhile. */
async function batchRate(
  privateKey: KeyObject,
  perThread: number,
  threads: number,
): Promise<{ rate: number; cores: number }> {
  const total = Math.round(perThread * BATCH_SECONDS * threads)
  const urls = Array.from({ length: total }, (_, i) => URLS[i % URLS.length] ?? '')
  const conditions = { expiresAt: EXPIRES, hash: 'sha1' as const }
  const cpuStart = process.cpuUsage()
  const start = performance.now()
  await signInWorkers({ privateKey, keyPairId: KEY_PAIR_ID, conditions }, urls, { threads })
  const wall = (performance.now() - start) / 1000
  const cpu = process.cpuUsage(cpuStart)
  return { rate: total / wall, cores: (cpu.user + cpu.system) / 1e6 / wall }
}

async function measure(
  label: string,
  openssl: 'rsa2048' | 'ecdsap256',
  privateKey: KeyObject,
): Promise<BenchRow[]> {
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
  const sdk = (key: string | KeyObject) => (url: string) =>
    getSignedUrl({
      url,
      keyPairId: KEY_PAIR_ID,
      privateKey: key as string,
      dateLessThan: new Date(EXPIRES * 1000),
    })
  const ours = createUrlSigner({
    privateKey,
    keyPairId: KEY_PAIR_ID,
    conditions: { expiresAt: EXPIRES, hash: 'sha1' },
  })

  // Interleaved rounds, best of each: a burst of load elsewhere hits both sides alike.
  const references: number[] = []
  const ourRates: Rate[] = []
  for (let round = 0; round < ROUNDS; round++) {
    references.push(opensslSignRate(openssl))
    ourRates.push(rate(ours))
  }
  const sdkPem = rate(sdk(pem))
  const sdkKeyObject = rate(sdk(privateKey))
  const reference = { name: `openssl speed ${openssl}`, value: Math.max(...references) }
  const oneThread = Math.max(...ourRates.map((r) => r.cpu))
  const oneThreadWall = Math.max(...ourRates.map((r) => r.wall))
  const threads = availableParallelism()
  const startup = await batchStartup(privateKey, threads)
  const batch = await batchRate(privateKey, oneThreadWall, threads)
  const perCpuSecond = 'URLs/CPU-s'
  return [
    { name: `${label}: openssl speed, 1 core (best of 3)`, value: reference.value, unit: 'signs/CPU-s' },
    { name: `${label}: SDK getSignedUrl, PEM string`, value: sdkPem.cpu, unit: perCpuSecond, reference },
    {
      name: `${label}: SDK getSignedUrl, parsed KeyObject`,
      value: sdkKeyObject.cpu,
      unit: perCpuSecond,
      reference,
    },
    {
      name: `${label}: Keyfront, one thread (best of 3)`,
      value: oneThread,
      unit: perCpuSecond,
      reference,
      target: '≥ 0.90× openssl',
      pass: oneThread >= 0.9 * reference.value,
    },
    { name: `${label}: Keyfront, one thread, wall clock`, value: oneThreadWall, unit: 'URLs/s' },
    {
      name: `${label}: Keyfront batch, ${threads} worker threads, wall clock`,
      value: batch.rate,
      unit: 'URLs/s',
      reference: { name: 'one thread, wall clock', value: oneThreadWall },
      ...(threads >= 2 && {
        target: `≥ ${(threads * 0.85).toFixed(2)}× one thread`,
        pass: batch.rate >= threads * 0.85 * oneThreadWall,
      }),
    },
    {
      name: `${label}: batch start-up (${threads} workers, ${threads * 16} URLs)`,
      value: startup,
      unit: 'ms',
    },
    // Fewer cores than the machine has means other processes were busy: the speed-up cannot reach it.
    { name: `${label}: cores the batch got (process CPU ÷ wall time)`, value: batch.cores, unit: 'cores' },
  ]
}

export async function run(): Promise<BenchRow[]> {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey
  return [...(await measure('RSA 2048', 'rsa2048', rsa)), ...(await measure('ECDSA P-256', 'ecdsap256', ec))]
}
