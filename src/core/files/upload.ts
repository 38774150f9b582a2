// Puts one file from this computer into a site's bucket: one PutObject for a file of one part or
// less, else a multipart upload of 6 MiB parts, four at a time. Each of the four senders reads its
// parts straight from the file into one buffer of its own, reused part after part, so the upload
// holds 24 MiB whatever the file's size and leaves no garbage for the collector to fall behind on
// (a stream cut into parts, as @aws-sdk/lib-storage does, copies every part once more, and the
// process grew with the file: see docs/ENGINEERING.md). The file is stored with the Content-Type of its extension and a
// Content-Disposition carrying its original name. A cancelled or failed upload leaves no parts
// behind: it is aborted here, and checked gone (parts still in flight when the abort lands can
// outlive the first abort). When the connection is lost, the abort cannot get through either: the
// upload is remembered and removed by the next upload to that bucket (the user's Retry).
import {
  AbortMultipartUploadCommand,
  ChecksumAlgorithm,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  ListMultipartUploadsCommand,
  PutObjectCommand,
  UploadPartCommand,
  type CompletedPart,
  type S3Client,
} from '@aws-sdk/client-s3'
import type { FileHandle } from 'node:fs/promises'
import { KeyfrontError } from '../../shared/errors.ts'
import { awsErrorName } from '../origin/aws-call.ts'
import type { OriginSession } from '../origin/session.ts'
import { contentTypeFor } from './content-type.ts'
import { contentDisposition } from './disposition.ts'
import { s3Call, s3Error } from './s3-call.ts'

export const PART_SIZE = 6 * 1024 * 1024
export const PARTS_AT_ONCE = 4
const ABORT_CHECKS = 5

// Part buffers kept from one upload for the next: a buffer dropped after each upload is freed only
// when the garbage collector gets round to it, and the next upload's new ones came on top (the
// process grew by 24 MiB with each of the bench's uploads in turn).
const partBuffers: Buffer[] = []

// Multipart uploads that failed while S3 could not be reached, so could not be aborted then.
const unremoved: { bucket: string; region: string; key: string; uploadId: string }[] = []

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

interface LocalFile {
  handle: FileHandle
  name: string
  size: number
}

/** Uploads the open file under `target.key`; answers with its size. */
export async function uploadFile(
  session: OriginSession,
  file: LocalFile,
  target: UploadTarget,
  options: UploadOptions = {},
): Promise<number> {
  if (options.signal?.aborted) throw cancelled()
  await removeUnremoved(session, target.bucket)
  const client = session.s3(target.region)
  const object = {
    Bucket: target.bucket,
    Key: target.key,
    ContentType: contentTypeFor(file.name),
    ContentDisposition: contentDisposition(file.name),
  }
  if (file.size <= PART_SIZE) {
    const body = await readPart(file.handle, Buffer.allocUnsafe(file.size), 0, file.size)
    await s3Call(session, 'PutObject', target.bucket, () =>
      client.send(new PutObjectCommand({ ...object, Body: body }), sendOptions(options.signal)),
    ).catch((error: KeyfrontError) => {
      throw options.signal?.aborted ? cancelled() : connectionLost(error, file.name, true)
    })
  } else {
    await uploadInParts(session, client, file, { ...object, region: target.region }, options)
  }
  options.onProgress?.({ sent: file.size, total: file.size })
  return file.size
}

