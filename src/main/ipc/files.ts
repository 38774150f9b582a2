// Handlers of the files area: a site's bucket as New link's file browser shows it, and uploading
// files the user chose in main's dialog or dropped on the window (by token: the page never names a
// path), with progress in
// bytes as `task.progress`, a cancel that aborts the upload, and one signed link per file. Links
// working more than a year are confirmed in main's own dialog, as any link's.
import type { Keyfront } from '../../core/app.ts'
import type { filesContract } from '../../shared/contract/files.ts'
import { KeyfrontError } from '../../shared/errors.ts'
import { broadLinkReasons, confirmBroadLink } from './broad-link.ts'
import { ChosenFiles } from './chosen-files.ts'
import type { DesktopPorts } from './ports.ts'
import type { AreaHandlers } from './router.ts'

export function filesHandlers(kf: Keyfront, ports: DesktopPorts): AreaHandlers<typeof filesContract> {
  const chosen = new ChosenFiles()
  const running = new Map<string, AbortController>()
  return {
    'files.browse': ({ distributionId, folder, cursor }) => kf.files.browse(distributionId, folder, cursor),
    'files.choose': async () => ({
      files: await chosen.add((await ports.chooseFiles?.({ title: 'Choose files to share' })) ?? []),
    }),
    // The paths come from the preload, read from File objects the user dropped (webUtils).
    'files.dropped': async ({ paths }) => ({ files: await chosen.add(paths) }),
    'files.share': async ({ task, files: tokens, ...request }) => {
      if (running.has(task)) {
        throw new KeyfrontError('INVALID_INPUT', 'An upload with this id is already running.')
      }
      const paths = chosen.pathsOf(tokens)
      await confirmBroadLink(ports, broadLinkReasons(request, Math.floor(Date.now() / 1000)), 'links')
      const controller = new AbortController()
      running.set(task, controller)
      const total = await chosen.sizeOf(paths)
      const sent = paths.map(() => 0)
      try {
        const shared = await kf.files.share({
          site: request.site,
          files: paths,
          folder: request.folder,
          onConflict: request.onConflict,
          expiresAt: request.expiresAt,
          ...(request.label !== undefined && { label: request.label }),
          signal: controller.signal,
          onProgress: (file, progress) => {
            sent[file] = progress.sent
            ports.emit('task.progress', { task, done: sent.reduce((a, b) => a + b, 0), total })
          },
        })
        return { files: shared }
      } finally {
        running.delete(task)
      }
    },
    'files.cancelShare': ({ task }) => {
      running.get(task)?.abort()
    },
  }
}
