// Shared set-up for the file-sharing tests: moto_server behind the recording proxy (the origin
// tests' world), a private bucket served by a distribution that Keyfront itself made and onboarded
// (so the site, its key and its restricted paths are real), and a small stand-in for CloudFront's
// edge that answers a signed link's ranged GET from the bucket — moto serves no CloudFront edge.
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { createServer, type Server } from 'node:http'
import type { SignedSite } from '../../../../src/shared/contract/cloudfront.ts'
import type { LiveTestResult } from '../../../../src/shared/contract/links.ts'
import { testLive } from '../../../../src/core/signing/inspect/live-test.ts'
import { createTestKeyfront } from '../../../harness/keyfront.ts'
import { makeBucket, startOriginWorld, type OriginWorld } from '../origin/moto-setup.ts'

export const BUCKET = 'shared-files'

export interface FilesWorld extends OriginWorld {
  site: SignedSite
  /** Asks the edge stand-in for a signed link's first byte, as the live test would ask CloudFront. */
  probe: (signedUrl: string) => Promise<LiveTestResult>
  /** Links the edge was asked for, in order. */
  edgeRequests: string[]
  put(key: string, body: string | Uint8Array): Promise<void>
  bytesOf(key: string): Promise<Buffer | undefined>
}

/**
 * `keychainService`: keep the site's key in the real keychain under this service (for CLI runs,
 * which read it with keytar); otherwise the world's in-memory keychain holds it.
 */
export async function startFilesWorld(options: { keychainService?: string } = {}): Promise<FilesWorld> {
  const world = await startOriginWorld()
  const { keyfront } = world
  const owner = options.keychainService
    ? createTestKeyfront({ dataDir: world.dataDir, keychainService: options.keychainService })
    : keyfront
  await owner.keys.create({ name: 'Files key', type: 'rsa' })
  if (owner !== keyfront) owner.close()
  await makeBucket(world, BUCKET)
  const target = { bucket: BUCKET, key: 'Files key' }
  const plan = await keyfront.origin.plan(target)
  await keyfront.origin.apply({
    ...target,
    expectedPolicyHash: plan.bucketPolicy.baseHash,
  })
  const [site] = await keyfront.cloudfront.sites()
  if (!site) throw new Error('onboarding remembered no site')
  const edge = await startEdge(world.s3(), site)
  return {
    ...world,
    site,
    probe: (signedUrl) => {
      const url = new URL(signedUrl)
      return testLive(
        { input: `${edge.endpoint}${url.pathname}${url.search}` },
        { allowPrivateAddresses: true },
      )
    },
    edgeRequests: edge.requests,
    put: async (key, body) => {
      await world.s3().send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }))
    },
    bytesOf: async (key) => {
      const out = await world
        .s3()
        .send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))
        .catch(() => undefined)
      return out?.Body ? Buffer.from(await out.Body.transformToByteArray()) : undefined
    },
    async stop() {
      await new Promise<void>((resolve) => edge.server.close(() => resolve()))
      await world.stop()
    },
  }
}

/**
 * CloudFront's part in a ranged GET: a link without the site's Key-Pair-Id and a signature is
 * refused as the edge would (403 MissingKey); a signed one is read from the bucket and S3's
 * answer passed on (206 with the byte, or S3's own 404 with its RequestId and HostId).
 */
async function startEdge(
  s3: S3Client,
  site: SignedSite,
): Promise<{ endpoint: string; server: Server; requests: string[] }> {
  const requests: string[] = []
  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://edge')
      requests.push(url.pathname)
      if (url.searchParams.get('Key-Pair-Id') !== site.keyPairId || !url.searchParams.get('Signature')) {
        response
          .writeHead(403, { 'content-type': 'text/xml', 'x-amz-cf-id': 'edge' })
          .end(
            '<?xml version="1.0"?><Error><Code>MissingKey</Code><Message>Missing Key-Pair-Id query parameter or cookie value</Message></Error>',
          )
        return
      }
      const key = decodeURIComponent(url.pathname.slice(1))
      try {
        const out = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key, Range: 'bytes=0-0' }))
        const body = out.Body ? Buffer.from(await out.Body.transformToByteArray()) : Buffer.alloc(0)
        response.writeHead(206, { 'x-amz-cf-id': 'edge', 'content-range': out.ContentRange ?? '' }).end(body)
      } catch {
        response
          .writeHead(404, { 'content-type': 'application/xml', 'x-amz-cf-id': 'edge' })
          .end(
            '<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><RequestId>r</RequestId><HostId>h</HostId></Error>',
          )
      }
    })()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return { endpoint: `http://127.0.0.1:${port}`, server, requests }
}
