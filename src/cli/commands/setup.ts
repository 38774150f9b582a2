// `keyfront setup export|import`: a site and the key that signs for it, in one passphrase-protected
// file for a colleague's computer. The passphrase comes only from an environment variable named on
// the command line (--passphrase-env), so it never lands in the shell history.
import { siteAddresses } from '../../shared/site-link.ts'
import type { Register } from '../program.ts'
import { passphraseFrom } from './shared.ts'

const PASSPHRASE_HELP = 'environment variable holding the passphrase (8 characters or more)'

export const registerSetup: Register = (program, run) => {
  const setup = program
    .command('setup')
    .description('share a site and its key with another computer, in one passphrase-protected file')

  setup
    .command('export')
    .description("save a site's setup: its key and where it signs for, encrypted with the passphrase")
    .requiredOption('--site <site>', 'the site (id or address; see keyfront cloudfront sites)')
    .requiredOption('--out <file>', 'where to save it (a new file, unless --force); readable only by you')
    .requiredOption('--passphrase-env <VAR>', PASSPHRASE_HELP)
    .option('--force', 'replace the file if it exists')
    .action((options: { site: string; out: string; passphraseEnv: string; force?: boolean }) =>
      run(async ({ ctx }) => {
        const passphrase = passphraseFrom(ctx.io, options.passphraseEnv)
        const site = await (
          await ctx.keyfront()
        ).setup.export(options.site, passphrase, options.out, {
          replace: options.force === true,
        })
        return {
          json: { saved: options.out, distributionId: site.distributionId },
          text: `Saved the setup of ${siteAddresses(site)[0] ?? site.distributionId} to ${options.out}. Send the file and, separately (say, by phone), its passphrase.`,
        }
      }),
    )

  setup
    .command('import')
    .description('add the key and the site of a setup file, ready to make links')
    .argument('<file>', 'the setup file')
    .requiredOption('--passphrase-env <VAR>', 'environment variable holding its passphrase')
    .action((file: string, options: { passphraseEnv: string }) =>
      run(async ({ ctx }) => {
        const passphrase = passphraseFrom(ctx.io, options.passphraseEnv)
        const result = await (await ctx.keyfront()).setup.import(file, passphrase)
        const keyLine = result.keyReused
          ? `This computer already held its key, as "${result.key.name}"; that one is used.`
          : `Added the key "${result.key.name}" to the OS keychain.`
        const siteLine = result.siteUpdated
          ? `The site ${result.site.distributionId} was already here; its details are now up to date.`
          : `Added the site ${result.site.distributionId} (${siteAddresses(result.site).join(', ')}).`
        return {
          json: result,
          text: `${keyLine}\n${siteLine}\nMake links with: keyfront sign --site ${result.site.distributionId} PATH --expires 7d`,
        }
      }),
    )
}
