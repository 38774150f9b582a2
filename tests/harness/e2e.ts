// The e2e harness. Electron's binary cannot be downloaded on these machines, so the app is run as
// its parts: the built renderer (out/renderer) in Debian's Chromium, with `window.keyfront` built
// by the preload's own buildBridge() and bound (exposeBinding) to the same router and handler table
// main registers, over a real core in this process: real keychain (gnome-keyring via
// with-keyring.sh), real data dir, real AWS SDK clients. Only Electron's own glue (ipcMain,
// dialogs, shell) is replaced, by the test ports below.
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { extname, join, normalize } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { type Keyfront } from '../../src/core/app.ts'
import { watchDeployments } from '../../src/main/deployments.ts'
import { checkedEmit } from '../../src/main/ipc/events.ts'
import { createHandlerTable } from '../../src/main/ipc/handlers.ts'
import { forwardHistoryReset } from '../../src/main/ipc/history-reset.ts'
import type { Confirmation, DesktopPorts, SaveFileRequest } from '../../src/main/ipc/ports.ts'
import { createRouter, type Emit } from '../../src/main/ipc/router.ts'
import { buildBridge } from '../../src/preload/bridge.ts'
import { channels, eventNames } from '../../src/shared/contract/index.ts'
import { createTestKeyfront } from './keyfront.ts'

const RENDERER_DIR = 'out/renderer'
const CHROMIUM = process.env.KEYFRONT_CHROMIUM ?? '/usr/bin/chromium'
export const SCREENSHOT_DIR = 'test-results'

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
}

export interface TestPorts {
  /** URLs the app asked to open in the browser. */
  opened: string[]
  /** Save dialogs the app showed, and the path each one "chose" (shift one in before the action). */
  saveDialogs: SaveFileRequest[]
  nextSavePaths: (string | undefined)[]
  /** Questions main asked in its own dialog (far-reaching links); each is answered yes. */
  confirmations: Confirmation[]
  /** System notifications main showed (a deployment done), in order. */
  notifications: { title: string; body: string }[]
  /** What the next open dialogs "choose" (files to upload), one list per dialog; empty: cancelled. */
  nextChosenFiles: string[][]
}

export interface E2eApp {
  page: Page
  keyfront: Keyfront
  dataDir: string
  keychainService: string
  ports: TestPorts
  screenshot(name: string): Promise<string>
  /** axe-core violations of impact serious or critical on the current page. */
  seriousA11yViolations(): Promise<string[]>
  close(): Promise<void>
}

let browser: Browser | undefined

async function sharedBrowser(): Promise<Browser> {
  browser ??= await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  return browser
}

export async function closeBrowser(): Promise<void> {
  await browser?.close()
  browser = undefined
}

function serveRenderer(): Promise<{ server: Server; origin: string }> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error('out/renderer is missing: run `npm run build:app` before the e2e tests.')
  }
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(
      /^([/\\])+/,
      '',
    )
    const file = join(RENDERER_DIR, path === '' ? 'index.html' : path)
    if (!file.startsWith(RENDERER_DIR) || !existsSync(file)) {
      response.writeHead(404).end()
      return
    }
    response
      .writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' })
      .end(readFileSync(file))
  })
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      resolve({ server, origin: `http://127.0.0.1:${port}` })
    })
  })
}

/** Runs in the page before any of its scripts: builds window.keyfront exactly as the preload does. */
function installBridge(names: { channels: string[]; events: string[] }, build: typeof buildBridge): void {
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const page = window as unknown as Record<string, unknown>
  page.__keyfrontEmit = (event: string, payload: unknown) =>
    listeners.get(event)?.forEach((listener) => listener(payload))
  const invoke = page.__keyfrontInvoke as (channel: string, request: unknown) => Promise<unknown>
  page.keyfront = build(
    names.channels,
    names.events,
    (channel, request) => invoke(channel, request),
    (event, listener) => {
      const set = listeners.get(event) ?? new Set()
      listeners.set(event, set.add(listener))
      return () => set.delete(listener)
    },
    // No webUtils in Chromium: a test says where its dropped files are (__keyfrontTestDropDir).
    (file) => {
      const dropDir = page.__keyfrontTestDropDir
      return typeof dropDir === 'string' ? `${dropDir}/${file.name}` : ''
    },
  )
}

