// The whole IPC contract: every channel main handles, with its request and response schemas, and
// every event main sends. Channels are named `area.action`; the preload turns each into
// `window.keyfront.<area>.<action>(request)`.
import type { z } from 'zod'
import { appContract } from './app.ts'
import { cloudfrontContract } from './cloudfront.ts'
import { filesContract, type PRELOAD_ONLY_CHANNELS } from './files.ts'
import { historyContract } from './history.ts'
import { keyLifecycleContract } from './key-lifecycle.ts'
import { keysContract } from './keys.ts'
import { linksContract } from './links.ts'
import { originContract } from './origin.ts'
import { renewalContract } from './renewal.ts'
import { settingsContract } from './settings.ts'
import { setupContract } from './setup.ts'
import type { Envelope } from '../envelope.ts'
import type { ChannelSpec } from './define.ts'
import { eventsContract } from './events.ts'

export const contract = {
  ...appContract,
  ...keysContract,
  ...keyLifecycleContract,
  ...linksContract,
  ...historyContract,
  ...renewalContract,
  ...cloudfrontContract,
  ...originContract,
  ...filesContract,
  ...settingsContract,
  ...setupContract,
} satisfies Record<string, ChannelSpec>

export type Contract = typeof contract
export type Channel = keyof Contract
/** Channels the page reaches only through a preload method of their own (see files.ts). */
export type PreloadOnlyChannel = (typeof PRELOAD_ONLY_CHANNELS)[number]
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>
export type ParsedRequestOf<C extends Channel> = z.output<Contract[C]['request']>
export type ResponseOf<C extends Channel> = z.output<Contract[C]['response']>

export const channels = Object.keys(contract) as Channel[]

export { eventsContract }
export type Events = typeof eventsContract
export type EventName = keyof Events
export type EventPayload<E extends EventName> = z.output<Events[E]>
export const eventNames = Object.keys(eventsContract) as EventName[]

type AreaOf<C extends string> = C extends `${infer A}.${string}` ? A : never
export type Area = AreaOf<Channel>

/** What `window.keyfront` looks like to the renderer: one method per channel, grouped by area. */
export type Bridge = {
  [A in Area]: {
    [C in Exclude<Channel, PreloadOnlyChannel> as C extends `${A}.${infer M}` ? M : never]: (
      request: RequestOf<C>,
    ) => Promise<Envelope<ResponseOf<C>>>
  }
} & {
  /** Files dropped on the window (real File objects only): main learns their paths, the page tokens. */
  dropFiles(files: readonly File[]): Promise<Envelope<ResponseOf<'files.dropped'>>>
  /** Subscribes to a main → renderer event; returns the function that unsubscribes. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
}

export { splitChannel } from './names.ts'
