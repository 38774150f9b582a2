// Sharing a file: a folder of a site's bucket as the browser shows it, what an upload made, and
// whether the file a link points to is there. Paths are the site's paths (what follows the site's
// address), never raw bucket keys: the origin path, if any, stays inside the core.
import { z } from 'zod'
import { DistributionId } from './cloudfront.ts'
import { channel } from './define.ts'

export const FolderEntry = z.object({
  /** The sub-folder's path on the site, ending with "/". */
  path: z.string(),
  name: z.string(),
})
export type FolderEntry = z.infer<typeof FolderEntry>

export const FileEntry = z.object({
  /** The file's path on the site (what "Where is the file?" takes). */
  path: z.string(),
  name: z.string(),
  size: z.number().int().nonnegative(),
  /** Epoch milliseconds of the last change. */
  modified: z.number().optional(),
  /** What kind of file it is, in a word or two ("PDF", "JPEG image"). */
  type: z.string(),
  /** True when no behavior of the site restricts this path: it opens without a signed link. */
  public: z.boolean(),
})
export type FileEntry = z.infer<typeof FileEntry>

/** One page of a folder's listing (S3 returns at most 1,000 entries a page). */
export const FolderPage = z.object({
  /** The folder's path on the site ("" for the top, else ending with "/"). */
  folder: z.string(),
  folders: z.array(FolderEntry),
  files: z.array(FileEntry),
  /** Pass it back (as `cursor`) to read the next page; absent on the last one. */
  nextCursor: z.string().optional(),
  /**
   * Set when this computer cannot list the bucket: no AWS access, S3 refused (ListBucket), or the
   * site's files do not come from S3 (`SITE_ORIGIN_NOT_S3`). The bucket, when it is known.
   */
  unavailable: z.object({ code: z.string(), message: z.string(), bucket: z.string().optional() }).optional(),
})
export type FolderPage = z.infer<typeof FolderPage>

export const ConflictChoice = z.enum(['refuse', 'replace', 'keep-both'])
export type ConflictChoice = z.infer<typeof ConflictChoice>

/** Whether the file a link points to is there, and how Keyfront knows. */
export const FileCheck = z.discriminatedUnion('found', [
  z.object({
    found: z.literal(true),
    path: z.string(),
    /** Known when S3 said (HeadObject) or the edge sent Content-Range. */
    size: z.number().int().nonnegative().optional(),
    type: z.string().optional(),
    how: z.enum(['s3', 'link']),
  }),
  z.object({
    found: z.literal(false),
    path: z.string(),
    /** Names in the same folder that are close to the one asked for, nearest first. */
    nearest: z.array(z.string()),
    how: z.enum(['s3', 'link']),
  }),
  z.object({
    found: z.literal('unknown'),
    path: z.string(),
    /** Why Keyfront could not tell, in plain words. */
    reason: z.string(),
  }),
])
export type FileCheck = z.infer<typeof FileCheck>

export const BrowseRequest = z.object({
  distributionId: DistributionId,
  /** The folder's path on the site ("" for the top). */
  folder: z.string().max(1024),
  cursor: z.string().max(4096).optional(),
})
export type BrowseRequest = z.infer<typeof BrowseRequest>

/** A file on this computer the user chose, as the page knows it: never its path, only a token. */
export const ChosenFile = z.object({
  token: z.string(),
  name: z.string(),
  size: z.number().int().nonnegative(),
})
export type ChosenFile = z.infer<typeof ChosenFile>

const Task = z.string().min(1).max(100)

export const ShareRequest = z.object({
  /** Ties progress events (`task.progress`, in bytes) and files.cancelShare to this upload. */
  task: Task,
  /** The site by one of its addresses (the links use it) or its distribution id. */
  site: z.string().min(1).max(253),
  /** Tokens of files the user chose (files.choose). */
  files: z.array(z.string().max(100)).min(1).max(100),
  folder: z.string().max(1024),
  onConflict: ConflictChoice,
  expiresAt: z.number().int(),
  /** Bounded for transport only: the core says why a label cannot be kept. */
  label: z.string().max(10_000).optional(),
})
export type ShareRequest = z.infer<typeof ShareRequest>

export const SharedFile = z.object({
  path: z.string(),
  bytes: z.number().int().nonnegative(),
  url: z.string(),
  historyId: z.number().int().optional(),
})
export type SharedFile = z.infer<typeof SharedFile>

export const filesContract = {
  /** One page of a folder of the site's bucket (ListObjectsV2 with "/" as delimiter). */
  'files.browse': channel(BrowseRequest, FolderPage),
  /** Main's open dialog: the files the user picks, by token (their paths stay in main). */
  'files.choose': channel(z.undefined(), z.object({ files: z.array(ChosenFile) })),
  /**
   * Files dropped on the window, by the paths the preload read from the dropped File objects. Not
   * on window.keyfront as such: the page calls `dropFiles(files)`, so it can only pass what was
   * really dropped (a File the page made itself has no path).
   */
  'files.dropped': channel(
    z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(100) }),
    z.object({ files: z.array(ChosenFile) }),
  ),
  /** Uploads chosen files to the site's bucket, then one link per file; progress as `task.progress`. */
  'files.share': channel(ShareRequest, z.object({ files: z.array(SharedFile) })),
  /** Cancels an upload: its multipart upload is aborted and nothing is kept. */
  'files.cancelShare': channel(z.object({ task: Task }), z.undefined()),
}

/** Channels the preload offers only through its own methods (`dropFiles`), never by name. */
export const PRELOAD_ONLY_CHANNELS = ['files.dropped'] as const
