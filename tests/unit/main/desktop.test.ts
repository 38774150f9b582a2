// The desktop habits main sets up around the window — application menu, tray quick link, optional
// system-wide shortcut, theme — run over the fake `electron` module (Electron's binary cannot be
// downloaded or run on these machines), which records what was asked of Menu, Tray, Notification,
// globalShortcut, clipboard and nativeTheme. The core under them is real: keys in an in-memory
// keychain, a site set up in signed-sites.json, links recorded in the history.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Keyfront } from '../../../src/core/app.ts'
import { SignedSites } from '../../../src/core/cloudfront/signed-sites.ts'
import { COMMAND_SHORTCUTS, QUICK_LINK_SHORTCUT } from '../../../src/shared/desktop-commands.ts'
import { createTestKeyfront } from '../../harness/keyfront.ts'
import { memoryKeychain } from '../core/cloudfront/world.ts'

vi.mock('electron', () => import('../../mocks/electron.ts'))

type Fake = typeof import('../../mocks/electron.ts')
type MenuItem = import('../../mocks/electron.ts').MenuItem

let electron: Fake
let dataDir: string
let kf: Keyfront
let window: InstanceType<Fake['BrowserWindow']>
let undo: () => void

beforeEach(async () => {
  electron = (await import('electron')) as unknown as Fake
  electron.resetElectron()
  dataDir = mkdtempSync(join(tmpdir(), 'keyfront-desktop-'))
  kf = createTestKeyfront({ dataDir, keychain: memoryKeychain() })
  const key = await kf.keys.create({ name: 'Site key', type: 'rsa' })
  await kf.keys.setKeyPairId('Site key', 'K2JCJMDEHXQW5F')
  await new SignedSites(dataDir).remember({
    distributionId: 'E2QWRUHAPOMQZL',
    domainName: 'd111111abcdef8.cloudfront.net',
    aliases: ['files.example.com'],
    keyId: key.id,
    keyPairId: 'K2JCJMDEHXQW5F',
    keyGroupId: 'kg-1',
    keyGroupName: 'keyfront-E2QWRUHAPOMQZL',
    restrictedPaths: ['*'],
    accountId: '123456789012',
    onboardedAt: Date.now(),
  })
  window = new electron.BrowserWindow({})
})
afterEach(() => {
  undo?.()
  kf.close()
  rmSync(dataDir, { recursive: true, force: true })
})

const shown = vi.fn()

async function setUp(): Promise<void> {
  const { setupDesktop } = await import('../../../src/main/desktop.ts')
  shown.mockClear()
  undo = await setupDesktop({
    kf,
    clock: { now: () => Date.now() },
    showWindow: () => {
      shown()
      return window as never
    },
    send: (event, payload) => {
      window.webContents.send(event, payload)
    },
    quit: () => {
      electron.app.quit()
    },
    iconPath: '/app/resources/icon.png',
    log: () => {},
  })
}

function item(items: MenuItem[], label: string): MenuItem {
  const found = electron.menuItems(items).find((candidate) => candidate.label === label)
  if (!found) throw new Error(`no menu item "${label}"`)
  return found
}

function trayItem(label: string): MenuItem {
  const tray = electron.Tray.created[0]
  if (!tray?.contextMenu) throw new Error('no tray menu')
  return item(tray.contextMenu.template, label)
}

/** The notifications shown, one "title: body" line each. */
const notified = () => electron.Notification.shown.map(({ title, body }) => `${title}: ${body}`)

/** Clicks the tray's quick link and waits until it has said something: link copied, or none made. */
async function quickLinkFrom(clipboardText: string): Promise<void> {
  electron.clipboard.text = clipboardText
  const notified = electron.Notification.shown.length
  trayItem('Quick Link from Clipboard').click?.()
  await vi.waitFor(() => expect(electron.Notification.shown.length).toBeGreaterThan(notified))
}

describe('the application menu', () => {
  it('offers New link, Search History and Copy the link with their shortcuts, beside Edit and Window', async () => {
    await setUp()
    const menu = electron.Menu.applicationMenu
    if (!menu) throw new Error('no application menu was set')
    for (const [command, { label, accelerator }] of Object.entries(COMMAND_SHORTCUTS)) {
      expect(item(menu.template, label).accelerator, command).toBe(accelerator)
    }
    const roles = electron.menuItems(menu.template).map((entry) => entry.role)
    expect(roles).toEqual(expect.arrayContaining(['copy', 'paste', 'selectAll', 'windowMenu']))
  })

  it('brings the window forward and sends it the command, as a checked event', async () => {
    await setUp()
    const menu = electron.Menu.applicationMenu!
    item(menu.template, 'Search History').click?.()
    item(menu.template, 'New Link').click?.()
    expect(shown).toHaveBeenCalledTimes(2)
    expect(window.webContents.send.mock.calls).toEqual([
      ['app.command', { command: 'search-history' }],
      ['app.command', { command: 'new-link' }],
    ])
  })
})

