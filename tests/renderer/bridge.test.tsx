// The renderer's bridge module unwraps envelopes: values come back, errors become BridgeErrors
// that keep the stable code.
import { describe, expect, it } from 'vitest'
import { BridgeError, invoke } from '../../src/renderer/src/lib/bridge.ts'

function install(bridge: unknown) {
  ;(window as unknown as { keyfront: unknown }).keyfront = bridge
}

describe('renderer bridge', () => {
  it('returns the value of a successful call', async () => {
    install({
      app: { info: async () => ({ ok: true, value: { version: '1', platform: 'linux', dataDir: '/d' } }) },
    })
    await expect(invoke('app.info', undefined)).resolves.toEqual({
      version: '1',
      platform: 'linux',
      dataDir: '/d',
    })
  })

  it('throws a BridgeError with the code of a failed call', async () => {
    install({
      app: { info: async () => ({ ok: false, error: { code: 'KEYCHAIN_LOCKED', message: 'Locked.' } }) },
    })
    const error = await invoke('app.info', undefined).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BridgeError)
    expect(error).toMatchObject({ code: 'KEYCHAIN_LOCKED', message: 'Locked.' })
  })
})
