// The app follows every deployment itself, whatever screen is open: at start it picks up what was
// still deploying when it last ran (cloudfront-deploying.json), a change made in the app is followed
// the moment it is recorded, and one made by the CLI when the list is read again. Each distribution
// is polled once (the core shares one poll among all who wait), each poll goes to the window as a
// `cloudfront.deployment` event, and when CloudFront says Deployed the person hears of it through
// a system notification — named by the site's name or address — if Settings allow notifications.
// Electron-free: main passes in how to notify, so the e2e harness runs this same watcher.
import type { Keyfront } from '../core/app.ts'
import type { DeployingInfo, DeploymentProgress } from '../shared/contract/cloudfront.ts'
import { KeyfrontError } from '../shared/errors.ts'
import type { Emit } from './ipc/router.ts'

export interface DeploymentWatchOptions {
  cloudfront: Pick<Keyfront['cloudfront'], 'deploying' | 'waitDeployed' | 'onDeploying'>
  settings: Pick<Keyfront['settings'], 'get'>
  /** Sends an event to the window (checked against the contract by the caller). */
  emit: Emit
  /** Shows a system notification. */
  notify(title: string, body: string): void
  log(line: string): void
  /** How often the list is read again, for deployments another process started (default 1 min). */
  rescanMs?: number
  /** After a poll failed (network, expired credentials), how long until the next try (default 1 min). */
  retryMs?: number
  /** How often CloudFront is polled (default: the core's, 15 s). */
  intervalMs?: number
}

export interface DeploymentWatch {
  /** Reads the list again and follows what is new; resolves once that is under way. */
  sync(): Promise<void>
  /** Stops following (at quit); CloudFront deploys on, and the next start follows again. */
  stop(): void
}

const MINUTE = 60_000

export function watchDeployments(options: DeploymentWatchOptions): DeploymentWatch {
  const following = new Map<string, AbortController>()
  let stopped = false

  const sync = async () => {
    if (stopped) return
    let list: DeployingInfo[]
    try {
      list = await options.cloudfront.deploying()
    } catch (error) {
      options.log(`deployments not read: ${errorName(error)}`)
      return
    }
    for (const info of list) if (!following.has(info.distributionId)) follow(info)
  }

  const follow = (info: DeployingInfo) => {
    const controller = new AbortController()
    following.set(info.distributionId, controller)
    void (async () => {
      while (!controller.signal.aborted) {
        try {
          const done = await options.cloudfront.waitDeployed(info.distributionId, {
            profile: info.profile,
            signal: controller.signal,
            intervalMs: options.intervalMs,
            onProgress: (progress) => options.emit('cloudfront.deployment', progress),
          })
          await announce(info, done)
          return
        } catch (error) {
          // Cancelled (at quit, or by someone else): the next read of the list picks it up again.
          if (controller.signal.aborted || codeOf(error) === 'CANCELLED') return
          // Gone at CloudFront: the core has taken it off the list.
          if (codeOf(error) === 'CF_NO_SUCH_DISTRIBUTION') return
          options.log(
            `deployment of ${info.distributionId} not checked: ${codeOf(error) ?? errorName(error)}`,
          )
          await pause(options.retryMs ?? MINUTE, controller.signal)
        }
      }
    })().finally(() => {
      if (following.get(info.distributionId) === controller) following.delete(info.distributionId)
    })
  }

  const announce = async (info: DeployingInfo, done: DeploymentProgress) => {
    const settings = await options.settings.get().catch(() => ({ notifications: true }))
    if (!settings.notifications) return
    const minutes = Math.max(1, Math.round(done.elapsedMs / MINUTE))
    const name = info.name === info.distributionId ? (done.domainName ?? info.name) : info.name
    options.notify(
      `${name} is deployed`,
      `CloudFront now serves the change everywhere (after ${minutes} minute${minutes === 1 ? '' : 's'}).`,
    )
  }

  const stopListening = options.cloudfront.onDeploying(() => void sync())
  const timer = setInterval(() => void sync(), options.rescanMs ?? MINUTE)
  timer.unref?.()
  void sync()

  return {
    sync,
    stop() {
      stopped = true
      stopListening()
      clearInterval(timer)
      for (const controller of following.values()) controller.abort()
      following.clear()
    },
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer)
        resolve()
      },
      { once: true },
    )
  })
}

function codeOf(error: unknown): string | undefined {
  return error instanceof KeyfrontError ? error.code : undefined
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error
}
