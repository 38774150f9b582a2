// Electron's security checklist, asserted on the main process code (with a fake `electron`, since
// Electron's binary cannot run here). Each test fails if its setting is weakened.
import { readFileSync } from 'node:fs'
import { beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => import('../../mocks/electron.ts'))

const electron = await import('../../mocks/electron.ts')
const { secureWebPreferences, guardSession, guardWebContents } = await import('../../../src/main/security.ts')
const { createMainWindow } = await import('../../../src/main/window.ts')

describe('window web preferences', () => {
  it('isolate the page: context isolation, sandbox, no Node, web security', () => {
    const prefs = secureWebPreferences('/app/preload.cjs')
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      preload: '/app/preload.cjs',
    })
  })

  it('are the ones the main window is created with', () => {
    const window = createMainWindow({
      preload: '/p.cjs',
      devServerUrl: undefined,
      rendererHtml: '/r/index.html',
      icon: '/i.png',
    })
    expect((window as unknown as { options: { webPreferences: unknown } }).options.webPreferences).toEqual(
      secureWebPreferences('/p.cjs'),
    )
  })
})

describe('web contents guards', () => {
  let contents: InstanceType<typeof electron.FakeWebContents>
  const openExternal = vi.fn(async () => {})
  beforeEach(() => {
    contents = new electron.FakeWebContents()
    openExternal.mockClear()
    guardWebContents(contents as never, openExternal)
  })

  it.each(['will-navigate', 'will-redirect', 'will-attach-webview'])('prevents %s', (eventName) => {
    const event = { preventDefault: vi.fn() }
    contents.emit(eventName, event, 'https://evil.example/')
    expect(event.preventDefault).toHaveBeenCalled()
  })

  it('denies window.open and opens only https links in the browser', () => {
    expect(contents.windowOpenHandler?.({ url: 'https://docs.aws.amazon.com/' })).toEqual({ action: 'deny' })
    expect(openExternal).toHaveBeenCalledWith('https://docs.aws.amazon.com/')
    for (const url of [
      'http://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
    ]) {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' })
    }
    expect(openExternal).toHaveBeenCalledTimes(1)
  })
})

describe('permission requests', () => {
  it('are denied, except writing to the clipboard for the Copy buttons', () => {
    const session = new electron.FakeSession()
    guardSession(session as never)
    const ask = (permission: string) => {
      let granted: boolean | undefined
      session.permissionRequestHandler?.({}, permission, (value) => (granted = value))
      return granted
    }
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'clipboard-read',
      'fullscreen',
      'hid',
    ]) {
      expect(ask(permission)).toBe(false)
      expect(session.permissionCheckHandler?.({}, permission)).toBe(false)
    }
    expect(ask('clipboard-sanitized-write')).toBe(true)
  })
})

describe('renderer Content-Security-Policy', () => {
  const html = readFileSync('src/renderer/index.html', 'utf8')
  const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? ''
  const directive = (name: string) =>
    csp
      .split(';')
      .map((d) => d.trim())
      .find((d) => d.startsWith(`${name} `)) ?? ''

  it('is declared, defaults to nothing, and allows scripts only from the app itself', () => {
    expect(directive('default-src')).toBe("default-src 'none'")
    expect(directive('script-src')).toBe("script-src 'self'")
  })

  it('allows no inline script, eval or remote origin anywhere', () => {
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*|wss?:/)
    expect(directive('object-src')).toBe("object-src 'none'")
    expect(directive('base-uri')).toBe("base-uri 'none'")
  })

  it('has no inline script in the page', () => {
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/)
  })
})

describe('packaging fuses', () => {
  const config = JSON.parse(readFileSync('build/electron-builder.json', 'utf8')) as {
    electronFuses: Record<string, boolean>
  }
  it('turn off Node entry points and enforce the packaged app', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    })
  })
})
