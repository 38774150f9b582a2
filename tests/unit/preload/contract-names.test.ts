// The preload builds window.keyfront from contract/names.ts, a zod-free copy of the contract's
// channel and event names: it must list exactly the contract's keys, or a channel would be missing
// from the bridge (or one would be offered that main does not handle).
import { describe, expect, expectTypeOf, it } from 'vitest'
import {
  channels,
  eventNames as contractEventNames,
  type Channel,
  type EventName,
} from '../../../src/shared/contract/index.ts'
import { channelNames, eventNames } from '../../../src/shared/contract/names.ts'

describe('contract names', () => {
  it('lists every channel of the contract, once, and nothing else', () => {
    expect([...channelNames].sort()).toEqual([...channels].sort())
    expect(new Set(channelNames).size).toBe(channelNames.length)
    expectTypeOf<(typeof channelNames)[number]>().toEqualTypeOf<Channel>()
  })

  it('lists every event of the contract, once, and nothing else', () => {
    expect([...eventNames].sort()).toEqual([...contractEventNames].sort())
    expect(new Set(eventNames).size).toBe(eventNames.length)
    expectTypeOf<(typeof eventNames)[number]>().toEqualTypeOf<EventName>()
  })
})
