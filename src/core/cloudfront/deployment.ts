// Waiting for a distribution change to deploy (minutes on CloudFront): GetDistribution every few
// seconds until Status is Deployed, reporting elapsed time and the last poll, stoppable at any
// moment. Changes Keyfront applied are remembered in cloudfront-deploying.json, so an app started
// again still shows what is deploying.
import { join } from 'node:path'
import { z } from 'zod'
import type { DeployingRecord, DeploymentProgress } from '../../shared/contract/cloudfront.ts'
import { KeyfrontError } from '../../shared/errors.ts'
import type { Clock } from '../clock.ts'
import { JsonFile } from '../json-file.ts'
import type { CloudFrontApi } from './api.ts'

export const DEPLOYING_FILE = 'cloudfront-deploying.json'

const DeployingFile = z.object({
  version: z.literal(1),
  deploying: z.array(
    z.object({ distributionId: z.string(), profile: z.string().optional(), since: z.number() }),
  ),
})

export class DeployingStore {
  readonly #file: JsonFile<z.infer<typeof DeployingFile>>
  /** Read-change-write one at a time, so two finishing waits do not lose each other's change. */
  #tail: Promise<unknown> = Promise.resolve()

  constructor(dataDir: string) {
    this.#file = new JsonFile(join(dataDir, DEPLOYING_FILE), DeployingFile, { version: 1, deploying: [] })
  }

  async list(): Promise<DeployingRecord[]> {
    return (await this.#file.read()).deploying
  }

  async find(distributionId: string): Promise<DeployingRecord | undefined> {
    return (await this.list()).find((record) => record.distributionId === distributionId)
  }

  /** Keeps the earliest `since`: a second change to a deploying distribution extends the same wait. */
  add(record: DeployingRecord): Promise<void> {
    return this.#change((records) =>
      records.some((r) => r.distributionId === record.distributionId) ? records : [...records, record],
    )
  }

  remove(distributionId: string): Promise<void> {
    return this.#change((records) => records.filter((r) => r.distributionId !== distributionId))
  }

  #change(update: (records: DeployingRecord[]) => DeployingRecord[]): Promise<void> {
    const next = this.#tail.then(async () => {
      const records = await this.list()
      const updated = update(records)
      if (updated !== records) await this.#file.write({ version: 1, deploying: updated })
    })
    this.#tail = next.catch(() => undefined)
    return next
  }
}

export interface WaitOptions {
  /** When the change started (elapsed time counts from here). */
  since: number
  intervalMs: number
  clock: Clock
  signal?: AbortSignal
  onProgress?: (progress: DeploymentProgress) => void
}

export async function waitUntilDeployed(
  api: CloudFrontApi,
  distributionId: string,
  options: WaitOptions,
): Promise<DeploymentProgress> {
  for (let polls = 1; ; polls++) {
    if (options.signal?.aborted) throw cancelled()
    const { value } = await api.getDistribution(distributionId, options.signal).catch((error: unknown) => {
      throw options.signal?.aborted ? cancelled() : error
    })
    const now = options.clock.now()
    const status = value.Status ?? 'Unknown'
    const progress: DeploymentProgress = {
      distributionId,
      status,
      elapsedMs: Math.max(0, now - options.since),
      lastPollAt: now,
      polls,
      done: status === 'Deployed',
    }
    options.onProgress?.(progress)
    if (progress.done) return progress
    await sleep(options.intervalMs, options.signal)
  }
}

function cancelled(): KeyfrontError {
  return new KeyfrontError(
    'CANCELLED',
    'Stopped waiting. CloudFront keeps deploying the change; Keyfront shows it as deploying until it is done.',
  )
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled())
    const onAbort = () => {
      clearTimeout(timer)
      reject(cancelled())
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
