// Handlers of the links area: signing (one link or a batch, with progress events and cancel),
// the inspector and its live test, and saving a batch's output where the user chooses.
import { writeFile } from 'node:fs/promises'
import type { Keyfront } from '../../core/app.ts'
import type { linksContract } from '../../shared/contract/links.ts'
import type { DesktopPorts } from './ports.ts'
import { invalidInput, type AreaHandlers } from './router.ts'

export function linksHandlers(kf: Keyfront, ports: DesktopPorts): AreaHandlers<typeof linksContract> {
  const running = new Map<string, AbortController>()
  return {
    'links.sign': (request) => kf.links.sign(request),
    'links.signBatch': async ({ task, ...request }) => {
      if (running.has(task)) throw invalidInput('A batch with this id is already running.')
      const controller = new AbortController()
      running.set(task, controller)
      try {
        return await kf.links.signBatch(request, {
          signal: controller.signal,
          onProgress: (done, total) => ports.emit('task.progress', { task, done, total }),
        })
      } finally {
        running.delete(task)
      }
    },
    'links.cancelBatch': ({ task }) => {
      running.get(task)?.abort()
    },
    'links.inspect': (request) => kf.links.inspect(request),
    'links.testLive': (request) => kf.links.testLive(request),
    'links.saveOutput': async ({ defaultName, text }) => {
      const csv = defaultName.endsWith('.csv')
      const path = await ports.chooseSavePath({
        title: 'Save the signed links',
        defaultName,
        filters: [csv ? { name: 'CSV', extensions: ['csv'] } : { name: 'Text', extensions: ['txt'] }],
      })
      if (path === undefined) return {}
      // Owner-only: the file holds working links.
      await writeFile(path, text, { mode: 0o600 })
      return { path }
    },
  }
}
