// Builds the `window.keyfront` object: one method per contract channel, grouped by area, plus
// `on()` for events and `dropFiles()`, which reads the paths of dropped files itself (the page
// never names a path: `files.dropped` is not offered by name). Self-contained on purpose (no imports used in its body): the e2e harness
// injects this very function into a Chromium page, so the page under test gets exactly the
// object the preload exposes.
import type { Bridge } from '../shared/contract/index.ts'

export type Invoke = (channel: string, request: unknown) => Promise<unknown>
export type Subscribe = (event: string, listener: (payload: unknown) => void) => () => void
/** The path of a dropped file (Electron's webUtils.getPathForFile); "" for a File the page made. */
export type PathOfFile = (file: File) => string

export function buildBridge(
  channelNames: readonly string[],
  eventNames: readonly string[],
  invoke: Invoke,
  subscribe: Subscribe,
  pathOfFile: PathOfFile,
): Bridge {
  const bridge: Record<string, unknown> = {}
  // Listed here, not imported: this function's body must stand alone (see above).
  const preloadOnly = new Set(['files.dropped'])
  for (const channel of channelNames) {
    if (preloadOnly.has(channel)) continue
    const dot = channel.indexOf('.')
    const area = channel.slice(0, dot)
    const group = (bridge[area] ??= {}) as Record<string, unknown>
    group[channel.slice(dot + 1)] = (request: unknown) => invoke(channel, request)
  }
  bridge.dropFiles = (files: readonly File[]) =>
    invoke('files.dropped', { paths: Array.from(files, (file) => pathOfFile(file)).filter(Boolean) })
  const known = new Set<string>(eventNames)
  bridge.on = (event: string, listener: (payload: unknown) => void) => {
    if (!known.has(event)) throw new Error(`Unknown event "${event}"`)
    return subscribe(event, listener)
  }
  return bridge as Bridge
}
