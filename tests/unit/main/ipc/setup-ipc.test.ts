// The setup channels through the real router and handler table, over the real core (keychain in
// memory: the real one is covered in tests/keychain): a short passphrase refused before any dialog,
// a cancelled dialog, a file chosen in main's dialog known to the page by a token only, a wrong
// passphrase with its own code — and no private key or passphrase in any answer.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Keyfront } from '../../../../src/core/app.ts'
import { SignedSites } from '../../../../src/core/cloudfront/signed-sites.ts'
import { createHandlerTable } from '../../../../src/main/ipc/handlers.ts'
import type { SaveFileRequest } from '../../../../src/main/ipc/ports.ts'
import { createRouter, type Dispatch } from '../../../../src/main/ipc/router.ts'
import { createTestKeyfront } from '../../../harness/keyfront.ts'
import { memoryKeychain } from '../../core/cloudfront/world.ts'

const PASSPHRASE = 'a long enough passphrase'
const ID = 'E2QWRUHAPOMQZL'

let kf: Keyfront
let dispatch: Dispatch
let dataDir: string
const saveDialogs: SaveFileRequest[] = []
const nextSavePaths: (string | undefined)[] = []
const openDialogs: unknown[] = []
const nextChosen: string[][] = []

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'keyfront-setup-ipc-'))
  kf = createTestKeyfront({ dataDir, keychain: memoryKeychain() })
  const key = await kf.keys.create({ name: 'Reports key', type: 'rsa' })
  await kf.keys.recordUpload(key.id, { keyPairId: 'K2JCJMDEHXQW5F', accountId: '123456789012' })
  await new SignedSites(dataDir).remember({
    distributionId: ID,
    domainName: 'd111111abcdef8.cloudfront.net',
    aliases: ['files.example.com'],
    keyId: key.id,
    keyPairId: 'K2JCJMDEHXQW5F',
    keyGroupId: 'group-1',
    keyGroupName: `keyfront-${ID}`,
    restrictedPaths: ['/private/*'],
    accountId: '123456789012',
    onboardedAt: 0,
    name: 'Board papers',
  })
  dispatch = createRouter(
    createHandlerTable(kf, {
      openExternal: async () => {},
      chooseSavePath: async (request) => {
        saveDialogs.push(request)
        return nextSavePaths.shift()
      },
      chooseFiles: async (request) => {
        openDialogs.push(request)
        return nextChosen.shift() ?? []
      },
      emit: () => {},
    }),
  )
})
afterAll(() => {
  kf.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('setup channels', () => {
  const file = () => join(dataDir, 'board.keyfront-setup')

  it('refuses a short passphrase before showing the save dialog', async () => {
    const answer = await dispatch('setup.export', { distributionId: ID, passphrase: 'short' })
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(saveDialogs).toEqual([])
  })

  it('offers a file name from the site’s name, and answers "cancelled" when the dialog is', async () => {
    nextSavePaths.push(undefined)
    const answer = await dispatch('setup.export', { distributionId: ID, passphrase: PASSPHRASE })
    expect(answer).toEqual({ ok: true, value: { cancelled: true } })
    expect(saveDialogs[0]).toMatchObject({
      title: 'Share the setup of Board papers',
      defaultName: 'Board-papers.keyfront-setup',
    })
  })

  it('saves to the chosen path and answers only the path', async () => {
    nextSavePaths.push(file())
    const answer = await dispatch('setup.export', { distributionId: ID, passphrase: PASSPHRASE })
    expect(answer).toEqual({ ok: true, value: { saved: file() } })
  })

  it('imports only a file chosen in main’s dialog, by its token', async () => {
    const forged = await dispatch('setup.import', { token: 'made-up', passphrase: PASSPHRASE })
    expect(forged).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    await expect(dispatch('setup.chooseFile', undefined)).resolves.toEqual({ ok: true, value: {} })
    nextChosen.push([file(), join(dataDir, 'other')])
    const chosen = await dispatch('setup.chooseFile', undefined)
    expect(openDialogs.at(-1)).toMatchObject({ single: true })
    if (!chosen.ok) throw new Error(chosen.error.code)
    const { file: picked } = chosen.value as { file: { token: string; name: string } }
    expect(picked.name).toBe('board.keyfront-setup')
    expect(JSON.stringify(chosen.value)).not.toContain(dataDir)

    const wrong = await dispatch('setup.import', { token: picked.token, passphrase: 'not it at all' })
    expect(wrong).toMatchObject({ ok: false, error: { code: 'SETUP_PASSPHRASE_WRONG' } })
    const right = await dispatch('setup.import', { token: picked.token, passphrase: PASSPHRASE })
    expect(right).toMatchObject({
      ok: true,
      value: { keyReused: true, siteUpdated: true, site: { distributionId: ID, name: 'Board papers' } },
    })
    const text = JSON.stringify(right)
    expect(text).not.toContain('PRIVATE KEY')
    expect(text).not.toContain(PASSPHRASE)
  })
})
