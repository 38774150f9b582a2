// Lists one folder of a site's bucket, a page at a time: ListObjectsV2 with "/" as the delimiter,
// so sub-folders come back as CommonPrefixes and only this folder's files as Contents. Keys become
// the site's paths, each file with its size, date, kind, and whether it opens without a link.
import { ListObjectsV2Command } from '@aws-sdk/client-s3'
import type { SignedSite } from '../../shared/contract/cloudfront.ts'
import type { FolderPage } from '../../shared/contract/files.ts'
import type { OriginSession } from '../origin/session.ts'
import { typeLabelFor } from './content-type.ts'
import { folderOf, keyOfPath, pathOfKey, type SiteBucket } from './object-keys.ts'
import { isRestricted } from './restricted.ts'
import { s3Call } from './s3-call.ts'

/** The IAM action listing needs (ListObjectsV2 is authorised as s3:ListBucket). */
export const LIST_ACTION = 'ListBucket'

export async function listFolderPage(
  session: OriginSession,
  site: Pick<SignedSite, 'restrictedPaths'>,
  where: SiteBucket,
  folder: string,
  pageToken?: string,
): Promise<FolderPage> {
  const folderPath = folderOf(folder)
  const prefix = keyOfPath(where, folderPath)
  const out = await s3Call(session, LIST_ACTION, where.bucket, () =>
    session.s3(where.region).send(
      new ListObjectsV2Command({
        Bucket: where.bucket,
        Prefix: prefix === '/' ? '' : prefix,
        Delimiter: '/',
        ...(pageToken && { ContinuationToken: pageToken }),
      }),
    ),
  )
  const folders = (out.CommonPrefixes ?? [])
    .map((p) => p.Prefix ?? '')
    .filter((p) => p !== '')
    .map((key) => {
      const path = pathOfKey(where, key)
      return { path, name: path.slice(folderPath.length).replace(/\/$/, '') }
    })
  const files = (out.Contents ?? [])
    // A zero-byte "folder marker" (the console's "Create folder") is the folder itself, not a file in it.
    .filter((o) => o.Key && !o.Key.endsWith('/'))
    .map((o) => {
      const path = pathOfKey(where, o.Key ?? '')
      return {
        path,
        name: path.slice(folderPath.length),
        size: o.Size ?? 0,
        ...(o.LastModified && { modified: o.LastModified.getTime() }),
        type: typeLabelFor(path),
        public: !isRestricted(site, path),
      }
    })
  return {
    folder: folderPath,
    folders,
    files,
    ...(out.IsTruncated && out.NextContinuationToken && { nextCursor: out.NextContinuationToken }),
  }
}
