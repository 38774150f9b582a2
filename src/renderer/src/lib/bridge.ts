// The only module that touches `window.keyfront`. Unwraps envelopes: a failed call throws a
// BridgeError carrying the stable error code, so screens can react to codes, not message text.
// Screens call the core through lib/server-state.ts, which caches reads and refreshes them after writes.
import type {
  Bridge,
  Channel,
  EventName,
  EventPayload,
  RequestOf,
  ResponseOf,
} from '../../../shared/contract/index.ts'
import { splitChannel } from '../../../shared/contract/names.ts'
import type { Envelope } from '../../../shared/envelope.ts'
import type { ErrorCode } from '../../../shared/errors.ts'

declare global {
  interface Window {
    keyfront: Bridge
  }
}

export class BridgeError extends Error {
  readonly code: ErrorCode
  constructor(code: ErrorCode, message: string) {
    super(message)
    this.name = 'BridgeError'
    this.code = code
  }
}

export async function invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const { area, method } = splitChannel(channel)
  const group = (
    window.keyfront as unknown as Record<
      string,
      Record<string, (r: unknown) => Promise<Envelope<ResponseOf<C>>>>
    >
  )[area]
  const invoke = group?.[method]
  if (!invoke) throw new BridgeError('UNKNOWN_CHANNEL', `Keyfront cannot do "${channel}" here.`)
  const envelope = await invoke(request)
  if (envelope.ok) return envelope.value
  throw new BridgeError(envelope.error.code, envelope.error.message)
}

/** Files dropped on the window: main keeps their paths (read by the preload), the page gets tokens. */
export async function dropFiles(files: readonly File[]): Promise<ResponseOf<'files.dropped'>> {
  const envelope = await window.keyfront.dropFiles(files)
  if (envelope.ok) return envelope.value
  throw new BridgeError(envelope.error.code, envelope.error.message)
}

export function on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return window.keyfront.on(event, listener)
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : 'Something went wrong. Please try again.'
}
