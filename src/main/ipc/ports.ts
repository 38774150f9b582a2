// What handlers need from the desktop shell. Electron provides these in main; the e2e harness
// provides test doubles, since Electron's binary cannot run on CI machines.
import type { Emit } from './router.ts'

export interface SaveFileRequest {
  title: string
  defaultName: string
  filters?: { name: string; extensions: string[] }[]
}

/** A yes/no question main asks in its own dialog (the page cannot answer it for the user). */
export interface Confirmation {
  title: string
  message: string
  detail: string
  /** The label of the button that says yes; the other one cancels. */
  confirmLabel: string
}

export interface DesktopPorts {
  /** Opens an https: URL in the user's browser. */
  openExternal(url: string): Promise<void>
  /** Asks the user where to save a file; undefined when they cancel. */
  chooseSavePath(request: SaveFileRequest): Promise<string | undefined>
  /** Asks the user to pick files to open (upload, a setup file); empty when they cancel. */
  chooseFiles?(request: {
    title: string
    /** One file only (a setup file); several by default. */
    single?: boolean
    filters?: { name: string; extensions: string[] }[]
  }): Promise<string[]>
  emit: Emit
  /** Asks the user to confirm; true for yes. Without it, what needs confirming is refused. */
  confirm?(question: Confirmation): Promise<boolean>
  /**
   * Lets live tests reach loopback, private and link-local addresses: for tests against a local
   * server. The app sets it only in development, never in a packaged build.
   */
  liveTestsReachPrivateAddresses?: boolean
}
