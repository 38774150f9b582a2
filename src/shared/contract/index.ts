// The whole IPC contract: every channel main handles, with its request and response schemas, and
// every event main sends. Channels are named `area.action`; the preload turns each into
// `window.keyfront.<area>.<action>(request)`.
import type { z } from 'zod'
import { appContract } from './app.ts'
import { cloudfrontContract } from './cloudfront.ts'
import { historyContract } from './history.ts'
import { keysContract } from './keys.ts'
import { linksContract } from './links.ts'
import { originContract } from './origin.ts'
import type { Envelope } from '../envelope.ts'
import type { ChannelSpec } from './define.ts'
import { eventsContract } from './events.ts'

export const contract = {
  ...appContract,
  ...keysContract,
  ...linksContract,
  ...historyContract,
  ...cloudfrontContract,
  ...originContract,
} satisfies Record<string, ChannelSpec>

export type Contract = typeof contract
export type Channel = keyof Contract
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
    [C in Channel as C extends `${A}.${infer M}` ? M : never]: (
      request: RequestOf<C>,
    ) => Promise<Envelope<ResponseOf<C>>>
  }
} & {
  /** Subscribes to a main → renderer event; returns the function that unsubscribes. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
}

export function splitChannel(channel: string): { area: string; method: string } {
  const dot = channel.indexOf('.')
  return { area: channel.slice(0, dot), method: channel.slice(dot + 1) }
}
