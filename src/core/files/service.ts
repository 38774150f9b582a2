// FilesService: sharing a file on a site — list a folder of the site's bucket, upload files from
// this computer (never overwriting an existing file unless told to), make one signed link per
// uploaded file, and check that the file a link points to is there. Every S3 call uses the site's
// AWS profile; checking also works without any AWS access, by asking the link itself.
import { open, type FileHandle } from 'node:fs/promises'
import { basename } from 'node:path'
import type { SignedSite } from '../../shared/contract/cloudfront.ts'
import type { ConflictChoice, FileCheck, FolderPage } from '../../shared/contract/files.ts'
import type { LiveTestResult } from '../../shared/contract/links.ts'
import { KeyfrontError, isKeyfrontError } from '../../shared/errors.ts'
import { findSite, siteAddresses, siteLink } from '../../shared/site-link.ts'
import type { AwsClientFactory } from '../aws/clients.ts'
import type { Clock } from '../clock.ts'
import type { HistoryStore } from '../history/history-store.ts'
import type { SigningKeySource } from '../keys/signing-key.ts'
import { withSession, type OriginSession, type ProfileResolver } from '../origin/session.ts'
import type { KeyChoice, LinkService } from '../signing/link-service.ts'
import { linkMaker } from '../signing/sdk-signer.ts'
import { prepareUrl } from '../signing/url.ts'
import { checkFromLiveAnswer, headFile, nearestNames } from './existence.ts'
import { listFolderPage } from './listing.ts'
import { checkKey, folderOf, keepBothPath, keyOfPath, uploadPath, type SiteBucket } from './object-keys.ts'
import { siteBucket } from './site-origin.ts'
import { uploadFile, type UploadProgress } from './upload.ts'

/** A whole folder is read in pages of 1,000; past this many pages the CLI stops and says so. */
const LIST_PAGES_MAX = 1000
/** What keeps this computer from listing a site's bucket (as opposed to a failure worth raising). */
const NO_S3_ACCESS = new Set<string>([
  'SITE_ORIGIN_NOT_S3',
  'AWS_ACCESS_DENIED',
  'AWS_NO_CREDENTIALS',
  'AWS_CREDENTIALS_INVALID',
  'AWS_SSO_EXPIRED',
  'AWS_PROFILE_NOT_FOUND',
])
/** The probe link of a check lives this long (it is never shown or recorded). */
const PROBE_SECONDS = 300

export interface FilesServiceDeps {
  aws: AwsClientFactory
  accounts: ProfileResolver
  sites: () => Promise<SignedSite[]>
  /** Loads the key that signs a check's probe link. */
  keys: SigningKeySource
  links: Pick<LinkService, 'sign'>
  /**
   * The history: to name the entry each shared link was recorded as, and, without S3 access, to
   * find the paths used before that are nearest to one with no file.
   */
  history: () => Pick<HistoryStore, 'findByPolicy' | 'pathsOf'>
  clock: Clock
  /** Asks CloudFront for the first byte of a signed link (the inspector's live test by default). */
  probe?: (signedUrl: string) => Promise<LiveTestResult>
}

export interface UploadRequest {
  /** The site's id or one of its addresses. */
  site: string
  /** Files on this computer the user chose. */
  files: readonly string[]
  /** The folder on the site to put them in ("" for the top; absent: the site's upload folder). */
  folder?: string
  onConflict: ConflictChoice
  signal?: AbortSignal
  /** Called as bytes go out: which file (index into `files`), and how far it is. */
  onProgress?: (file: number, progress: UploadProgress) => void
}

export interface UploadedFile {
  /** The file's path on the site (its key, without the origin path). */
  path: string
  bytes: number
}

export interface ShareRequest extends UploadRequest {
  expiresAt: number
  label?: string
}

export interface SharedFile extends UploadedFile {
  /** The signed link. */
  url: string
  historyId?: number
}

interface OpenFile {
  handle: FileHandle
  name: string
  size: number
}

export class FilesService {
  readonly #deps: FilesServiceDeps

  constructor(deps: FilesServiceDeps) {
    this.#deps = deps
  }

