// The quick link in the desktop shell: the clipboard's text is signed through the core
// (core/quick-link.ts), the link replaces it on the clipboard, and a notification says until when
// it works. When nothing could be signed the clipboard is left alone and the notification says why
// — even with notifications turned off, since the person just asked for a link and would
// otherwise be left guessing.
import { makeQuickLink, type QuickLinkDeps } from '../core/quick-link.ts'
import { toErrorInfo } from '../shared/errors.ts'
import { worksUntilSentence } from '../shared/link-message.ts'

/** Electron's clipboard answers asynchronously, as the browser's does. */
export interface QuickLinkShell {
  readClipboard(): Promise<string>
  writeClipboard(text: string): Promise<void>
  notify(title: string, body: string): void
  /** Told once a link was made and recorded: the window refreshes History. */
  recorded(): void
}

export function quickLinkAction(deps: QuickLinkDeps, shell: QuickLinkShell): () => Promise<void> {
  return async () => {
    try {
      const { link, where } = await makeQuickLink(deps, await shell.readClipboard())
      await shell.writeClipboard(link.signedUrl)
      if ((await deps.settings.get()).notifications) {
        const sentence = worksUntilSentence(link, { nowMs: deps.clock.now() })
        shell.notify('Link copied', [where, sentence, ...link.warnings].join('\n'))
      }
      shell.recorded()
    } catch (error) {
      shell.notify('No link was made', toErrorInfo(error).message)
    }
  }
}
