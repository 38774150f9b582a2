// Registers the router on ipcMain. Every call is checked first: only our window's main frame may
// call — not an iframe, not another window, not a page the window was somehow navigated to.
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron'
import { channels } from '../../shared/contract/index.ts'
import type { Envelope } from '../../shared/envelope.ts'
import type { Dispatch } from './router.ts'

export function isTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow | undefined): boolean {
  if (!window || window.isDestroyed()) return false
  const contents = window.webContents
  return event.sender === contents && event.senderFrame === contents.mainFrame
}

export function registerIpc(
  ipcMain: IpcMain,
  getWindow: () => BrowserWindow | undefined,
  dispatch: Dispatch,
): void {
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, payload: unknown): Promise<Envelope<unknown>> => {
      if (!isTrustedSender(event, getWindow())) {
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
