// The IPC boundary: only our window's main frame may call; requests are validated against the
// contract; responses are shaped by it; errors keep their code and never leak unexpected text.
import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'

vi.mock('electron', () => import('../../mocks/electron.ts'))

const electron = await import('../../mocks/electron.ts')
const { registerIpc } = await import('../../../src/main/ipc/handle.ts')
const { createRouter } = await import('../../../src/main/ipc/router.ts')
const { channels, contract } = await import('../../../src/shared/contract/index.ts')
const { KeyfrontError } = await import('../../../src/shared/errors.ts')
type Table = import('../../../src/main/ipc/router.ts').HandlerTable

function tableWith(overrides: Partial<Record<string, (request: unknown) => unknown>>): Table {
  const table: Record<string, (request: unknown) => unknown> = {}
  for (const channel of channels) table[channel] = overrides[channel] ?? (() => undefined)
  return table as unknown as Table
}

describe('registerIpc', () => {
  const window = new electron.BrowserWindow({})
  const appInfo = vi.fn(() => ({ version: '1', platform: 'linux', dataDir: '/d' }))
  registerIpc(
    electron.ipcMain as never,
    () => window as never,
    createRouter(tableWith({ 'app.info': appInfo })),
  )
  const invoke = (event: unknown, channel = 'app.info') =>
    electron.ipcMain.handlers.get(channel)?.(event, undefined)

  it('registers a handler for every channel of the contract', () => {
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual([...channels].sort())
  })

  it("answers our window's main frame", async () => {
    await expect(
      invoke({ sender: window.webContents, senderFrame: window.webContents.mainFrame }),
    ).resolves.toEqual({
      ok: true,
      value: { version: '1', platform: 'linux', dataDir: '/d' },
    })
  })

  it('refuses a sub-frame of our window and any other web contents, without running the handler', async () => {
    appInfo.mockClear()
    const other = new electron.BrowserWindow({})
    for (const event of [
      { sender: window.webContents, senderFrame: { url: 'https://evil.example/' } },
      { sender: other.webContents, senderFrame: other.webContents.mainFrame },
    ]) {
      await expect(invoke(event)).resolves.toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } })
    }
    expect(appInfo).not.toHaveBeenCalled()
  })
})

describe('router', () => {
  it('rejects channels outside the contract', async () => {
    const dispatch = createRouter(tableWith({}))
    await expect(dispatch('fs.readFile', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    })
    await expect(dispatch('__proto__', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    })
  })

  it('validates the request before the handler runs', async () => {
    const open = vi.fn()
    const dispatch = createRouter(tableWith({ 'app.openExternal': open }))
    await expect(dispatch('app.openExternal', { url: 42 })).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('url') as unknown },
    })
    await expect(dispatch('app.openExternal', { url: 'x'.repeat(5000) })).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    expect(open).not.toHaveBeenCalled()
  })

  it('strips response fields the contract does not declare', async () => {
    const dispatch = createRouter(
      tableWith({
        'app.info': () => ({ version: '1', platform: 'linux', dataDir: '/d', privateKey: 'MII…secret' }),
      }),
    )
    const envelope = await dispatch('app.info', undefined)
    expect(envelope).toEqual({ ok: true, value: { version: '1', platform: 'linux', dataDir: '/d' } })
    expect(JSON.stringify(envelope)).not.toContain('secret')
  })

  it('keeps the code and message of Keyfront errors', async () => {
    const dispatch = createRouter(
      tableWith({
        'app.info': () => {
          throw new KeyfrontError('KEYCHAIN_LOCKED', 'The OS keychain is locked.')
        },
      }),
    )
    await expect(dispatch('app.info', undefined)).resolves.toEqual({
      ok: false,
      error: { code: 'KEYCHAIN_LOCKED', message: 'The OS keychain is locked.' },
    })
  })

  it('hides the text of unexpected errors, which may echo input', async () => {
    const log = vi.fn()
    const dispatch = createRouter(
      tableWith({
        'app.info': () => {
          throw new Error(`${'-'.repeat(5)}BEGIN PRIVATE KEY${'-'.repeat(5)} MIIEvQ`)
        },
      }),
      log,
    )
    const envelope = await dispatch('app.info', undefined)
    expect(envelope).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(JSON.stringify(envelope)).not.toContain('PRIVATE KEY')
    expect(log.mock.calls.join('\n')).not.toContain('PRIVATE KEY')
  })

  it('every channel has a request and a response schema', () => {
    for (const spec of Object.values(contract)) {
      expect(spec.request).toBeInstanceOf(z.ZodType)
      expect(spec.response).toBeInstanceOf(z.ZodType)
    }
  })
})