export async function launchApp(
  options: {
    env?: Record<string, string>
    colorScheme?: 'light' | 'dark'
    /** The browser's language and time zone ("de-DE", "Asia/Tokyo"); the machine's when left out. */
    locale?: string
    timezoneId?: string
    /** Puts files in the data folder before the core starts (say, a damaged history). */
    prepareDataDir?: (dataDir: string) => void
  } = {},
): Promise<E2eApp> {
  Object.assign(process.env, options.env)
  const dataDir = mkdtempSync(join(tmpdir(), 'keyfront-e2e-'))
  options.prepareDataDir?.(dataDir)
  const keychainService = `Keyfront-e2e-${randomBytes(4).toString('hex')}`
  const keyfront = createTestKeyfront({ dataDir, keychainService, version: '0.0.0-e2e' })
  const { server, origin } = await serveRenderer()
  const context = await (
    await sharedBrowser()
  ).newContext({
    viewport: { width: 1200, height: 820 },
    colorScheme: options.colorScheme ?? 'light',
    ...(options.locale && { locale: options.locale }),
    ...(options.timezoneId && { timezoneId: options.timezoneId }),
  })
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin })
  const page = await context.newPage()
  const pageErrors: string[] = []
  page.on('pageerror', (error) => pageErrors.push(error.message))
  const ports: TestPorts = {
    opened: [],
    saveDialogs: [],
    nextSavePaths: [],
    confirmations: [],
    notifications: [],
    nextChosenFiles: [],
  }
  // An event sent while no page listens (before it loads, during a reload) is lost, as Electron's is.
  const emit: Emit = (event, payload) => {
    page
      .evaluate(
        ([name, data]) =>
          (window as unknown as { __keyfrontEmit?: (e: string, p: unknown) => void }).__keyfrontEmit?.(
            name,
            data,
          ),
        [event, payload] as const,
      )
      .catch(() => {})
  }
  const desktop: DesktopPorts = {
    openExternal: async (url) => {
      ports.opened.push(url)
    },
    chooseSavePath: async (request) => {
      ports.saveDialogs.push(request)
      return ports.nextSavePaths.shift()
    },
    confirm: async (question) => {
      ports.confirmations.push(question)
      return true
    },
    chooseFiles: async () => ports.nextChosenFiles.shift() ?? [],
    emit,
    // The tests' CloudFront edge is a local server; the app never sets this in a packaged build.
    liveTestsReachPrivateAddresses: true,
  }
  const dispatch = createRouter(createHandlerTable(keyfront, desktop))
  // As main does: a history moved aside is told to the window as it happens.
  forwardHistoryReset(keyfront, checkedEmit(emit))
  // As main does: deployments are followed (polled every second here) and notified when done.
  const deployments = watchDeployments({
    cloudfront: keyfront.cloudfront,
    settings: keyfront.settings,
    emit: checkedEmit(emit),
    notify: (title, body) => ports.notifications.push({ title, body }),
    log: () => {},
    intervalMs: 1000,
  })
  await page.exposeBinding('__keyfrontInvoke', (_source, channel: string, payload: unknown) =>
    dispatch(channel, payload),
  )
  await page.addInitScript(
    `(${installBridge.toString()})(${JSON.stringify({ channels, events: eventNames })}, ${buildBridge.toString()})`,
  )
  await page.goto(`${origin}/index.html`)
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  return {
    page,
    keyfront,
    dataDir,
    keychainService,
    ports,
    async screenshot(name) {
      const path = join(SCREENSHOT_DIR, `${name}.png`)
      await page.screenshot({ path, fullPage: true })
      return path
    },
    async seriousA11yViolations() {
      const source = readFileSync(join('node_modules', 'axe-core', 'axe.min.js'), 'utf8')
      await page.evaluate(source)
      const violations = await page.evaluate(async () => {
        const axe = (
          window as unknown as {
            axe: {
              run: () => Promise<{
                violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[]
              }>
            }
          }
        ).axe
        return (await axe.run()).violations
      })
      return violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
    },
    async close() {
      deployments.stop()
      if (pageErrors.length) throw new Error(`The page reported errors:\n${pageErrors.join('\n')}`)
      await context.close()
      server.close()
      keyfront.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