describe('the tray’s quick link', () => {
  it('signs the path on the clipboard on the default site, puts the link back and says until when it works', async () => {
    await kf.settings.update({ defaultDuration: '3d' })
    await setUp()
    const tray = electron.Tray.created[0]
    expect(tray?.toolTip).toBe('Keyfront')
    expect(tray?.image).toMatchObject({ path: '/app/resources/icon.png', size: { width: 16, height: 16 } })

    const before = Math.floor(Date.now() / 1000)
    await quickLinkFrom('reports/Q3 report.pdf')

    const [signed] = electron.clipboard.writeText.mock.calls[0] ?? []
    expect(signed).toMatch(
      /^https:\/\/files\.example\.com\/reports\/Q3%20report\.pdf\?Expires=\d+&Key-Pair-Id=K2JCJMDEHXQW5F&Signature=/,
    )
    const [entry] = kf.history.list({ limit: 5 }).entries
    expect(entry).toMatchObject({
      url: 'https://files.example.com/reports/Q3 report.pdf',
      distributionId: 'E2QWRUHAPOMQZL',
      source: 'app',
    })
    expect(entry!.expiresAt - before).toBeGreaterThanOrEqual(3 * 86_400)
    expect(entry!.expiresAt - before).toBeLessThan(3 * 86_400 + 60)
    expect(notified()).toHaveLength(1)
    expect(notified()[0]).toMatch(
      /^Link copied: files\.example\.com\/reports\/Q3 report\.pdf\nThis link works until /,
    )
    expect(window.webContents.send).toHaveBeenCalledWith('history.changed', {})
  })

  it('signs nothing for a clipboard that holds no path or CloudFront address, and says so', async () => {
    await setUp()
    await quickLinkFrom('Thanks for the report!')
    expect(electron.clipboard.writeText).not.toHaveBeenCalled()
    expect(electron.clipboard.text).toBe('Thanks for the report!')
    expect(kf.history.list({ limit: 5 }).entries).toEqual([])
    expect(notified()).toHaveLength(1)
    expect(notified()[0]).toMatch(
      /^No link was made: .*does not hold a path or a web address.*Nothing was signed/,
    )
  })

  it('stays quiet about a link made when notifications are off, but still says when none could be made', async () => {
    await kf.settings.update({ notifications: false })
    await setUp()
    electron.clipboard.text = 'https://files.example.com/a.pdf'
    trayItem('Quick Link from Clipboard').click?.()
    await vi.waitFor(() => expect(window.webContents.send).toHaveBeenCalledWith('history.changed', {}))
    expect(electron.clipboard.text).toMatch(/^https:\/\/files\.example\.com\/a\.pdf\?Expires=/)
    expect(electron.Notification.shown).toEqual([])
    await quickLinkFrom('https://www.example.com/page')
    expect(notified()).toHaveLength(1)
    expect(notified()[0]).toMatch(/^No link was made: www\.example\.com is not a CloudFront site/)
  })

  it('opens the window and quits from the tray menu', async () => {
    await setUp()
    trayItem('Open Keyfront').click?.()
    expect(shown).toHaveBeenCalledOnce()
    trayItem('Quit Keyfront').click?.()
    expect(electron.app.quit).toHaveBeenCalledOnce()
  })
})

describe('the quick-link shortcut and the theme follow Settings', () => {
  it('registers no system-wide shortcut by default, and the system theme', async () => {
    await setUp()
    expect(electron.globalShortcut.register).not.toHaveBeenCalled()
    expect(electron.nativeTheme.themeSource).toBe('system')
  })

  it('takes the theme and the shortcut from the saved settings at start, and follows changes', async () => {
    await kf.settings.update({ theme: 'dark', quickLinkShortcut: true })
    await setUp()
    expect(electron.nativeTheme.themeSource).toBe('dark')
    expect(electron.globalShortcut.register).toHaveBeenCalledWith(QUICK_LINK_SHORTCUT, expect.any(Function))

    await kf.settings.update({ theme: 'light', quickLinkShortcut: false })
    expect(electron.nativeTheme.themeSource).toBe('light')
    expect(electron.globalShortcut.unregister).toHaveBeenCalledWith(QUICK_LINK_SHORTCUT)
    expect(electron.globalShortcut.registered.size).toBe(0)
  })

  it('makes a quick link when the shortcut is pressed', async () => {
    await setUp()
    await kf.settings.update({ quickLinkShortcut: true })
    electron.clipboard.text = 'files.example.com/b.pdf'
    electron.globalShortcut.registered.get(QUICK_LINK_SHORTCUT)?.()
    await vi.waitFor(() =>
      expect(electron.clipboard.text).toMatch(/^https:\/\/files\.example\.com\/b\.pdf\?Expires=/),
    )
  })

  it('says when another app holds the shortcut', async () => {
    electron.globalShortcut.taken.add(QUICK_LINK_SHORTCUT)
    await setUp()
    await kf.settings.update({ quickLinkShortcut: true })
    expect(notified()).toHaveLength(1)
    expect(notified()[0]).toMatch(
      /^The quick-link shortcut is taken: Another app already uses Ctrl\+Alt\+Shift\+L/,
    )
  })

  it('lets go of the shortcut and the tray at quit', async () => {
    await kf.settings.update({ quickLinkShortcut: true })
    await setUp()
    undo()
    undo = () => {}
    expect(electron.globalShortcut.unregisterAll).toHaveBeenCalled()
    expect(electron.Tray.created[0]?.destroyed).toBe(true)
    await kf.settings.update({ theme: 'dark' })
    expect(electron.nativeTheme.themeSource).toBe('system')
  })
})
