// Settings: the defaults before anything is saved, changes kept in settings.json (and seen by a
// second process's store), each setting checked — through the store and through the router —
// a default site that must be a site set up here, and a damaged or older file read leniently.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SETTINGS_FILE, SettingsStore } from '../../../../src/core/settings/settings-store.ts'
import { createHandlerTable } from '../../../../src/main/ipc/handlers.ts'
import { createRouter } from '../../../../src/main/ipc/router.ts'
import type { SignedSite } from '../../../../src/shared/contract/cloudfront.ts'
import { DEFAULT_SETTINGS } from '../../../../src/shared/contract/settings.ts'
import { createTestKeyfront } from '../../../harness/keyfront.ts'
import { memoryKeychain } from '../cloudfront/world.ts'

const SITE = { distributionId: 'E2QWRUHAPOMQZL' } as SignedSite

describe('settings', () => {
  let dataDir: string
  let store: SettingsStore
  const sites = async () => [SITE]

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'keyfront-settings-'))
    store = new SettingsStore({ dataDir, sites })
  })
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

  it('starts with a day, no default site, the system theme, notifications on and the shortcut off', async () => {
    expect(await store.get()).toEqual({
      defaultDuration: '1d',
      theme: 'system',
      notifications: true,
      quickLinkShortcut: false,
    })
  })

  it('keeps changes in settings.json, tells listeners, and clears the default site with null', async () => {
    const seen: unknown[] = []
    store.onChange((settings) => seen.push(settings))
    await store.update({ theme: 'dark', defaultDuration: '3d', defaultSite: SITE.distributionId })
    const other = new SettingsStore({ dataDir, sites })
    expect(await other.get()).toEqual({
      ...DEFAULT_SETTINGS,
      theme: 'dark',
      defaultDuration: '3d',
      defaultSite: SITE.distributionId,
    })
    expect(await other.update({ defaultSite: null, quickLinkShortcut: true })).toEqual({
      ...DEFAULT_SETTINGS,
      theme: 'dark',
      defaultDuration: '3d',
      quickLinkShortcut: true,
    })
    expect(JSON.parse(readFileSync(join(dataDir, SETTINGS_FILE), 'utf8'))).not.toHaveProperty('defaultSite')
    expect(seen).toHaveLength(1)
  })

  it('refuses a default site that is not set up here, and a value no setting takes', async () => {
    await expect(store.update({ defaultSite: 'E9NOSUCHSITE' })).rejects.toMatchObject({
      code: 'SITE_NOT_FOUND',
    })
    const wrong = (await store.update({ theme: 'blue' as never }).catch((error: unknown) => error)) as Error
    expect(wrong).toMatchObject({ code: 'INVALID_INPUT' })
    expect(wrong.message).toMatch(/^The setting theme cannot be saved/)
    expect(await store.get()).toEqual(DEFAULT_SETTINGS)
  })

  it('reads a damaged file, or one with settings it does not know, without failing', async () => {
    writeFileSync(join(dataDir, SETTINGS_FILE), '{"theme": "light", "defaultDuration": "9y", "future": 1}')
    expect(await store.get()).toEqual({ ...DEFAULT_SETTINGS, theme: 'light' })
    writeFileSync(join(dataDir, SETTINGS_FILE), 'not json at all')
    expect(await store.get()).toEqual(DEFAULT_SETTINGS)
    expect(await store.update({ notifications: false })).toEqual({
      ...DEFAULT_SETTINGS,
      notifications: false,
    })
  })

  it('answers settings.get and settings.update through the router, refusing unknown or wrong settings', async () => {
    const kf = createTestKeyfront({ dataDir, keychain: memoryKeychain() })
    try {
      const dispatch = createRouter(
        createHandlerTable(kf, {
          openExternal: async () => {},
          chooseSavePath: async () => undefined,
          emit: () => {},
        }),
      )
      expect(await dispatch('settings.get', undefined)).toEqual({ ok: true, value: DEFAULT_SETTINGS })
      expect(await dispatch('settings.update', { theme: 'light' })).toEqual({
        ok: true,
        value: { ...DEFAULT_SETTINGS, theme: 'light' },
      })
      for (const wrong of [
        { colour: 'red' },
        { defaultDuration: '2d' },
        { notifications: 'yes' },
        { defaultSite: 'lower' },
      ]) {
        expect(await dispatch('settings.update', wrong)).toMatchObject({
          ok: false,
          error: { code: 'INVALID_INPUT' },
        })
      }
      expect(await dispatch('settings.update', { defaultSite: 'E2QWRUHAPOMQZL' })).toMatchObject({
        ok: false,
        error: { code: 'SITE_NOT_FOUND' },
      })
    } finally {
      kf.close()
    }
  })
})
