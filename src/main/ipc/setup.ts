// Handlers of the setup area: "Share this setup" writes to a path chosen in main's save dialog,
// "Import setup" reads a file chosen in main's open dialog and known to the page by a token only —
// the page never names a path, and the private key never crosses IPC.
import type { Keyfront } from '../../core/app.ts'
import { checkExportPassphrase } from '../../core/keys/key-records.ts'
import type { setupContract } from '../../shared/contract/setup.ts'
import { siteName } from '../../shared/site-link.ts'
import { ChosenFiles } from './chosen-files.ts'
import { fileNameFor } from './keys.ts'
import type { DesktopPorts } from './ports.ts'
import type { AreaHandlers } from './router.ts'

export function setupHandlers(kf: Keyfront, ports: DesktopPorts): AreaHandlers<typeof setupContract> {
  const chosen = new ChosenFiles()
  return {
    'setup.export': async ({ distributionId, passphrase }) => {
      // Refused before the dialog: a short passphrase should not cost the user a trip through it.
      checkExportPassphrase(passphrase)
      const site = (await kf.cloudfront.sites()).find((s) => s.distributionId === distributionId)
      const name = site ? siteName(site) : distributionId
      const path = await ports.chooseSavePath({
        title: `Share the setup of ${name}`,
        defaultName: `${fileNameFor(name)}.keyfront-setup`,
        filters: [{ name: 'Keyfront setup', extensions: ['keyfront-setup'] }],
      })
      if (path === undefined) return { cancelled: true as const }
      // The save dialog already asked before replacing a file.
      await kf.setup.export(distributionId, passphrase, path, { replace: true })
      return { saved: path }
    },
    'setup.chooseFile': async () => {
      const paths =
        (await ports.chooseFiles?.({
          title: 'Choose the setup file to import',
          single: true,
          filters: [
            { name: 'Keyfront setup', extensions: ['keyfront-setup'] },
            { name: 'All files', extensions: ['*'] },
          ],
        })) ?? []
      const [file] = await chosen.add(paths.slice(0, 1))
      return file ? { file } : {}
    },
    'setup.import': ({ token, passphrase }) => {
      const [path] = chosen.pathsOf([token])
      return kf.setup.import(path ?? '', passphrase)
    },
  }
}
