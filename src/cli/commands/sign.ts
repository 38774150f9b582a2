// `keyfront sign URL (--key NAME | --key-file PEM --key-pair-id ID) --expires WHEN [...]`: one
// signed URL (or cookie set) on stdout; with no URL, every URL of stdin (one per line) signed on
// worker threads, one signed URL per line in the same order. Notes for people go to stderr, so
// `$(keyfront sign …)` captures just the link. `--site S PATH` signs a path on a distribution
// onboarded from this computer, with its onboarded key unless --key says otherwise; with no PATH,
// every path of stdin on that site, the distribution recorded for each. `--policy FILE|-` signs a
// custom policy given as is, whose conditions replace --expires, --starts, --ip and --resource.
import { Option } from 'commander'
import { readKeyFileText } from '../../core/keys/key-file-text.ts'
import type { KeyChoice } from '../../core/signing/link-service.ts'
import { loadKeyFile } from '../../core/signing/key-file.ts'
import type { SignedSite } from '../../shared/contract/cloudfront.ts'
import { KeyfrontError } from '../../shared/errors.ts'
import { HASH_CHOICES } from '../../shared/contract/link-facts.ts'
import type { HashChoice, SignedLink } from '../../shared/contract/links.ts'
import { describeFromNow, formatLocal, formatUtc, parseTimeInput } from '../../shared/expiry.ts'
import { findSite, siteAddresses, siteLink } from '../../shared/site-link.ts'
import type { CliContext } from '../context.ts'
import { usageError, type Register } from '../program.ts'
import { checkSiteFile } from './file-check.ts'
import { passphraseFrom, siteNotFound } from './shared.ts'

interface SignOptions {
  key?: string
  keyFile?: string
  keyPairId?: string
  passphraseEnv?: string
  expires?: string
  starts?: string
  ip?: string
  resource?: string
  policy?: string
  hash: HashChoice
  cookies?: boolean
  cookieDomain?: string
  label?: string
  site?: string
  /** False with --no-check: sign a --site path without checking the file is there. */
  check: boolean
}

export const registerSign: Register = (program, run) => {
  program
    .command('sign')
    .description('sign a URL; with no URL, sign every URL on standard input (one per line, same order out)')
    .argument('[url]', 'the URL to sign (quote it); with --site, the path of the file')
    .option('--site <site>', 'a distribution onboarded here (id or address): give a path instead of a URL')
    .option('--key <name>', 'a key Keyfront holds (name or id)')
    .option('--key-file <pem>', 'a PEM private key file Keyfront does not hold (with --key-pair-id)')
    .option('--key-pair-id <id>', "that key's CloudFront Key-Pair-Id")
    .option('--passphrase-env <VAR>', "with --key-file: environment variable holding the file's passphrase")
    .option(
      '--expires <when>',
      'when it stops working: 90m, 12h, 7d, 2026-12-01T09:00Z (ISO-8601) or epoch seconds (required unless --policy)',
    )
    .option('--starts <when>', 'when it starts working (same forms)')
    .option('--ip <cidr>', 'only this IPv4 address or CIDR range may open it')
    .option(
      '--resource <pattern>',
      'what the link may open (custom policy): a URL pattern with * and ?, a host pattern like *example.com/*, or * for everything',
    )
    .option(
      '--policy <file>',
      'sign this custom policy (JSON; - reads standard input) instead of --expires/--starts/--ip/--resource',
    )
    .addOption(new Option('--hash <hash>', 'signature hash').choices(HASH_CHOICES).default('sha1'))
    .option('--cookies', 'make signed cookies (Set-Cookie values) instead of a URL')
    .option(
      '--cookie-domain <domain>',
      'with --cookies: their Domain attribute, for a site in front of the distribution',
    )
    .option('--label <text>', 'a note kept with the link in the history')
    .option('--no-check', 'with --site: sign without checking that the file is there')
    .action((url: string | undefined, options: SignOptions) =>
      run(async ({ ctx }) => {
        checkOptions(url, options)
        const policy = options.policy === undefined ? undefined : await readPolicy(ctx, options.policy)
        const site = options.site !== undefined ? await chooseSite(ctx, options.site) : undefined
        const key = await chooseKey(ctx, options, site?.keyId)
        if (url !== undefined) {
          if (site && options.check && !options.cookies)
            await checkSiteFile(ctx, options.site ?? '', url, key)
          const { links } = await ctx.local()
          const one = {
            key,
            url: site ? siteLink(site.host, url) : url,
            ...(site && { distributionId: site.distributionId }),
            cookies: Boolean(options.cookies),
            ...(options.cookieDomain !== undefined && { cookieDomain: options.cookieDomain }),
            ...(options.label !== undefined && { label: options.label }),
          }
          const link =
            policy === undefined
              ? await links.sign({
                  ...one,
                  ...conditionsFrom(options),
                  ...(options.resource !== undefined && { resource: options.resource }),
                })
              : await links.signPolicy({ ...one, policy, hash: options.hash })
          ctx.io.stderr(summary(link))
          const text =
            link.signedUrl ?? (link.cookies ?? []).map((c) => `Set-Cookie: ${c.setCookie}`).join('\n')
          return { json: link, text }
        }
        const label = options.label !== undefined ? { label: options.label } : {}
        return signStdin(ctx, { key, ...conditionsFrom(options), ...label }, options, site)
      }),
    )
}

