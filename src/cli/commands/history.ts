// `keyfront history …`: the links made with Keyfront, newest first — list and search, sign one
// again (`copy`), delete an entry, export CSV. Exports carry working links only with
// --include-signed-urls.
import { Option, type Command } from 'commander'
import {
  exportHistory,
  listHistory,
  resolveKeyId,
  signAgain,
  type HistoryActionDeps,
} from '../../core/history/actions.ts'
import type { HistoryFilter, HistoryItem, SignedAgain } from '../../shared/contract/history.ts'
import { describeFromNow, formatUtc } from '../../shared/expiry.ts'
import { clip, table } from '../format.ts'
import { usageError, type Register } from '../program.ts'

interface FilterOptions {
  search?: string
  active?: boolean
  expired?: boolean
  key?: string
  distribution?: string
}

const MAX_LIMIT = 100_000

function addFilterOptions(command: Command): Command {
  return command
    .option(
      '--search <text>',
      'only links whose label or URL has every word of <text> (or words beginning so)',
    )
    .addOption(new Option('--active', 'only links that still work (or start later)').conflicts('expired'))
    .addOption(new Option('--expired', 'only links that have expired').conflicts('active'))
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
  return filter
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
        const kf = ctx.keyfront()
        const limit = parseLimit(options.limit)
        if (kf.history.recoveredFrom !== undefined) {
          ctx.io.stderr(
            `keyfront: the history file could not be read, so it was moved to ${kf.history.recoveredFrom} and a new history started. The links made before are kept in that file.\n`,
          )
        }
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
    .description('sign a link of the history again (for RSA keys: the very same link)')
    .argument('<id>', 'the entry number, as "keyfront history" shows it')
    .action((id: string) =>
      run(async ({ ctx }) => {
        const signed = await signAgain(ctx.keyfront(), entryId(id))
        return { json: signed, text: signedText(signed) }
      }),
    )

  history
    .command('delete')
    .description('delete an entry from the history (the link itself keeps working until it expires)')
    .argument('<id>', 'the entry number, as "keyfront history" shows it')
    .action((id: string) =>
      run(async ({ ctx }) => {
        const kf = ctx.keyfront()
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
      .requiredOption('--csv <file>', 'the CSV file to write')
      .option(
        '--include-signed-urls',
        'add a column of freshly signed, working links (keep the file private)',
      ),
  ).action((options: FilterOptions & { csv: string; includeSignedUrls?: boolean }) =>
    run(async ({ ctx }) => {
      const kf = ctx.keyfront()
      const includeSignedUrls = options.includeSignedUrls === true
      const count = await exportHistory(kf, {
        filter: await toFilter(kf, options),
        path: options.csv,
        includeSignedUrls,
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

function signedText(signed: SignedAgain): string {
  if (signed.kind === 'url') return signed.url
  return signed.cookies.map((cookie) => `Set-Cookie: ${cookie.setCookie}`).join('\n')
}
