// Events main sends to the renderer pass the contract first, as responses do: each payload is
// shaped by its event's schema, so fields the contract does not declare never leave main, and a
// payload that does not fit is not sent at all (logged by event and field, never by value).
import { eventsContract, type EventPayload } from '../../shared/contract/index.ts'
import type { Emit } from './router.ts'

export function checkedEmit(send: Emit, log: (line: string) => void = () => {}): Emit {
  return (event, payload) => {
    if (!Object.hasOwn(eventsContract, event)) {
      log(`event ${String(event).slice(0, 64)} not sent: it is not in the contract`)
      return
    }
    const parsed = eventsContract[event].safeParse(payload)
    if (!parsed.success) {
      const where = parsed.error.issues[0]?.path.join('.') || 'payload'
      log(`event ${event} not sent: ${where} does not fit the contract`)
      return
    }
    send(event, parsed.data as EventPayload<typeof event>)
  }
}