/** Options that only make sense together (commander checks each on its own). */
function checkOptions(url: string | undefined, options: SignOptions): void {
  if (options.policy !== undefined) {
    const given = (['expires', 'starts', 'ip', 'resource'] as const).filter((o) => options[o] !== undefined)
    if (given.length > 0) {
      throw usageError(
        `The policy says what ${given.map((o) => `--${o}`).join(' and ')} would: leave ${given.length === 1 ? 'it' : 'them'} out, or sign without --policy.`,
      )
    }
    if (url === undefined) {
      throw usageError(
        '--policy signs one link: give the URL it is for (the policy’s Resource must cover it).',
      )
    }
  } else if (options.expires === undefined) {
    throw usageError('Say when the link stops working: --expires 7d (or give a --policy that says it).')
  }
  if (options.cookieDomain !== undefined && !options.cookies) {
    throw usageError('--cookie-domain is an attribute of signed cookies: add --cookies, or leave it out.')
  }
}

function conditionsFrom(options: SignOptions) {
  const now = Date.now()
  return {
    expiresAt: parseTimeInput(options.expires ?? '', now, '--expires'),
    ...(options.starts !== undefined && { startsAt: parseTimeInput(options.starts, now, '--starts') }),
    ...(options.ip !== undefined && { ipAddress: options.ip }),
    hash: options.hash,
  }
}

/** The policy's JSON from a file, or from standard input for `-`. */
async function readPolicy(ctx: CliContext, source: string): Promise<string> {
  if (source === '-') {
    const text = await ctx.io.readStdin()
    if (text === undefined) throw usageError('--policy - reads the policy from standard input: pipe it in.')
    return text
  }
  try {
    return await readKeyFileText(source)
  } catch {
    throw new KeyfrontError(
      'POLICY_FILE_UNREADABLE',
      `Keyfront cannot read the policy file ${source}. Check the path, that you may read it, and that it is a policy (at most 64 KiB).`,
    )
  }
}

/** The site and which of its addresses the link uses: the one named, else its first. */
async function chooseSite(ctx: CliContext, ref: string): Promise<SignedSite & { host: string }> {
  const site = findSite(await (await ctx.keyfront()).cloudfront.sites(), ref)
  if (!site) throw siteNotFound(ref)
  const addresses = siteAddresses(site)
  const host = addresses.find((a) => a.toLowerCase() === ref.trim().toLowerCase()) ?? addresses[0] ?? ''
  return { ...site, host }
}

async function chooseKey(ctx: CliContext, options: SignOptions, siteKey?: string): Promise<KeyChoice> {
  if (options.key !== undefined && options.keyFile !== undefined) {
    throw usageError('Choose one key: --key NAME (a key Keyfront holds) or --key-file PEM, not both.')
  }
  if (options.keyFile !== undefined) {
    if (options.keyPairId === undefined) {
      throw usageError('--key-file needs --key-pair-id ID: the ID CloudFront gave the public key.')
    }
    const passphrase =
      options.passphraseEnv !== undefined ? passphraseFrom(ctx.io, options.passphraseEnv) : undefined
    return loadKeyFile(options.keyFile, options.keyPairId, passphrase)
  }
  if (options.passphraseEnv !== undefined) {
    throw usageError('--passphrase-env goes with --key-file. A held key (--key) needs no passphrase.')
  }
  if (options.keyPairId !== undefined) {
    throw usageError('--key-pair-id goes with --key-file. A held key (--key) already knows its Key-Pair-Id.')
  }
  if (options.key === undefined) {
    if (siteKey !== undefined) return siteKey
    throw usageError('Choose the key: --key NAME, or --key-file PEM --key-pair-id ID.')
  }
  return options.key
}

async function signStdin(
  ctx: CliContext,
  conditions: { key: KeyChoice; expiresAt: number; hash: HashChoice },
  options: SignOptions,
  site: (SignedSite & { host: string }) | undefined,
) {
  if (options.cookies || options.resource !== undefined) {
    throw usageError('--cookies and --resource apply to one URL. Give the URL as an argument.')
  }
  const input = await ctx.io.readStdin()
  if (input === undefined) {
    throw usageError(
      site
        ? 'Give the path of the file (e.g. reports/q3.pdf), or pipe paths to standard input, one per line.'
        : 'Give a URL to sign, or pipe URLs to standard input, one per line.',
    )
  }
  const lines = input
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
  const urls = site ? lines.map((path) => siteLink(site.host, path)) : lines
  const { links } = await ctx.local()
  const result = await links.signBatch({
    ...conditions,
    urls,
    ...(site && { distributionId: site.distributionId }),
  })
  const seconds = result.elapsedMs / 1000
  ctx.io.stderr(
    `Signed ${urls.length} link${urls.length === 1 ? '' : 's'} in ${seconds.toFixed(2)} s, valid until ${formatUtc(result.expiresAt)} (${describeFromNow(result.expiresAt, Date.now())}).\n`,
  )
  for (const warning of result.warnings) ctx.io.stderr(`keyfront: ${warning}\n`)
  return {
    json: {
      links: urls.map((url, i) => ({ url, signedUrl: result.signedUrls[i] })),
      keyPairId: result.keyPairId,
      algorithm: result.algorithm,
      expiresAt: result.expiresAt,
      warnings: result.warnings,
    },
    text: result.signedUrls.join('\n'),
  }
}

function summary(link: SignedLink): string {
  const lines = [
    `Works until ${formatLocal(link.expiresAt)} (${formatUtc(link.expiresAt)}, ${describeFromNow(link.expiresAt, Date.now())}).`,
    ...(link.startsAt !== undefined
      ? [`Starts ${formatUtc(link.startsAt)} (${describeFromNow(link.startsAt, Date.now())}).`]
      : []),
    `Signed with key "${link.keyName}" (Key-Pair-Id ${link.keyPairId}, ${link.algorithm}).`,
    ...link.warnings,
  ]
  return `${lines.join('\n')}\n`
}