  /**
   * One page of a folder; pass `cursor` (a page's nextCursor) for the next. When this computer may
   * not list the bucket, the page is empty and says why (`unavailable`), so the app can offer the
   * typed path instead; other failures are thrown.
   */
  async browse(siteRef: string, folder: string, cursor?: string): Promise<FolderPage> {
    const site = await this.#site(siteRef)
    let where: SiteBucket | undefined
    try {
      return await this.#session(site, async (session) => {
        where = await siteBucket(session, site)
        return listFolderPage(session, site, where, folder, cursor)
      })
    } catch (error) {
      if (!isKeyfrontError(error) || !NO_S3_ACCESS.has(error.code)) throw error
      const unavailable = { code: error.code, message: error.message, ...(where && { bucket: where.bucket }) }
      return { folder: folderOf(folder), folders: [], files: [], unavailable }
    }
  }

  /** The whole folder, every page read. */
  async listWholeFolder(siteRef: string, folder: string): Promise<FolderPage> {
    const site = await this.#site(siteRef)
    return this.#session(site, async (session) => {
      const where = await siteBucket(session, site)
      let page = await listFolderPage(session, site, where, folder)
      const all: FolderPage = { folder: page.folder, folders: [...page.folders], files: [...page.files] }
      for (let read = 1; page.nextCursor && read < LIST_PAGES_MAX; read++) {
        page = await listFolderPage(session, site, where, folder, page.nextCursor)
        all.folders.push(...page.folders)
        all.files.push(...page.files)
      }
      return page.nextCursor ? { ...all, nextCursor: page.nextCursor } : all
    })
  }

  /** Uploads every file, or none when one is refused (an existing file, a bad name, a folder). */
  async upload(request: UploadRequest): Promise<UploadedFile[]> {
    const site = await this.#site(request.site)
    const files = await openAll(request.files)
    try {
      return await this.#session(site, async (session) => {
        const where = await siteBucket(session, site)
        const folder = request.folder ?? site.uploadFolder ?? ''
        const paths = await planPaths(session, where, files, { ...request, folder })
        const done: UploadedFile[] = []
        for (const [i, file] of files.entries()) {
          const path = paths[i] ?? ''
          const bytes = await uploadFile(
            session,
            file,
            { bucket: where.bucket, region: where.region, key: keyOfPath(where, path) },
            {
              ...(request.signal && { signal: request.signal }),
              onProgress: (progress) => request.onProgress?.(i, progress),
            },
          )
          done.push({ path, bytes })
        }
        return done
      })
    } finally {
      await Promise.all(files.map((f) => f.handle.close().catch(() => undefined)))
    }
  }

  /** Uploads, then signs one link per file with the site's key, each recorded in the history. */
  async share(request: ShareRequest): Promise<SharedFile[]> {
    const site = await this.#site(request.site)
    const uploaded = await this.upload(request)
    const host = hostFor(site, request.site)
    const shared: SharedFile[] = []
    for (const file of uploaded) {
      const link = await this.#deps.links.sign({
        key: site.keyId,
        url: siteLink(host, linkPath(file.path)),
        distributionId: site.distributionId,
        expiresAt: request.expiresAt,
        ...(request.label !== undefined && { label: request.label }),
      })
      const entry = this.#deps.history().findByPolicy(link.policy, link.keyPairId)
      shared.push({ ...file, url: link.signedUrl ?? '', ...(entry && { historyId: entry.id }) })
    }
    return shared
  }

  /**
   * Whether the file at `path` on the site is there: by HeadObject with the site's AWS access, else
   * by a ranged GET of a short-lived link signed with `key` (the site's key when not given).
   */
  async check(siteRef: string, path: string, key?: KeyChoice): Promise<FileCheck> {
    const site = await this.#site(siteRef)
    const relative = path.trim().replace(/^\/+/, '')
    try {
      return await this.#session(site, (session) => checkInBucket(session, site, relative))
    } catch (error) {
      // No S3 access here (no credentials, AccessDenied, not an S3 origin): the link can still tell.
      if (!isKeyfrontError(error)) throw error
    }
    try {
      const url = await this.#probeUrl(siteLink(hostFor(site, siteRef), relative), key ?? site.keyId)
      const probe = this.#deps.probe ?? defaultProbe
      const answer = checkFromLiveAnswer(relative, await probe(url))
      if (answer.found !== false) return answer
      // No listing to look in: the paths links were made for on this site are the nearest known.
      const used = this.#deps.history().pathsOf(site.distributionId)
      return {
        ...answer,
        nearest: nearestNames(
          relative,
          used.filter((p) => p !== relative),
        ),
      }
    } catch (error) {
      if (!isKeyfrontError(error)) throw error
      return { found: 'unknown', path: relative, reason: error.message }
    }
  }

  async #probeUrl(url: string, key: KeyChoice): Promise<string> {
    const signing = typeof key === 'string' ? await this.#deps.keys.loadSigningKey(key) : key
    if (!signing.keyPairId) {
      throw new KeyfrontError('KEY_PAIR_ID_MISSING', `The key "${signing.name}" has no Key-Pair-Id yet.`)
    }
    const expiresAt = Math.floor(this.#deps.clock.now() / 1000) + PROBE_SECONDS
    const hash = signing.custody === 'kms' ? 'sha256' : 'sha1'
    return linkMaker(signing, signing.keyPairId, { expiresAt, hash }).url(prepareUrl(url).resource)
  }

  async #site(ref: string): Promise<SignedSite> {
    const site = findSite(await this.#deps.sites(), ref)
    if (!site) {
      throw new KeyfrontError(
        'SITE_NOT_FOUND',
        `No site "${ref}" was set up on this computer. Choose one of the sites listed under Distributions → Sites, or add it there.`,
      )
    }
    return site
  }

  #session<T>(site: SignedSite, run: (session: OriginSession) => Promise<T>): Promise<T> {
    return withSession(this.#deps.aws, this.#deps.accounts, site.profile, run)
  }
}