async function uploadInParts(
  session: OriginSession,
  client: S3Client,
  file: LocalFile,
  {
    region,
    ...object
  }: { Bucket: string; Key: string; ContentType: string; ContentDisposition: string; region: string },
  options: UploadOptions,
): Promise<void> {
  const { UploadId } = await s3Call(session, 'PutObject', object.Bucket, () =>
    client.send(new CreateMultipartUploadCommand({ ...object, ChecksumAlgorithm: ChecksumAlgorithm.CRC32 })),
  ).catch((error: KeyfrontError) => {
    throw connectionLost(error, file.name, true)
  })
  const uploadId = UploadId ?? ''
  // One failed part stops the others: their requests are aborted, and no new part starts.
  const stop = new AbortController()
  const onCancel = () => stop.abort()
  options.signal?.addEventListener('abort', onCancel, { once: true })
  const count = Math.ceil(file.size / PART_SIZE)
  const parts: CompletedPart[] = []
  let next = 0
  let sent = 0
  const sender = async () => {
    const buffer = partBuffers.pop() ?? Buffer.allocUnsafe(PART_SIZE)
    try {
      await sendParts(buffer)
    } finally {
      partBuffers.push(buffer)
    }
  }
  const sendParts = async (buffer: Buffer) => {
    while (next < count && !stop.signal.aborted) {
      const index = next++
      const start = index * PART_SIZE
      const body = await readPart(file.handle, buffer, start, Math.min(PART_SIZE, file.size - start))
      const answer = await client.send(
        new UploadPartCommand({
          Bucket: object.Bucket,
          Key: object.Key,
          UploadId: uploadId,
          PartNumber: index + 1,
          Body: body,
        }),
        { abortSignal: stop.signal },
      )
      parts[index] = { PartNumber: index + 1, ETag: answer.ETag, ChecksumCRC32: answer.ChecksumCRC32 }
      sent += body.length
      options.onProgress?.({ sent, total: file.size })
    }
  }
  try {
    // The first failure is the one to report (the others' are the stop it caused); every sender is
    // waited for, so no part is still in flight when the upload is aborted.
    let failure: { error: unknown } | undefined
    const senders = Array.from({ length: Math.min(PARTS_AT_ONCE, count) }, () =>
      sender().catch((error: unknown) => {
        failure ??= { error }
        stop.abort()
      }),
    )
    await Promise.all(senders)
    if (failure) throw failure.error
    if (options.signal?.aborted) throw cancelled()
    await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: object.Bucket,
        Key: object.Key,
        UploadId: uploadId,
        MultipartUpload: { Parts: parts },
      }),
    )
  } catch (error) {
    const removed = await removeUpload(session, client, object, uploadId).then(
      () => true,
      () => false,
    )
    if (!removed) unremoved.push({ bucket: object.Bucket, region, key: object.Key, uploadId })
    if (options.signal?.aborted) throw cancelled()
    const failure =
      error instanceof KeyfrontError ? error : s3Error(error, session, 'PutObject', object.Bucket)
    throw connectionLost(failure, file.name, removed)
  } finally {
    options.signal?.removeEventListener('abort', onCancel)
  }
}

/** Reads `length` bytes from `start` into the front of `buffer` (a read may return fewer). */
async function readPart(handle: FileHandle, buffer: Buffer, start: number, length: number): Promise<Buffer> {
  let read = 0
  while (read < length) {
    const { bytesRead } = await handle.read(buffer, read, length - read, start + read)
    if (bytesRead === 0) {
      throw new KeyfrontError(
        'INVALID_INPUT',
        'The file got shorter while it was being uploaded. Upload it again.',
      )
    }
    read += bytesRead
  }
  return buffer.subarray(0, length)
}

function sendOptions(signal: AbortSignal | undefined) {
  return signal ? { abortSignal: signal } : {}
}

/** Aborts the multipart upload until S3 no longer lists it. */
async function removeUpload(
  session: OriginSession,
  s3: S3Client,
  object: { Bucket: string; Key: string },
  uploadId: string,
): Promise<void> {
  const { Bucket, Key } = object
  for (let check = 0; check < ABORT_CHECKS; check++) {
    try {
      await s3.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId: uploadId }))
    } catch (error) {
      if (awsErrorName(error) !== 'NoSuchUpload')
        throw s3Error(error, session, 'AbortMultipartUpload', Bucket)
    }
    const listed = await s3Call(session, 'ListBucketMultipartUploads', Bucket, () =>
      s3.send(new ListMultipartUploadsCommand({ Bucket, Prefix: Key })),
    )
    if (!listed.Uploads?.some((u) => u.UploadId === uploadId)) return
    await new Promise((resolve) => setTimeout(resolve, 100 * (check + 1)))
  }
}

/** Removes the uploads left by a lost connection to this bucket, quietly: S3 may still be out of reach. */
async function removeUnremoved(session: OriginSession, bucket: string): Promise<void> {
  for (const left of unremoved.filter((u) => u.bucket === bucket)) {
    const removed = await removeUpload(
      session,
      session.s3(left.region),
      { Bucket: bucket, Key: left.key },
      left.uploadId,
    ).then(
      () => true,
      () => false,
    )
    if (removed) unremoved.splice(unremoved.indexOf(left), 1)
  }
}

/** A network failure told as a lost upload, with what became of the part already sent. */
function connectionLost(error: KeyfrontError, name: string, removed: boolean): KeyfrontError {
  if (error.code !== 'AWS_NETWORK') return error
  const reason = (error.cause as { code?: string } | undefined)?.code
  const kept = removed
    ? 'Nothing was kept in the bucket.'
    : 'What was sent is removed from the bucket when you retry.'
  return new KeyfrontError(
    'AWS_NETWORK',
    `The connection was lost while uploading “${name}”${reason ? ` (${reason})` : ''}. ${kept} Check your internet connection, proxy or VPN, then retry.`,
    { cause: error },
  )
}

function cancelled(): KeyfrontError {
  return new KeyfrontError('CANCELLED', 'The upload was cancelled. Nothing was kept in the bucket.')
}
