// Handlers of the links area: signing (one link or a batch, with progress events and cancel),
// the inspector and its live test, and saving a batch's output or a link's QR code where the user
// chooses. Far-reaching links are confirmed by the user first (broad-link.ts); live tests ask
// public hosts only.
import type { Keyfront } from '../../core/app.ts'
import { testLive } from '../../core/signing/inspect/live-test.ts'
import { writeOutputFile } from '../../core/output-file.ts'
import type { linksContract } from '../../shared/contract/links.ts'
import { broadLinkReasons, confirmBroadLink } from './broad-link.ts'
import type { DesktopPorts } from './ports.ts'
import { qrImageContent } from './qr-file.ts'
import { invalidInput, type AreaHandlers } from './router.ts'

export function linksHandlers(kf: Keyfront, ports: DesktopPorts): AreaHandlers<typeof linksContract> {
  const running = new Map<string, AbortController>()
  const signedHere = new RecentUrls()
  const nowSeconds = () => Math.floor(Date.now() / 1000)
  return {
    'links.sign': async (request) => {
      await confirmBroadLink(ports, broadLinkReasons(request, nowSeconds()), 'link')
      const link = await kf.links.sign(request)
      signedHere.add(link.url)
      return link
    },
    'links.signBatch': async ({ task, ...request }) => {
      if (running.has(task)) throw invalidInput('A batch with this id is already running.')
      await confirmBroadLink(ports, broadLinkReasons(request, nowSeconds()), 'links')
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
    'links.testLive': (request) =>
      testLive(request, {
        allowPrivateAddresses: ports.liveTestsReachPrivateAddresses === true,
        // A link's own address without its signature, to show CloudFront refuses it (onboarding).
        allowUnsigned: request.url === undefined && signedHere.has(request.input.trim()),
      }),
    'links.saveOutput': async ({ defaultName, text }) => {
      const csv = defaultName.endsWith('.csv')
      const path = await ports.chooseSavePath({
        title: 'Save the signed links',
        // The renderer only suggests a name: where to save is the user's choice in the dialog.
        defaultName: defaultName.split(/[/\\]/).pop() || 'signed-links.txt',
        filters: [csv ? { name: 'CSV', extensions: ['csv'] } : { name: 'Text', extensions: ['txt'] }],
      })
      if (path === undefined) return {}
      // Owner-only, since the file holds working links; the dialog already asked before replacing one.
      await writeOutputFile(path, { replace: true }, (out) => out.write(text))
      return { path }
    },
    'links.saveQrCode': async ({ format, defaultName, image }) => {
      const content = qrImageContent(format, image)
      const path = await ports.chooseSavePath({
        title: 'Save the QR code',
        defaultName: defaultName.split(/[/\\]/).pop() || `qr-code.${format}`,
        filters: [
          format === 'png'
            ? { name: 'PNG image', extensions: ['png'] }
            : { name: 'SVG image', extensions: ['svg'] },
        ],
      })
      if (path === undefined) return {}
      // Owner-only like the links themselves: the code opens the file for whoever scans it.
      await writeOutputFile(path, { replace: true }, (out) =>
        typeof content === 'string' ? out.write(content) : out.writeBytes(content),
      )
      return { path }
    },
  }
}

/** The addresses of the last links signed here (a few dozen: the live test needs only the latest). */
class RecentUrls {
  readonly #urls = new Set<string>()
  add(url: string): void {
    this.#urls.delete(url)
    this.#urls.add(url)
    if (this.#urls.size > 50) this.#urls.delete(this.#urls.values().next().value ?? '')
  }
  has(url: string): boolean {
    return this.#urls.has(url)
  }
}
