// `keyfront files --site SITE [FOLDER]`: the folders and files of one folder of the site's bucket,
// every page read. Text: one line per entry (folders first, ending with "/"); JSON: the folder,
// its sub-folders, and each file's key (its path on the site), size and time of last change.
import type { FolderPage } from '../../shared/contract/files.ts'
import { formatSize } from '../../shared/file-size.ts'
import { formatUtc } from '../../shared/expiry.ts'
import type { Register } from '../program.ts'

export const registerFiles: Register = (program, run) => {
  program
    .command('files')
    .description("list a folder of a site's S3 bucket (folders end with /)")
    .argument('[folder]', 'the folder on the site, e.g. reports/2026 (default: the top)')
    .requiredOption('--site <site>', 'a distribution onboarded here (id or address)')
    .action((folder: string | undefined, options: { site: string }) =>
      run(async ({ ctx }) => {
        const { files } = await ctx.keyfront()
        const page = await files.listWholeFolder(options.site, folder ?? '')
        return { json: folderJson(page), text: folderText(page) }
      }),
    )
}

function folderJson(page: FolderPage) {
  return {
    folder: page.folder,
    folders: page.folders.map((f) => f.path),
    files: page.files.map((f) => ({
      key: f.path,
      size: f.size,
      ...(f.modified !== undefined && { modified: new Date(f.modified).toISOString() }),
      type: f.type,
      public: f.public,
    })),
  }
}

function folderText(page: FolderPage): string {
  if (page.folders.length === 0 && page.files.length === 0) {
    return `Nothing in ${page.folder || 'the top folder'}.`
  }
  const lines = [
    ...page.folders.map((f) => `${f.name}/`),
    ...page.files.map((f) => {
      const when = f.modified !== undefined ? formatUtc(Math.floor(f.modified / 1000)) : ''
      const open = f.public ? '  (public: opens without a link)' : ''
      return `${f.name}  ${formatSize(f.size)}  ${f.type}  ${when}${open}`
    }),
  ]
  if (page.nextCursor)
    lines.push(`… and more: this folder holds more than ${lines.length.toLocaleString('en-US')} entries.`)
  return lines.join('\n')
}
