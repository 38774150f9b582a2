// What handlers need from the desktop shell. Electron provides these in main; the e2e harness
// provides test doubles, since Electron's binary cannot run on CI machines.
import type { Emit } from './router.ts'

export interface SaveFileRequest {
  title: string
  defaultName: string
  filters?: { name: string; extensions: string[] }[]
}

export interface DesktopPorts {
  /** Opens an https: URL in the user's browser. */
  openExternal(url: string): Promise<void>
  /** Asks the user where to save a file; undefined when they cancel. */
  chooseSavePath(request: SaveFileRequest): Promise<string | undefined>
  emit: Emit
}
