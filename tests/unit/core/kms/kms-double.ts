// A small KMS protocol double with one RSA 2048 signing key, for what moto_server gets wrong: its
// Sign with MessageType DIGEST hashes the digest again. This one signs a DIGEST as KMS does (the
// given SHA-256 wrapped in its DigestInfo, PKCS#1 v1.5) and records every Sign request as sent.
import { constants, createHash, generateKeyPairSync, privateEncrypt, sign, type KeyObject } from 'node:crypto'
import { createServer, type Server } from 'node:http'

export interface SignRequest {
  KeyId: string
  /** Base64, as the SDK sends a blob. */
  Message: string
  MessageType?: 'RAW' | 'DIGEST'
  SigningAlgorithm: string
}

export interface KmsDouble {
  endpoint: string
  arn: string
  publicKey: KeyObject
  signs: SignRequest[]
  close(): Promise<void>
}

/** DER prefix of a SHA-256 DigestInfo (RFC 8017, 9.2 note 1). */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex')

export async function startKmsDouble(): Promise<KmsDouble> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const arn = 'arn:aws:kms:us-east-1:123456789012:key/0f0e0d0c-0b0a-4909-8807-060504030201'
  const signs: SignRequest[] = []
  const answers: Record<string, (body: Record<string, unknown>) => unknown> = {
    DescribeKey: () => ({
      KeyMetadata: {
        Arn: arn,
        KeyId: arn.split('/')[1],
        KeySpec: 'RSA_2048',
        KeyUsage: 'SIGN_VERIFY',
        KeyState: 'Enabled',
      },
    }),
    GetPublicKey: () => ({
      KeyId: arn,
      PublicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    }),
    Sign: (body) => {
      const request = body as unknown as SignRequest
      signs.push(request)
      const message = Buffer.from(request.Message, 'base64')
      const signature =
        request.MessageType === 'DIGEST'
          ? privateEncrypt(
              { key: privateKey, padding: constants.RSA_PKCS1_PADDING },
              Buffer.concat([SHA256_DIGEST_INFO, message]),
            )
          : sign('sha256', message, privateKey)
      return {
        KeyId: arn,
        Signature: signature.toString('base64'),
        SigningAlgorithm: request.SigningAlgorithm,
      }
    },
  }
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const operation = String(request.headers['x-amz-target'] ?? '').replace('TrentService.', '')
      const answer = answers[operation]
      const json = (status: number, body: unknown) =>
        response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(body))
      if (!answer) return json(400, { __type: 'UnsupportedOperationException', message: operation })
      json(200, answer(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    endpoint: `http://127.0.0.1:${port}`,
    arn,
    publicKey,
    signs,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

/** SHA-256 of the bytes, base64: what a DIGEST Sign request carries. */
export function digestOf(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('base64')
}
