// The system notification that an old key can be retired, over the real core (keys.json, History,
// settings.json in a temp data dir; keys in an in-memory keychain): said once per key, only when
// the key's last link has expired, only while notifications are on — and set up with the desktop
// at start, through the fake `electron` module (Electron's binary cannot run here), which records
// each Notification shown.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Keyfront } from '../../../src/core/app.ts'
import { remindRetirableKeys } from '../../../src/main/retire-reminder.ts'
import { createTestKeyfront } from '../../harness/keyfront.ts'
import { memoryKeychain } from '../core/cloudfront/world.ts'

vi.mock('electron', () => import('../../mocks/electron.ts'))

let dataDir: string
let kf: Keyfront
const now = Date.now()

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'keyfront-reminder-'))
  kf = createTestKeyfront({ dataDir, keychain: memoryKeychain(), clock: { now: () => now } })
})
afterEach(() => {
  kf.close()
  rmSync(dataDir, { recursive: true, force: true })
})

/** An uploaded key, replaced and marked retiring, with links expiring after `days` (none if empty). */
async function retiringKey(name: string, keyPairId: string, ...days: number[]): Promise<void> {
  const key = await kf.keys.create({ name, type: 'ecdsa' })
  await kf.keys.setKeyPairId(key.id, keyPairId)
  await kf.keys.markRetiring(key.id)
  for (const [index, day] of days.entries()) {
    const url = `https://d111111abcdef8.cloudfront.net/${name}-${index}.pdf`
    const expiresAt = Math.floor(now / 1000) + day * 86_400
    kf.history.record([
      {
        kind: 'url',
        url,
        resource: url,
        policy: `{"Statement":[{"Resource":"${url}","Condition":{"DateLessThan":{"AWS:EpochTime":${expiresAt}}}}]}`,
        canned: true,
        keyId: key.id,
        keyPairId,
        algorithm: 'ecdsa-sha256',
        expiresAt,
        source: 'app',
      },
    ])
  }
}

describe('the reminder that an old key can be retired', () => {
  it('says it once per key whose last link has expired, in the words of the issue', async () => {
    await retiringKey('Shop 2025', 'K2JCJMDEHXQW5F', -2)
    await retiringKey('Still needed', 'K3GIVENKEYID00', -1, 5)
    await kf.keys.create({ name: 'In use', type: 'ecdsa' })
    const notify = vi.fn()

    await expect(remindRetirableKeys(kf, notify)).resolves.toEqual(['Shop 2025'])
    expect(notify).toHaveBeenCalledTimes(1)
    expect(notify).toHaveBeenCalledWith(
      'Old key “Shop 2025” can be retired',
      expect.stringContaining('retiring it stops nothing'),
    )
    const shop = (await kf.keyLifecycle.statuses()).find((s) => s.status === 'can-be-retired')
    expect(shop?.remindedAt).toBe(now)

    await expect(remindRetirableKeys(kf, notify)).resolves.toEqual([])
    expect(notify).toHaveBeenCalledTimes(1)
  })

  it('says nothing while notifications are off, and says it once they are on again', async () => {
    await retiringKey('Shop 2025', 'K2JCJMDEHXQW5F')
    await kf.settings.update({ notifications: false })
    const notify = vi.fn()
    await expect(remindRetirableKeys(kf, notify)).resolves.toEqual([])
    expect(notify).not.toHaveBeenCalled()

    await kf.settings.update({ notifications: true })
    await expect(remindRetirableKeys(kf, notify)).resolves.toEqual(['Shop 2025'])
  })

  it('is checked when the desktop is set up at start', async () => {
    await retiringKey('Shop 2025', 'K2JCJMDEHXQW5F')
    const electron = (await import('electron')) as unknown as typeof import('../../mocks/electron.ts')
    electron.resetElectron()
    const { setupDesktop } = await import('../../../src/main/desktop.ts')
    const undo = await setupDesktop({
      kf,
      clock: { now: () => now },
      showWindow: () => undefined,
      send: () => {},
      quit: () => {},
      iconPath: '/app/resources/icon.png',
      log: () => {},
    })
    try {
      await vi.waitFor(() =>
        expect(electron.Notification.shown).toContainEqual({
          title: 'Old key “Shop 2025” can be retired',
          body: expect.any(String) as unknown,
        }),
      )
    } finally {
      undo()
    }
  })
})
