// The preload exposes exactly one object, built from the contract, and never ipcRenderer itself.
// Dropped files reach main only through dropFiles(), which reads their paths in the preload.
import { describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => import('../../mocks/electron.ts'))

const electron = await import('../../mocks/electron.ts')
await import('../../../src/preload/index.ts')
const { channels, splitChannel } = await import('../../../src/shared/contract/index.ts')

describe('preload', () => {
  it('exposes one object, window.keyfront', () => {
    expect(electron.exposeCalls).toEqual(['keyfront'])
    expect(Object.keys(electron.exposed)).toEqual(['keyfront'])
  })

  it('has a method for every channel and nothing that reaches ipcRenderer directly', () => {
    const bridge = electron.exposed.keyfront as Record<string, Record<string, unknown>>
    for (const channel of channels.filter((c) => c !== 'files.dropped')) {
      const { area, method } = splitChannel(channel)
      expect(typeof bridge[area]?.[method]).toBe('function')
    }
    const areas = new Set(channels.map((c) => splitChannel(c).area))
    expect(Object.keys(bridge).sort()).toEqual([...areas, 'dropFiles', 'on'].sort())
    expect(Object.values(bridge)).not.toContain(electron.ipcRenderer)
    expect(JSON.stringify(Object.keys(bridge))).not.toMatch(/ipc|send|invoke/i)
  })

  it('sends a method call to its channel', async () => {
    const bridge = electron.exposed.keyfront as { app: { info: (r: unknown) => Promise<unknown> } }
    await expect(bridge.app.info(undefined)).resolves.toEqual({
      ok: true,
      value: { channel: 'app.info', request: undefined },
    })
  })

  it('subscribes to known events only, and unsubscribes', () => {
    const bridge = electron.exposed.keyfront as { on: (e: string, l: (p: unknown) => void) => () => void }
    const listener = vi.fn()
    const off = bridge.on('task.progress', listener)
    electron.ipcRenderer.emit('task.progress', {}, { task: 't', done: 1 })
    off()
    electron.ipcRenderer.emit('task.progress', {}, { task: 't', done: 2 })
    expect(listener.mock.calls).toEqual([[{ task: 't', done: 1 }]])
    expect(() => bridge.on('fs.read', listener)).toThrow(/Unknown event/)
  })

  it('sends dropped files by the paths the preload reads, never a path the page names', async () => {
    const bridge = electron.exposed.keyfront as {
      files: Record<string, unknown>
      dropFiles: (files: { name: string }[]) => Promise<unknown>
    }
    expect(bridge.files.dropped).toBeUndefined()
    await expect(bridge.dropFiles([{ name: 'real.pdf' }, { name: 'made-up.pdf' }])).resolves.toEqual({
      ok: true,
      value: { channel: 'files.dropped', request: { paths: ['/dropped/real.pdf'] } },
    })
  })
})
