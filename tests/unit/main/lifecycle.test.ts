// The main entry's lifecycle guards: a second instance quits at once and focuses the first;
// navigation guards are installed on every web contents before any window exists.
import { beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => import('../../mocks/electron.ts'))

describe('main entry', () => {
  beforeEach(() => {
    vi.resetModules()
  })

  it('quits when another instance holds the single-instance lock', async () => {
    const { app } = (await import('electron')) as unknown as typeof import('../../mocks/electron.ts')
    app.singleInstanceLock = false
    app.quit.mockClear()
    app.removeAllListeners()
    await import('../../../src/main/index.ts')
    expect(app.requestSingleInstanceLock).toHaveBeenCalled()
    expect(app.quit).toHaveBeenCalled()
    expect(app.listenerCount('web-contents-created')).toBe(0)
  })

  it('with the lock, guards every web contents and waits for ready', async () => {
    const { app } = (await import('electron')) as unknown as typeof import('../../mocks/electron.ts')
    app.singleInstanceLock = true
    app.quit.mockClear()
    app.removeAllListeners()
    await import('../../../src/main/index.ts')
    expect(app.quit).not.toHaveBeenCalled()
    expect(app.listenerCount('web-contents-created')).toBe(1)
    expect(app.listenerCount('second-instance')).toBe(1)
    expect(app.whenReady).toHaveBeenCalled()
  })
})
