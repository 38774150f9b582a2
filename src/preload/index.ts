// The preload: exposes exactly one object, `window.keyfront`, built from the IPC contract — one
// method per channel and `on()` for events. Raw ipcRenderer never reaches the page. Runs
// sandboxed, so it is bundled into a single CommonJS file.
import { contextBridge, ipcRenderer } from 'electron'
import { channels, eventNames } from '../shared/contract/index.ts'
import { buildBridge } from './bridge.ts'

contextBridge.exposeInMainWorld(
  'keyfront',
  buildBridge(
    channels,
    eventNames,
    (channel, request) => ipcRenderer.invoke(channel, request),
    (event, listener) => {
      const wrapped = (_event: unknown, payload: unknown) => listener(payload)
      ipcRenderer.on(event, wrapped)
      return () => {
        ipcRenderer.removeListener(event, wrapped)
      }
    },
  ),
)
