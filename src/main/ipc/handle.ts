// Registers the router on ipcMain. Every call is checked first: only our window's main frame may
// call — not an iframe, not another window — and only while it shows the app's own page (the
// built file, or the dev server in development), not a page it was somehow navigated to.
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron'
import { channels } from '../../shared/contract/index.ts'
import type { Envelope } from '../../shared/envelope.ts'
import type { Dispatch } from './router.ts'

export function isTrustedSender(
  event: IpcMainInvokeEvent,
  window: BrowserWindow | undefined,
  isAppPage: (url: string) => boolean,
): boolean {
  if (!window || window.isDestroyed()) return false
  const contents = window.webContents
  const frame = event.senderFrame
  return event.sender === contents && frame !== null && frame === contents.mainFrame && isAppPage(frame.url)
}

export function registerIpc(
  ipcMain: IpcMain,
  getWindow: () => BrowserWindow | undefined,
  dispatch: Dispatch,
  isAppPage: (url: string) => boolean,
): void {
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, payload: unknown): Promise<Envelope<unknown>> => {
      if (!isTrustedSender(event, getWindow(), isAppPage)) {
        return {
          ok: false,
          error: {
            code: 'UNTRUSTED_SENDER',
            message: 'Request refused: it did not come from the Keyfront window.',
          },
        }
      }
      return dispatch(channel, payload)
    })
  }
}
