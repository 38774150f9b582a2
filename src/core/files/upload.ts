// Puts one file from this computer into a site's bucket with @aws-sdk/lib-storage: one PutObject
// for a small file, else a multipart upload of 8 MiB parts, four at a time, read from the file as
// it goes (memory stays near 32 MiB whatever the size). The file is stored with the Content-Type of
// its extension and a Content-Disposition carrying its original name. A cancelled or failed upload
// leaves no parts behind: lib-storage aborts on failure, and a cancel aborts the upload here and
// checks it is gone (parts still in flight when the abort lands can outlive the first abort).
import { AbortMultipartUploadCommand, ListMultipartUploadsCommand } from '@aws-sdk/client-s3'
import { Upload } from '@aws-sdk/lib-storage'
import type { FileHandle } from 'node:fs/promises'
import { KeyfrontError } from '../../shared/errors.ts'
import { awsErrorName } from '../origin/aws-call.ts'
import type { OriginSession } from '../origin/session.ts'
import { contentTypeFor } from './content-type.ts'
import { contentDisposition } from './disposition.ts'
import { s3Call, s3Error } from './s3-call.ts'

export const PART_SIZE = 8 * 1024 * 1024
export const PARTS_AT_ONCE = 4
const ABORT_CHECKS = 5

export interface UploadTarget {
  bucket: string
  region: string
  key: string
}

export interface UploadProgress {
  /** Bytes sent so far and in all. */
  sent: number
  total: number
}

export interface UploadOptions {
  signal?: AbortSignal
  onProgress?: (progress: UploadProgress) => void
}

/** Uploads the open file under `target.key`; answers with its size. */
export async function uploadFile(
  session: OriginSession,
  file: { handle: FileHandle; name: string; size: number },
  target: UploadTarget,
  options: UploadOptions = {},
): Promise<number> {
  const client = session.s3(target.region)
  const upload = new Upload({
    client,
    params: {
      Bucket: target.bucket,
      Key: target.key,
      Body: file.handle.createReadStream({ autoClose: false, start: 0 }),
      ContentLength: file.size,
      ContentType: contentTypeFor(file.name),
      ContentDisposition: contentDisposition(file.name),
    },
    partSize: PART_SIZE,
    queueSize: PARTS_AT_ONCE,
    leavePartsOnError: false,
  })
  upload.on('httpUploadProgress', (p) => options.onProgress?.({ sent: p.loaded ?? 0, total: file.size }))
  const cancel = () => void upload.abort()
  if (options.signal?.aborted) throw cancelled()
  options.signal?.addEventListener('abort', cancel, { once: true })
  try {
    await upload.done()
    options.onProgress?.({ sent: file.size, total: file.size })
    return file.size
  } catch (error) {
    if (options.signal?.aborted || awsErrorName(error) === 'AbortError') {
      if (upload.uploadId) await removeUpload(session, target, upload.uploadId)
      throw cancelled()
    }
    throw s3Error(error, session, 'PutObject', target.bucket)
  } finally {
    options.signal?.removeEventListener('abort', cancel)
  }
}

/** Aborts the multipart upload until S3 no longer lists it. */
async function removeUpload(session: OriginSession, target: UploadTarget, uploadId: string): Promise<void> {
  const s3 = session.s3(target.region)
  const { bucket, key } = target
  for (let check = 0; check < ABORT_CHECKS; check++) {
    try {
      await s3.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }))
    } catch (error) {
      // Gone already (lib-storage aborted it first): what was wanted.
      if (awsErrorName(error) !== 'NoSuchUpload')
        throw s3Error(error, session, 'AbortMultipartUpload', bucket)
    }
    const listed = await s3Call(session, 'ListBucketMultipartUploads', bucket, () =>
      s3.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: key })),
    )
    if (!listed.Uploads?.some((u) => u.UploadId === uploadId)) return
    await new Promise((resolve) => setTimeout(resolve, 100 * (check + 1)))
  }
}

function cancelled(): KeyfrontError {
  return new KeyfrontError('CANCELLED', 'The upload was cancelled. Nothing was kept in the bucket.')
}
