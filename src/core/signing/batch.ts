// Signs many URLs with the same key and conditions on worker threads, one per core: the URLs go
// out in chunks to whichever worker is free, the answers come back into their input positions, so
// the output is in input order whatever the timing. Progress is reported per chunk; an abort
// terminates the workers at once.
//
// Where the worker module is: beside this file as `batch-worker.ts` when running from sources
// (vitest, `node bench/run.ts`; Node runs the TypeScript directly), and as `batch-worker.js`
// beside the bundle when built — vite.cli.config.ts and electron.vite.config.ts emit it as its
// own entry, and every file of a build (entries and shared chunks) sits in one folder, so
// `import.meta.url` of whichever file holds this module points into that folder.
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { KeyfrontError, type ErrorCode } from '../../shared/errors.ts'
import { wildcardOf } from '../../shared/resource-pattern.ts'
import { customPolicy, type LinkConditions } from './policy.ts'
import { createUrlSigner, sdkEncodedUrl, type LinkSigner } from './sdk-signer.ts'
import { checkSignedLength, checkUrl } from './url.ts'

export type WorkerRequest =
  { type: 'init'; options: LinkSigner } | { type: 'chunk'; start: number; urls: string[] }

export type WorkerReply =
  | { type: 'signed'; start: number; signed: string[] }
  | { type: 'failed'; index: number; code: ErrorCode; message: string }

export const BATCH_WORKER_URL = new URL(
  import.meta.url.endsWith('.ts') ? './batch-worker.ts' : './batch-worker.js',
  import.meta.url,
)

export interface BatchRunOptions {
  signal?: AbortSignal
  /** Called as chunks complete (at most every 100 ms, and once at the end). */
  onProgress?: (done: number, total: number) => void
  /** Worker threads to use; default: one per core. */
  threads?: number
  /** For a key held by AWS KMS: Sign requests in flight at once (remote-batch.ts). */
  concurrency?: number
}

export const PROGRESS_INTERVAL_MS = 100

/**
 * One URL of a batch, with the checks a single link gets: the URL checked, and — when it holds `*`
 * — the custom policy for the pattern it is, as a single link gets. Without a policy the SDK builds
 * the canned one. (The resource is read back from the signed URL.)
 */
export function batchItem(url: string, conditions: LinkConditions): { url: string; policy?: string } {
  const checked = checkUrl(url)
  if (wildcardOf({ url: checked }) === undefined) return { url: checked }
  return { url: checked, policy: customPolicy(sdkEncodedUrl(checked), conditions) }
}

/** What a worker does with each URL: batchItem, signed by the SDK, the result's length checked. */
export function createBatchSigner(signer: LinkSigner): (url: string) => string {
  const sign = createUrlSigner(signer)
  return (url) => {
    const item = batchItem(url, signer.conditions)
    const signed = item.policy === undefined ? sign(item.url) : createUrlSigner(signer, item.policy)(item.url)
    checkSignedLength(signed)
    return signed
  }
}

export function signInWorkers(
  signer: LinkSigner,
  urls: readonly string[],
  options: BatchRunOptions = {},
): Promise<string[]> {
  const total = urls.length
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), Math.ceil(total / 16)))
  // About 15 ms of signing per chunk (an RSA signature costs ~10× an ECDSA one): messaging costs
  // nothing next to it, and when the URLs run out no worker is left with much more than the others.
  const perChunk = signer.privateKey.asymmetricKeyType === 'rsa' ? 64 : 512
  const chunkSize = Math.min(perChunk, Math.max(16, Math.ceil(total / (threads * 4))))
  const results = new Array<string>(total)
  const workers: Worker[] = []
  let next = 0
  let done = 0
  let lastProgress = 0

  return new Promise<string[]>((resolve, reject) => {
    let settled = false
    const finish = (error?: Error) => {
      if (settled) return
      settled = true
      options.signal?.removeEventListener('abort', onAbort)
      for (const worker of workers) void worker.terminate()
      if (error) reject(error)
      else resolve(results)
    }
    const onAbort = () =>
      finish(new KeyfrontError('CANCELLED', 'The batch was cancelled. Nothing was signed or recorded.'))
    if (options.signal?.aborted) return onAbort()
    options.signal?.addEventListener('abort', onAbort)

    const feed = (worker: Worker) => {
      if (next >= total) return
      const start = next
      next = Math.min(total, next + chunkSize)
      worker.postMessage({ type: 'chunk', start, urls: urls.slice(start, next) } satisfies WorkerRequest)
    }
    const onReply = (worker: Worker, message: WorkerReply) => {
      if (message.type === 'failed') {
        return finish(new KeyfrontError(message.code, `Line ${message.index + 1}: ${message.message}`))
      }
      for (const [offset, signed] of message.signed.entries()) results[message.start + offset] = signed
      done += message.signed.length
      const now = Date.now()
      if (done === total || now - lastProgress >= PROGRESS_INTERVAL_MS) {
        lastProgress = now
        options.onProgress?.(done, total)
      }
      if (done === total) return finish()
      feed(worker)
    }
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(BATCH_WORKER_URL)
      workers.push(worker)
      worker.on('message', (message: WorkerReply) => onReply(worker, message))
      worker.on('error', () =>
        finish(new KeyfrontError('INTERNAL', 'A signing thread stopped unexpectedly. Please try again.')),
      )
      worker.on('exit', (code) => {
        if (code !== 0) finish(new KeyfrontError('INTERNAL', 'A signing thread stopped unexpectedly.'))
      })
      worker.postMessage({ type: 'init', options: signer } satisfies WorkerRequest)
      // Two chunks in flight: the next one is already waiting when a worker finishes one.
      feed(worker)
      feed(worker)
    }
  })
}
