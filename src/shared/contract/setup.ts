// Channels of the setup area: one passphrase-protected file that carries a signing key and the site
// it signs for from one computer to another ("Share this setup" / "Import setup"). The file's bytes
// and the private key never cross IPC: main asks where to save or what to open, and the core
// reads and writes the file.
import { z } from 'zod'
import { channel } from './define.ts'
import { SignedSite } from './cloudfront.ts'
import { ChosenFile } from './files.ts'
import { KeySummary } from './keys.ts'

const Passphrase = z.string().max(1024)

export const SetupImported = z.object({
  key: KeySummary,
  /** True when this computer already held the key (same fingerprint): it was reused, not copied. */
  keyReused: z.boolean(),
  site: SignedSite,
  /** True when the site was known here already; its details were brought up to date. */
  siteUpdated: z.boolean(),
})
export type SetupImported = z.infer<typeof SetupImported>

export const setupContract = {
  /** Asks where to save, then writes the site's setup file, its key encrypted with the passphrase. */
  'setup.export': channel(
    z.object({ distributionId: z.string().min(1).max(64), passphrase: Passphrase }),
    z.union([z.object({ saved: z.string() }), z.object({ cancelled: z.literal(true) })]),
  ),
  /** Asks which setup file to open; none when the user cancels. */
  'setup.chooseFile': channel(z.undefined(), z.object({ file: ChosenFile.optional() })),
  /** Adds the chosen setup file's key (or reuses the one held) and its site. */
  'setup.import': channel(
    z.object({ token: z.string().min(1).max(100), passphrase: Passphrase }),
    SetupImported,
  ),
}