async function defaultProbe(url: string): Promise<LiveTestResult> {
  const { testLive } = await import('../signing/inspect/live-test.ts')
  return testLive({ input: url })
}

async function checkInBucket(session: OriginSession, site: SignedSite, path: string): Promise<FileCheck> {
  const where = await siteBucket(session, site)
  const head = await headFile(session, where, path)
  if (head.found) return { found: true, path, size: head.size, type: head.type, how: 's3' }
  const folder = path.slice(0, path.lastIndexOf('/') + 1)
  const names = await listFolderPage(session, site, where, folder).then(
    (page) => page.files.map((f) => f.name),
    () => [],
  )
  const nearest = nearestNames(path.slice(folder.length), names).map((name) => `${folder}${name}`)
  return { found: false, path, nearest, how: 's3' }
}

/** The address the links use: the one the user named the site by, else its first. */
function hostFor(site: SignedSite, ref: string): string {
  const addresses = siteAddresses(site)
  return addresses.find((a) => a.toLowerCase() === ref.trim().toLowerCase()) ?? addresses[0] ?? ''
}

/** A file's path as a URL path: characters a URL gives a meaning to (# ? % *) are escaped. */
function linkPath(path: string): string {
  return path.replace(/[%#?*]/g, (c) => encodeURIComponent(c).replace('*', '%2A'))
}

/** Opens every chosen file for reading (so what is checked is what is sent), or explains which cannot be. */
async function openAll(paths: readonly string[]): Promise<OpenFile[]> {
  const opened: OpenFile[] = []
  try {
    for (const path of paths) opened.push(await openOne(path))
    return opened
  } catch (error) {
    await Promise.all(opened.map((f) => f.handle.close().catch(() => undefined)))
    throw error
  }
}

async function openOne(path: string): Promise<OpenFile> {
  const name = basename(path)
  let handle: FileHandle
  try {
    handle = await open(path, 'r')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EISDIR') throw notAFile(name)
    throw new KeyfrontError(
      'UPLOAD_UNREADABLE',
      code === 'ENOENT'
        ? `${name} is no longer there. Choose the file again.`
        : `Keyfront may not read ${name} (${code ?? 'error'}). Check that you may open it, then try again.`,
    )
  }
  const stat = await handle.stat()
  if (!stat.isFile()) {
    await handle.close()
    throw notAFile(name)
  }
  return { handle, name, size: stat.size }
}

function notAFile(name: string): KeyfrontError {
  return new KeyfrontError(
    'UPLOAD_NOT_A_FILE',
    `${name} is a folder, not a file. Choose the files inside it (or put them in a .zip first).`,
  )
}

/** Each file's path on the site, after the conflict choice; refuses all when one exists and may not be replaced. */
async function planPaths(
  session: OriginSession,
  where: SiteBucket,
  files: readonly OpenFile[],
  request: UploadRequest,
): Promise<string[]> {
  const planned = new Set<string>()
  const taken = async (path: string) => planned.has(path) || (await headFile(session, where, path)).found
  const paths: string[] = []
  const existing: string[] = []
  for (const file of files) {
    let path = uploadPath(request.folder ?? '', file.name)
    checkKey(keyOfPath(where, path))
    if (await taken(path)) {
      if (request.onConflict === 'keep-both') path = await keepBothPath(path, taken)
      else if (request.onConflict === 'refuse' || planned.has(path)) existing.push(path)
    }
    planned.add(path)
    paths.push(path)
  }
  if (existing.length > 0) {
    const [first] = existing
    const what =
      existing.length === 1 ? `${first} is` : `${existing.length} files are (${existing.join(', ')})`
    throw new KeyfrontError(
      'OBJECT_EXISTS',
      `${what} already in the bucket. Nothing was uploaded. Choose to replace ${existing.length === 1 ? 'it' : 'them'}, or keep both (the new file gets " (2)" in its name).`,
    )
  }
  return paths
}
