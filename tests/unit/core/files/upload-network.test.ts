// An upload that loses its connection mid-way, against moto_server: the failure is told as a lost
// connection, no multipart upload is left in the bucket, and the same upload run again (the
// app's Retry) puts the whole file there. Two ways to lose it: S3 drops every part's connection
// while the rest of S3 answers (the upload is aborted at once), and the network goes away
// altogether (the abort cannot get through; the retry removes what was left).
import { ListMultipartUploadsCommand } from '@aws-sdk/client-s3'
import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { BUCKET, startFilesWorld, type FilesWorld } from './files-world.ts'
import { startCuttableLink, type CuttableLink } from './cuttable-link.ts'

let world: FilesWorld
let link: CuttableLink
const dir = mkdtempSync(join(tmpdir(), 'keyfront-upload-network-'))

beforeAll(async () => {
  world = await startFilesWorld()
  // Keyfront's S3 calls go through the link, then the recording proxy, then moto.
  link = await startCuttableLink(world.proxy.endpoint)
  process.env.AWS_ENDPOINT_URL_S3 = link.endpoint
}, 60_000)
afterAll(async () => {
  await link.close()
  await world.stop()
  rmSync(dir, { recursive: true, force: true })
})

const sha = (bytes: Uint8Array | undefined) =>
  bytes ? createHash('sha256').update(bytes).digest('hex') : 'none'

function bigFile(name: string): { path: string; content: Buffer } {
  const content = randomBytes(20 * 1024 * 1024)
  const path = join(dir, name)
  writeFileSync(path, content)
  return { path, content }
}

async function multipartUploads() {
  const listed = await world.s3().send(new ListMultipartUploadsCommand({ Bucket: BUCKET }))
  return listed.Uploads ?? []
}

it('when S3 drops the parts, says the connection was lost, leaves no parts, and uploads on retry', async () => {
  const { path, content } = bigFile('dropped.bin')
  const request = { site: world.site.distributionId, files: [path], onConflict: 'refuse' as const }
  world.proxy.faults.push((r) => (r.method === 'PUT' && r.url.includes('partNumber=') ? 'reset' : undefined))
  await expect(world.keyfront.files.upload(request)).rejects.toMatchObject({
    code: 'AWS_NETWORK',
    message: expect.stringMatching(
      /^The connection was lost while uploading “dropped\.bin” \(ECONNRESET\)\. Nothing was kept in the bucket\./,
    ) as unknown,
  })
  expect(await multipartUploads()).toEqual([])
  expect(await world.bytesOf('dropped.bin')).toBeUndefined()

  world.proxy.faults.length = 0
  const [done] = await world.keyfront.files.upload(request)
  expect(done).toEqual({ path: 'dropped.bin', bytes: content.length })
  expect(sha(await world.bytesOf('dropped.bin'))).toBe(sha(content))
  expect(await multipartUploads()).toEqual([])
}, 60_000)

it('when the network goes away, the retry removes what was sent before and uploads the whole file', async () => {
  const { path, content } = bigFile('offline.bin')
  const request = {
    site: world.site.distributionId,
    files: [path],
    onConflict: 'refuse' as const,
    // The network goes once the first part is in.
    onProgress: () => void link.cut(),
  }
  await expect(world.keyfront.files.upload(request)).rejects.toMatchObject({
    code: 'AWS_NETWORK',
    message: expect.stringMatching(
      /^The connection was lost while uploading “offline\.bin” \(ECONN\w+\)\. What was sent is removed from the bucket when you retry\./,
    ) as unknown,
  })
  // Out of reach, the upload could not be aborted: moto still holds it.
  expect(await multipartUploads()).toHaveLength(1)

  await link.mend()
  const [done] = await world.keyfront.files.upload({ ...request, onProgress: undefined })
  expect(done).toEqual({ path: 'offline.bin', bytes: content.length })
  expect(sha(await world.bytesOf('offline.bin'))).toBe(sha(content))
  expect(await multipartUploads()).toEqual([])
}, 60_000)
