// Labels and URLs through the router main registers, over the real core: a label the History
// could not show, or one with control characters, is refused with LABEL_INVALID (not a bare
// schema error), a URL with a control character with URL_CONTROL_CHARACTER — and a history file
// that already holds such labels (recorded by an older version) still lists, each label shown
// escaped and cut, instead of one old row failing the whole History.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Keyfront } from '../../../../src/core/app.ts'
import { createHandlerTable } from '../../../../src/main/ipc/handlers.ts'
import { createRouter, type Dispatch } from '../../../../src/main/ipc/router.ts'
import type { HistoryPage } from '../../../../src/shared/contract/history.ts'
import type { Envelope } from '../../../../src/shared/envelope.ts'
import { createTestKeyfront } from '../../../harness/keyfront.ts'
import { record, tempDir } from '../../core/history/fixtures.ts'

const URL_OK = 'https://d111111abcdef8.cloudfront.net/report.pdf'
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600

describe('labels and URLs over IPC', () => {
  let dir: ReturnType<typeof tempDir>
  let kf: Keyfront
  let dispatch: Dispatch

  beforeEach(() => {
    dir = tempDir()
    // The keychain is never opened: every request here is refused before a key is read.
    kf = createTestKeyfront({ dataDir: dir.path, keychainService: `Keyfront-label-ipc-${process.pid}` })
    const ports = { openExternal: async () => {}, chooseSavePath: async () => undefined, emit: () => {} }
    dispatch = createRouter(createHandlerTable(kf, ports))
  })
  afterEach(() => {
    kf.close()
    dir.remove()
  })

  const sign = (request: Record<string, unknown>) =>
    dispatch('links.sign', { key: 'any', url: URL_OK, expiresAt: inAnHour(), ...request })

  it.each([
    ['over 500 characters', 'x'.repeat(501), /501 characters long; a label holds at most 500/],
    ['with a line break', 'one\ntwo', /one line of text/],
    ['with an ESC sequence', 'a\u001b]0;title\u0007', /control character \(\\u001b, character 2\)/],
  ])('refuses a label %s with LABEL_INVALID', async (_, label, message) => {
    const envelope = await sign({ label })
    expect(envelope).toMatchObject({ ok: false, error: { code: 'LABEL_INVALID' } })
    expect(envelope.ok ? '' : envelope.error.message).toMatch(message)
  })

  it('refuses a URL with a control character with URL_CONTROL_CHARACTER', async () => {
    expect(await sign({ url: `${URL_OK}\u001b[2J` })).toMatchObject({
      ok: false,
      error: { code: 'URL_CONTROL_CHARACTER' },
    })
  })

  it('lists a history whose older rows hold labels the rules now refuse, shown escaped and cut', async () => {
    kf.history.record([
      record({ label: `${'L'.repeat(600)}` }),
      record({ label: 'red \u001b[31m\nsecond line' }),
      record({ label: 'fine' }),
    ])
    const envelope = (await dispatch('history.list', { limit: 10 })) as Envelope<HistoryPage>
    expect(envelope.ok, JSON.stringify(envelope).slice(0, 300)).toBe(true)
    const labels = envelope.ok ? envelope.value.entries.map((entry) => entry.label) : []
    expect(labels).toEqual(['fine', 'red \\u001b[31m\\nsecond line', `${'L'.repeat(499)}…`])
  })
})
