// The preload: exposes exactly one object, `window.keyfront`, built from the IPC contract's names —
// one method per channel and `on()` for events. Raw ipcRenderer never reaches the page. Runs
// sandboxed, so it is bundled into a single CommonJS file; it takes the names without the schemas
// (contract/names.ts), since main validates every call anyway.
import { contextBridge, ipcRenderer, webUtils } from 'electron'
import { channelNames, eventNames } from '../shared/contract/names.ts'
import { buildBridge } from './bridge.ts'

contextBridge.exposeInMainWorld(
  'keyfront',
  buildBridge(
    channelNames,
    eventNames,
    (channel, request) => ipcRenderer.invoke(channel, request),
    (event, listener) => {
      const wrapped = (_event: unknown, payload: unknown) => listener(payload)
      ipcRenderer.on(event, wrapped)
      return () => {
        ipcRenderer.removeListener(event, wrapped)
      }
    },
    (file) => webUtils.getPathForFile(file),
  ),
)
