// The app shell in Chromium: every area is reachable by mouse and keyboard, each screen shows its
// friendly empty state, passes axe-core, and is saved as a screenshot (light and dark).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeBrowser, launchApp, type E2eApp } from '../harness/e2e.ts'

const AREAS = ['New link', 'History', 'Inspect a link', 'Keys', 'Distributions', 'Settings']

describe('app shell', () => {
  let app: E2eApp
  beforeAll(async () => {
    app = await launchApp()
  })
  afterAll(async () => {
    await app.close()
    await closeBrowser()
  })

  it('opens on the welcome (no key yet) and lists every area in the navigation', async () => {
    const nav = app.page.getByRole('navigation', { name: 'Keyfront' })
    await expect.poll(() => nav.getByRole('button').allInnerTexts()).toEqual(AREAS)
    await expect(app.page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Welcome to Keyfront')
  })

  it('shows each area with its heading, no serious accessibility issue, and a screenshot', async () => {
    for (const area of AREAS) {
      await app.page.getByRole('navigation').getByRole('button', { name: area }).click()
      await expect(app.page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(area)
      const current = app.page.getByRole('navigation').locator('[aria-current="page"]')
      await expect(current.innerText()).resolves.toBe(area)
      expect(await app.seriousA11yViolations()).toEqual([])
      await app.screenshot(`shell-${area.toLowerCase().replace(/\s+/g, '-')}`)
    }
  })

  it('is usable from the keyboard: Tab reaches the areas, Enter opens one and focus moves to its heading', async () => {
    await app.page.getByRole('navigation').getByRole('button', { name: 'New link' }).focus()
    await app.page.keyboard.press('Tab')
    await app.page.keyboard.press('Enter')
    await expect(app.page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('History')
    await expect(app.page.evaluate(() => document.activeElement?.tagName)).resolves.toBe('H1')
    const outline = await app.page.evaluate(() => {
      const button = [...document.querySelectorAll('nav button')][2] as HTMLElement
      button.focus()
      return getComputedStyle(button).outlineStyle
    })
    expect(outline).not.toBe('none')
  })

  it('shows the data folder on Settings, read through the bridge from the core', async () => {
    await app.page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click()
    await app.page.getByText(app.dataDir, { exact: true }).waitFor()
  })
})

describe('app shell in dark mode', () => {
  it('follows the OS theme', async () => {
    const app = await launchApp({ colorScheme: 'dark' })
    const background = await app.page.evaluate(
      () => getComputedStyle(document.documentElement).backgroundColor,
    )
    expect(background).toBe('rgb(22, 24, 29)')
    expect(await app.seriousA11yViolations()).toEqual([])
    await app.screenshot('shell-dark')
    await app.close()
    await closeBrowser()
  })
})
