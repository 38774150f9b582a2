// `keyfront history …`: the links made with Keyfront, newest first — list and search (or only
// those expiring soon), sign one again (`copy`, while it works), make a new one like it (`renew`),
// delete an entry, export CSV. Exports carry working links only with --include-signed-urls.
// As with `sign`, a new link goes to stdout and notes for people to stderr.
import { Option, type Command } from 'commander'
import {
  copyAgain,
  exportHistory,
  listHistory,
  resolveKeyId,
  type HistoryActionDeps,
} from '../../core/history/actions.ts'
import type { HistoryFilter, HistoryItem, SignedAgain } from '../../shared/contract/history.ts'
import type { RenewedLink } from '../../shared/contract/renewal.ts'
import {
  describeFromNow,
  durationSeconds,
  formatLocal,
  formatUtc,
  parseTimeInput,
} from '../../shared/expiry.ts'
import { clip, table } from '../format.ts'
import { usageError, type Register } from '../program.ts'

interface FilterOptions {
  search?: string
  active?: boolean
  expired?: boolean
  key?: string
  distribution?: string
  expiring?: string
}

const MAX_LIMIT = 100_000
/** The longest "expiring within" the filter takes (as the contract bounds it). */
const MAX_EXPIRING_SECONDS = 366 * 86_400

function addFilterOptions(command: Command): Command {
  return command
    .option(
      '--search <text>',
      'only links whose label or URL has every word of <text> (or words beginning so)',
    )
    .addOption(new Option('--active', 'only links that still work (or start later)').conflicts('expired'))
    .addOption(new Option('--expired', 'only links that have expired').conflicts(['active', 'expiring']))
    .option(
      '--expiring <duration>',
      'only links still working that stop within <duration> (48h, 3d, 2w) and were not renewed',
    )
    .option('--key <name>', 'only links signed with this key (name or id)')
    .option('--distribution <id>', 'only links for this CloudFront distribution')
}

async function toFilter(deps: HistoryActionDeps, options: FilterOptions): Promise<HistoryFilter> {
  const filter: HistoryFilter = {}
  if (options.search !== undefined) filter.search = options.search
  if (options.active) filter.status = 'active'
  if (options.expired) filter.status = 'expired'
  if (options.key !== undefined) filter.keyId = await resolveKeyId(deps, options.key)
  if (options.distribution !== undefined) filter.distributionId = options.distribution
  if (options.expiring !== undefined) filter.expiringWithin = parseExpiring(options.expiring)
  return filter
}

function parseExpiring(text: string): number {
  const seconds = durationSeconds(text)
  if (seconds === undefined || seconds < 60 || seconds > MAX_EXPIRING_SECONDS) {
    throw usageError(
      `--expiring takes a duration from 1 minute to 366 days, like 48h, 3d or 2w ("${text.slice(0, 40)}" is not one).`,
    )
  }
  return seconds
}

function entryId(text: string): number {
  if (!/^[1-9]\d{0,15}$/.test(text)) {
    throw usageError(`"${text.slice(0, 40)}" is not a history entry number. "keyfront history" lists them.`)
  }
  return Number(text)
}

function parseLimit(text: string): number {
  const limit = Number(text)
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw usageError(`--limit takes a whole number from 1 to ${MAX_LIMIT.toLocaleString('en-US')}.`)
  }
  return limit
}

