// Signs a batch with a key held by AWS KMS: each URL is one Sign request, so the time goes on
// waiting for answers, not on computing. A bounded number of requests is kept in flight (KMS's
// request-rate quota is shared by the whole account and region), and the SDK backs off and retries
// a ThrottlingException itself. The first URL that cannot be signed — throttling that outlasted the
// retries included — stops the batch: the requests in flight are aborted and nothing is returned,
// so nothing is recorded.
import { KeyfrontError, isKeyfrontError } from '../../shared/errors.ts'
import { batchItem, PROGRESS_INTERVAL_MS, type BatchRunOptions } from './batch.ts'
import type { LinkConditions } from './policy.ts'
import type { LinkMaker } from './sdk-signer.ts'
import { checkSignedLength } from './url.ts'

/** Requests in flight by default: far below KMS's per-account quota, far above one at a time. */
export const DEFAULT_KMS_CONCURRENCY = 16

export async function signRemotely(
  maker: LinkMaker,
  conditions: LinkConditions,
  urls: readonly string[],
  options: BatchRunOptions = {},
): Promise<string[]> {
  const total = urls.length
  const results = new Array<string>(total)
  const stop = new AbortController()
  const onAbort = () => stop.abort()
  if (options.signal?.aborted) stop.abort()
  options.signal?.addEventListener('abort', onAbort)
  let next = 0
  let done = 0
  let lastProgress = 0
  let failure: Error | undefined

  const signOne = async (index: number) => {
    const item = batchItem(urls[index] ?? '', conditions)
    const signed = await maker.url(item.url, item.policy, stop.signal)
    checkSignedLength(signed)
    results[index] = signed
  }
  const lane = async () => {
    while (!stop.signal.aborted && next < total) {
      const index = next++
      try {
        await signOne(index)
      } catch (error) {
        if (!stop.signal.aborted) failure ??= lineError(index, error)
        stop.abort()
        return
      }
      done++
      const now = Date.now()
      if (done === total || now - lastProgress >= PROGRESS_INTERVAL_MS) {
        lastProgress = now
        options.onProgress?.(done, total)
      }
    }
  }
  try {
    const lanes = Math.max(1, Math.min(options.concurrency ?? DEFAULT_KMS_CONCURRENCY, total))
    await Promise.all(Array.from({ length: lanes }, lane))
  } finally {
    options.signal?.removeEventListener('abort', onAbort)
  }
  if (options.signal?.aborted) {
    throw new KeyfrontError('CANCELLED', 'The batch was cancelled. Nothing was signed or recorded.')
  }
  if (failure) throw failure
  return results
}

function lineError(index: number, error: unknown): Error {
  if (!isKeyfrontError(error)) return error instanceof Error ? error : new Error(String(error))
  const stopped = ' The batch stopped: nothing was recorded.'
  return new KeyfrontError(error.code, `Line ${index + 1}: ${error.message}${stopped}`, { cause: error })
}
