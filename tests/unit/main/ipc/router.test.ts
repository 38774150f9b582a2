// The IPC boundary: only our window's main frame, showing the app's own page, may call; requests
// are validated against the contract; responses and events are shaped by it; errors keep their
// code and never leak unexpected text. Electron is the fake module (its binary cannot run here).
import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'

vi.mock('electron', () => import('../../../mocks/electron.ts'))

const electron = await import('../../../mocks/electron.ts')
const { registerIpc } = await import('../../../../src/main/ipc/handle.ts')
const { checkedEmit } = await import('../../../../src/main/ipc/events.ts')
const { createRouter } = await import('../../../../src/main/ipc/router.ts')
const { channels, contract } = await import('../../../../src/shared/contract/index.ts')
const { KeyfrontError } = await import('../../../../src/shared/errors.ts')
type Table = import('../../../../src/main/ipc/router.ts').HandlerTable

function tableWith(overrides: Partial<Record<string, (request: unknown) => unknown>>): Table {
  const table: Record<string, (request: unknown) => unknown> = {}
  for (const channel of channels) table[channel] = overrides[channel] ?? (() => undefined)
  return table as unknown as Table
}

describe('registerIpc', () => {
  const window = new electron.BrowserWindow({})
  const appInfo = vi.fn(() => ({ version: '1', platform: 'linux', dataDir: '/d' }))
  const appPage = 'file:///app/index.html'
  registerIpc(
    electron.ipcMain as never,
    () => window as never,
    createRouter(tableWith({ 'app.info': appInfo })),
    (url) => url === appPage,
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

  it('refuses our main frame once it shows a page that is not the app', async () => {
    appInfo.mockClear()
    const frame = window.webContents.mainFrame
    try {
      for (const url of ['https://evil.example/index.html', 'file:///tmp/other.html', 'about:blank']) {
        frame.url = url
        await expect(invoke({ sender: window.webContents, senderFrame: frame })).resolves.toMatchObject({
          ok: false,
          error: { code: 'UNTRUSTED_SENDER' },
        })
      }
    } finally {
      frame.url = appPage
    }
    await expect(invoke({ sender: window.webContents, senderFrame: null })).resolves.toMatchObject({
      ok: false,
    })
    expect(appInfo).not.toHaveBeenCalled()
  })
})

describe('events to the renderer', () => {
  const sent: { event: string; payload: unknown }[] = []
  const log = vi.fn()
  const emit = checkedEmit((event, payload) => sent.push({ event, payload }), log)

  it('are shaped by the contract: undeclared fields never leave main', () => {
    sent.length = 0
    emit('task.progress', { task: 't1', done: 2, total: 5, privateKey: 'MII…secret' } as never)
    expect(sent).toEqual([{ event: 'task.progress', payload: { task: 't1', done: 2, total: 5 } }])
    expect(JSON.stringify(sent)).not.toContain('secret')
  })

  it('are not sent when they do not fit, and the log names the field, not the value', () => {
    sent.length = 0
    log.mockClear()
    emit('task.progress', { task: 't1', done: -1, secretAccessKey: 'wJalr…' } as never)
    emit('cloudfront.deployment', { distributionId: 'E1', status: 'InProgress' } as never)
    emit('no.such.event' as never, {} as never)
    expect(sent).toEqual([])
    expect(log.mock.calls.flat().join('\n')).toMatch(/task\.progress not sent: done/)
    expect(log.mock.calls.flat().join('\n')).not.toContain('wJalr')
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
    await expect(dispatch('app.openExternal', { url: 'x'.repeat(9000) })).resolves.toMatchObject({
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
