// Handlers of the keys area: the Keys screen's requests, mapped to the core's KeyService. Only
// summaries and public keys go back; exporting a private key writes it (encrypted) to a file the
// user chose in a save dialog, so its bytes never cross IPC.
import type { Keyfront } from '../../core/app.ts'
import { checkExportPassphrase } from '../../core/keys/key-records.ts'
import type { keysContract } from '../../shared/contract/keys.ts'
import type { DesktopPorts } from './ports.ts'
import type { AreaHandlers } from './router.ts'

export function keysHandlers(kf: Keyfront, ports: DesktopPorts): AreaHandlers<typeof keysContract> {
  return {
    'keys.list': () => kf.keys.list(),
    'keys.create': (request) => kf.keys.create(request),
    'keys.import': (request) => kf.keys.import(request),
    'keys.show': ({ ref }) => kf.keys.show(ref),
    'keys.rename': ({ ref, name }) => kf.keys.rename(ref, name),
    'keys.setKeyPairId': ({ ref, keyPairId }) => kf.keys.setKeyPairId(ref, keyPairId),
    'keys.delete': ({ ref }) => kf.keys.delete(ref),
    'keys.createKms': (request) => kf.kmsKeys.create(request),
    'keys.addKms': (request) => kf.kmsKeys.add(request),
    'keys.scheduleKmsDeletion': ({ ref, days }) => kf.kmsKeys.scheduleDeletion(ref, days),
    'keys.exportPrivate': async ({ ref, passphrase }) => {
      const key = await kf.keys.findExportable(ref)
      checkExportPassphrase(passphrase)
      const path = await ports.chooseSavePath({
        title: `Export the private key "${key.name}"`,
        defaultName: `${fileNameFor(key.name)}.private.pem`,
        filters: [{ name: 'Encrypted private key (PEM)', extensions: ['pem'] }],
      })
      if (path === undefined) return { cancelled: true as const }
      // The save dialog already asked before replacing a file.
      await kf.keys.exportPrivateKey(ref, passphrase, path, { replace: true })
      return { saved: path }
    },
  }
}

/** A key name made safe as a file name on every OS. */
export function fileNameFor(name: string): string {
  return name.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^[-.]+|-+$/g, '') || 'key'
}