export const registerHistory: Register = (program, run) => {
  const history = program
    .command('history')
    .description('the links made with Keyfront, newest first: list, search, copy again, delete, export')

  // The default: `keyfront history --search T` lists. Filters live on the subcommands only, so
  // that `history export --active` filters the export.
  addFilterOptions(
    history
      .command('list', { isDefault: true })
      .description('list and search the links made (the default: "keyfront history --search T" works too)'),
  )
    .option('--limit <n>', 'how many links to show', '50')
    .action((options: FilterOptions & { limit: string }) =>
      run(async ({ ctx }) => {
        const kf = await ctx.local()
        const limit = parseLimit(options.limit)
        const page = await listHistory(kf, { ...(await toFilter(kf, options)), limit })
        const now = Date.now()
        const more = page.nextCursor ? `\nShowing the newest ${limit}; use --limit to see more.` : ''
        return {
          json: page.entries,
          text: page.entries.length
            ? `${historyTable(page.entries, now)}${more}`
            : 'No links found. Links you make with "keyfront sign" or the app appear here.',
        }
      }),
    )

  history
    .command('copy')
    .description('sign a link of the history again while it works (for RSA keys: the very same link)')
    .argument('<id>', 'the entry number, as "keyfront history" shows it')
    .action((id: string) =>
      run(async ({ ctx }) => {
        const signed = await copyAgain(await ctx.local(), entryId(id))
        return { json: signed, text: signedText(signed) }
      }),
    )

  history
    .command('renew')
    .description(
      'make a new link like an old one: same file, key, label and conditions, working as long again',
    )
    .argument('<id>', 'the entry number, as "keyfront history" shows it')
    .option(
      '--expires <when>',
      'when the new link stops working (default: as long after now as the original worked): 7d, 2026-12-01T09:00Z, epoch seconds',
    )
    .option('--key <name>', 'sign with this key instead (when the original key was deleted)')
    .action((id: string, options: { expires?: string; key?: string }) =>
      run(async ({ ctx }) => {
        const { renewals } = await ctx.local()
        const renewed = await renewals.renew({
          id: entryId(id),
          ...(options.expires !== undefined && {
            expiresAt: parseTimeInput(options.expires, Date.now(), '--expires'),
          }),
          ...(options.key !== undefined && { key: options.key }),
        })
        ctx.io.stderr(renewedSummary(renewed))
        const text =
          renewed.signedUrl ?? (renewed.cookies ?? []).map((c) => `Set-Cookie: ${c.setCookie}`).join('\n')
        return { json: renewed, text }
      }),
    )

  history
    .command('delete')
    .description('delete an entry from the history (the link itself keeps working until it expires)')
    .argument('<id>', 'the entry number, as "keyfront history" shows it')
    .action((id: string) =>
      run(async ({ ctx }) => {
        const kf = await ctx.local()
        const entry = kf.history.get(entryId(id))
        kf.history.delete(entry.id)
        const still =
          entry.expiresAt > Date.now() / 1000
            ? ` The link itself still works until ${formatUtc(entry.expiresAt)}: a signed link cannot be revoked, only its key.`
            : ''
        return { json: { deleted: entry.id }, text: `Deleted entry ${entry.id} from the history.${still}` }
      }),
    )

  addFilterOptions(
    history
      .command('export')
      .description('save the history as CSV (without working links unless --include-signed-urls)')
      .requiredOption('--csv <file>', 'the CSV file to write (a new file, unless --force)')
      .option(
        '--include-signed-urls',
        'add a column of freshly signed, working links (keep the file private)',
      )
      .option('--force', 'replace the file if it exists'),
  ).action((options: FilterOptions & { csv: string; includeSignedUrls?: boolean; force?: boolean }) =>
    run(async ({ ctx }) => {
      const kf = await ctx.local()
      const includeSignedUrls = options.includeSignedUrls === true
      const count = await exportHistory(kf, {
        filter: await toFilter(kf, options),
        path: options.csv,
        includeSignedUrls,
        replace: options.force === true,
      })
      const warning = includeSignedUrls
        ? '\nThe file contains working links: anyone who gets it can open them until they expire.'
        : ''
      return {
        json: { path: options.csv, count },
        text: `Exported ${count} link${count === 1 ? '' : 's'} to ${options.csv}.${warning}`,
      }
    }),
  )
}

function statusText(item: HistoryItem, nowMs: number): string {
  if (item.renewedAs !== undefined) return `${item.status}, renewed as ${item.renewedAs}`
  if (item.status === 'expired') return 'expired'
  if (item.status === 'scheduled' && item.startsAt !== undefined)
    return `starts ${describeFromNow(item.startsAt, nowMs)}`
  return `expires ${describeFromNow(item.expiresAt, nowMs)}`
}

function historyTable(items: HistoryItem[], nowMs: number): string {
  return table([
    ['ID', 'STATUS', 'LABEL', 'URL', 'KEY'],
    ...items.map((item) => [
      String(item.id),
      statusText(item, nowMs),
      clip(item.label ?? '-', 32),
      clip(item.kind === 'cookies' ? `cookies for ${item.resource}` : item.url, 60),
      item.keyName ?? `${item.keyId} (${item.keyFile ? 'key file' : 'deleted'})`,
    ]),
  ])
}

function renewedSummary(link: RenewedLink): string {
  const now = Date.now()
  const entry = link.entryId === undefined ? '' : ` as link ${link.entryId}`
  const lines = [
    `Renewed link ${link.renewedFrom}${entry}: works until ${formatLocal(link.expiresAt)} (${formatUtc(link.expiresAt)}, ${describeFromNow(link.expiresAt, now)}).`,
    ...(link.startsAt !== undefined
      ? [`Starts ${formatUtc(link.startsAt)} (${describeFromNow(link.startsAt, now)}).`]
      : []),
    `Signed with key "${link.keyName}" (Key-Pair-Id ${link.keyPairId}, ${link.algorithm}).`,
    ...link.warnings,
  ]
  return `${lines.join('\n')}\n`
}

function signedText(signed: SignedAgain): string {
  if (signed.kind === 'url') return signed.url
  return signed.cookies.map((cookie) => `Set-Cookie: ${cookie.setCookie}`).join('\n')
}
