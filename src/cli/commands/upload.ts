// `keyfront upload FILE... --site SITE [--to FOLDER] [--replace | --keep-both] --expires WHEN`:
// puts the files in the site's bucket (without --to: in the site's upload folder), then prints one signed link per file (in the order given),
// each recorded in the history. An existing file is never replaced silently: without --replace or
// --keep-both the command stops before uploading anything. Ctrl-C cancels and removes the parts.
import type { ConflictChoice } from '../../shared/contract/files.ts'
import { formatSize } from '../../shared/file-size.ts'
import { describeFromNow, formatUtc, parseTimeInput } from '../../shared/expiry.ts'
import { usageError, type Register } from '../program.ts'

interface UploadOptions {
  site: string
  to?: string
  replace?: boolean
  keepBoth?: boolean
  expires?: string
  label?: string
}

export const registerUpload: Register = (program, run) => {
  program
    .command('upload')
    .description("upload files to a site's S3 bucket and print a signed link to each")
    .argument('<file...>', 'the files to upload')
    .requiredOption('--site <site>', 'a distribution onboarded here (id or address)')
    .option(
      '--to <folder>',
      "the folder on the site to put them in (default: the site's upload folder, else the top)",
    )
    .option('--replace', 'replace a file of the same name already there')
    .option('--keep-both', 'keep a file of the same name already there; the new one gets " (2)"')
    .option('--expires <when>', 'when the links stop working: 90m, 12h, 7d, an ISO-8601 time (required)')
    .option('--label <text>', 'a note kept with each link in the history')
    .action((paths: string[], options: UploadOptions) =>
      run(async ({ ctx }) => {
        const onConflict = conflictChoice(options)
        if (options.expires === undefined) {
          throw usageError('Say when the links stop working: --expires 7d.')
        }
        const expiresAt = parseTimeInput(options.expires, Date.now(), '--expires')
        const { files } = await ctx.keyfront()
        const cancel = new AbortController()
        const stop = () => cancel.abort()
        process.once('SIGINT', stop)
        try {
          const shared = await files.share({
            site: options.site,
            files: paths,
            ...(options.to !== undefined && { folder: options.to }),
            onConflict,
            expiresAt,
            ...(options.label !== undefined && { label: options.label }),
            signal: cancel.signal,
          })
          for (const file of shared) ctx.io.stderr(`Uploaded ${file.path} (${formatSize(file.bytes)}).\n`)
          ctx.io.stderr(
            `The link${shared.length === 1 ? ' works' : 's work'} until ${formatUtc(expiresAt)} (${describeFromNow(expiresAt, Date.now())}).\n`,
          )
          return {
            json: shared.map((f) => ({ key: f.path, bytes: f.bytes, url: f.url, historyId: f.historyId })),
            text: shared.map((f) => f.url).join('\n'),
          }
        } finally {
          process.off('SIGINT', stop)
        }
      }),
    )
}

function conflictChoice(options: UploadOptions): ConflictChoice {
  if (options.replace && options.keepBoth) {
    throw usageError('Choose one: --replace (the new file takes the name) or --keep-both (it gets " (2)").')
  }
  return options.replace ? 'replace' : options.keepBoth ? 'keep-both' : 'refuse'
}
