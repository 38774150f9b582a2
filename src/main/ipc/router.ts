// Turns the handler table into one dispatch function: validate the request against the contract,
// run the handler, shape the response with the contract's response schema, and wrap the outcome in
// an Envelope so that error codes survive IPC. Electron-free on purpose: the e2e tests drive this
// same router from a Chromium page.
import type { z } from 'zod'
import {
  contract,
  type Channel,
  type EventName,
  type EventPayload,
  type ParsedRequestOf,
  type ResponseOf,
} from '../../shared/contract/index.ts'
import type { Envelope } from '../../shared/envelope.ts'
import { KeyfrontError, isKeyfrontError, toErrorInfo } from '../../shared/errors.ts'

export type Handler<C extends Channel> = (
  request: ParsedRequestOf<C>,
) => Promise<ResponseOf<C>> | ResponseOf<C>
export type HandlerTable = { [C in Channel]: Handler<C> }
/** The handlers of one area: exactly the channels of that area's contract. */
export type AreaHandlers<T> = { [C in keyof T & Channel]: Handler<C> }
export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void

export type Dispatch = (channel: string, payload: unknown) => Promise<Envelope<unknown>>

export function createRouter(table: HandlerTable, log: (line: string) => void = () => {}): Dispatch {
  return async (channel, payload) => {
    if (!Object.hasOwn(contract, channel)) {
      return {
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL', message: `Unknown request "${channel.slice(0, 64)}".` },
      }
    }
    const name = channel as Channel
    const spec = contract[name]
    const parsed = spec.request.safeParse(payload)
    if (!parsed.success) {
      return { ok: false, error: { code: 'INVALID_INPUT', message: describeIssues(parsed.error) } }
    }
    try {
      const handler = table[name] as (request: unknown) => unknown
      const value: unknown = await handler(parsed.data)
      return { ok: true, value: spec.response.parse(value) }
    } catch (error) {
      // Log the code only: messages of unexpected errors may echo user input.
      if (!isKeyfrontError(error))
        log(`ipc ${name} failed: ${error instanceof Error ? error.name : typeof error}`)
      return { ok: false, error: toErrorInfo(error) }
    }
  }
}

/** A readable summary of what was wrong with a request; names fields, never echoes values. */
function describeIssues(error: z.ZodError): string {
  const first = error.issues[0]
  if (!first) return 'The request was not valid.'
  const where = first.path.length ? ` (${first.path.join('.')})` : ''
  return `The request was not valid${where}: ${first.message}`
}

export function invalidInput(message: string): KeyfrontError {
  return new KeyfrontError('INVALID_INPUT', message)
}
