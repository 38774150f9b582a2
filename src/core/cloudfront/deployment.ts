// Waiting for a distribution change to deploy (minutes on CloudFront): GetDistribution every few
// seconds until Status is Deployed, reporting elapsed time and the last poll, stoppable at any
// moment. Changes Keyfront applied are remembered in cloudfront-deploying.json, so an app started
// again still shows (and follows) what is deploying; whoever in this process adds one tells the
// listeners of that file at once (the app's watcher), and other processes' additions (the CLI) are
// found by reading the file again.
import { join, resolve } from 'node:path'
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
    z.object({
      distributionId: z.string(),
      profile: z.string().optional(),
      since: z.number(),
      domainName: z.string().optional(),
    }),
  ),
})

type AddedListener = (record: DeployingRecord) => void

/** Listeners by the deploying file's path: every store over that file tells the same listeners. */
const addedListeners = new Map<string, Set<AddedListener>>()

function deployingPath(dataDir: string): string {
  return resolve(dataDir, DEPLOYING_FILE)
}

/** Calls `listener` for each distribution any store of this process adds to the data folder's list. */
export function onDeployingAdded(dataDir: string, listener: AddedListener): () => void {
  const path = deployingPath(dataDir)
  const listeners = addedListeners.get(path) ?? new Set()
  addedListeners.set(path, listeners.add(listener))
  return () => listeners.delete(listener)
}

export class DeployingStore {
  readonly #file: JsonFile<z.infer<typeof DeployingFile>>
  readonly #path: string

  constructor(dataDir: string) {
    this.#path = deployingPath(dataDir)
    this.#file = new JsonFile(join(dataDir, DEPLOYING_FILE), DeployingFile, { version: 1, deploying: [] })
  }

  async list(): Promise<DeployingRecord[]> {
    return (await this.#file.read()).deploying
  }

  async find(distributionId: string): Promise<DeployingRecord | undefined> {
    return (await this.list()).find((record) => record.distributionId === distributionId)
  }

  /** Keeps the earliest `since`: a second change to a deploying distribution extends the same wait. */
  async add(record: DeployingRecord): Promise<void> {
    const added = await this.#file.update(({ deploying }) => {
      if (deploying.some((r) => r.distributionId === record.distributionId)) return { result: false }
      return { write: { version: 1, deploying: [...deploying, record] }, result: true }
    })
    if (added) for (const listener of addedListeners.get(this.#path) ?? []) listener(record)
  }

  remove(distributionId: string): Promise<void> {
    return this.#file.update(({ deploying }) => {
      const kept = deploying.filter((r) => r.distributionId !== distributionId)
      if (kept.length === deploying.length) return { result: undefined }
      return { write: { version: 1, deploying: kept }, result: undefined }
    })
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
      ...(value.DomainName && { domainName: value.DomainName }),
    }
    options.onProgress?.(progress)
    if (progress.done) return progress
    await sleep(options.intervalMs, options.signal)
  }
}

export function cancelled(): KeyfrontError {
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
