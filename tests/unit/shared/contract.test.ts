// Pins the contract's types: the renderer's view of a channel is derived from the schemas, so a
// schema change that would break a caller fails here at type level.
import { describe, expectTypeOf, it } from 'vitest'
import type { Bridge, Channel, RequestOf, ResponseOf } from '../../../src/shared/contract/index.ts'
import type { Envelope } from '../../../src/shared/envelope.ts'

describe('IPC contract types', () => {
  it('names channels area.action', () => {
    expectTypeOf<'app.info'>().toExtend<Channel>()
    expectTypeOf<Channel>().toExtend<`${string}.${string}`>()
  })

  it('derives request and response types from the schemas', () => {
    expectTypeOf<RequestOf<'app.openExternal'>>().toEqualTypeOf<{ url: string }>()
    expectTypeOf<ResponseOf<'app.info'>>().toEqualTypeOf<{
      version: string
      platform: string
      dataDir: string
    }>()
  })

  it('exposes each channel on the bridge as a method returning an envelope', () => {
    expectTypeOf<Bridge['app']['info']>().returns.toEqualTypeOf<Promise<Envelope<ResponseOf<'app.info'>>>>()
    expectTypeOf<Bridge['app']['openExternal']>().parameters.toEqualTypeOf<[{ url: string }]>()
  })
})
