// The engine under batch signing: the OpenSSL addon (src/native) must be the one Node loads, must
// make the signatures node:crypto makes (RSA byte for byte; ECDSA verifiable by the system's own
// `openssl` — another build and version of OpenSSL than the one inside Node), must give way to
// node:crypto where it cannot load, and must fail with a plain error, and nothing left behind, on
// bad input.
import { execFile } from 'node:child_process'
import { generateKeyPairSync, sign, verify } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { Worker } from 'node:worker_threads'
import { afterAll, describe, expect, it } from 'vitest'
import { fromUrlSafeBase64, urlSafeBase64 } from '../../../src/core/signing/policy.ts'
import { createPolicySigner, signingEngine } from '../../../src/core/signing/policy-signer.ts'
import { EC_KEY, RSA_KEY } from './fixtures.ts'

const run = promisify(execFile)
const require = createRequire(import.meta.url)
const native = require('keyfront-native-signer') as {
  createSigner(der: Uint8Array, hash: string): unknown
  sign(signer: unknown, policy: unknown): string
}

const POLICIES = [
  '{"Statement":[{"Resource":"https://d111111abcdef8.cloudfront.net/a.mp4","Condition":{"DateLessThan":{"AWS:EpochTime":1793872800}}}]}',
  // Non-ASCII: the signature covers the UTF-8 bytes.
  '{"Statement":[{"Resource":"https://d111111abcdef8.cloudfront.net/bücher/日本.pdf","Condition":{"DateLessThan":{"AWS:EpochTime":1793872800}}}]}',
  // Longer than the addon's 16 KiB stack buffer.
  `{"Statement":[{"Resource":"https://d111111abcdef8.cloudfront.net/${'x'.repeat(20_000)}","Condition":{"DateLessThan":{"AWS:EpochTime":1793872800}}}]}`,
  '',
]

describe('the OpenSSL signing engine', () => {
  it('is the engine Node loads (the addon was built by npm install)', () => {
    expect(signingEngine()).toBe('openssl')
  })

  it('also loads inside a worker thread, where batches sign', async () => {
    const worker = new Worker(
      `const m = require(${JSON.stringify(require.resolve('keyfront-native-signer'))});
       require('node:worker_threads').parentPort.postMessage(typeof m.createSigner + ' ' + typeof m.sign)`,
      { eval: true },
    )
    const answer = await new Promise((resolve, reject) => {
      worker.once('message', resolve)
      worker.once('error', reject)
    })
    await worker.terminate()
    expect(answer).toBe('function function')
  })

  for (const hash of ['sha1', 'sha256'] as const) {
    it(`RSA + ${hash}: the same bytes as node:crypto's sign and as the node:crypto engine`, () => {
      const viaOpenssl = createPolicySigner(RSA_KEY.privateKey, hash, 'openssl')
      const viaNode = createPolicySigner(RSA_KEY.privateKey, hash, 'node:crypto')
      for (const policy of POLICIES) {
        const expected = urlSafeBase64(sign(hash, Buffer.from(policy), RSA_KEY.privateKey))
        expect(viaOpenssl(policy)).toBe(expected)
        expect(viaNode(policy)).toBe(expected)
      }
    })

    it(`ECDSA P-256 + ${hash}: a DER signature that verifies with the public key`, () => {
      const signPolicy = createPolicySigner(EC_KEY.privateKey, hash, 'openssl')
      for (const policy of POLICIES) {
        const signature = fromUrlSafeBase64(signPolicy(policy)) ?? Buffer.alloc(0)
        expect(signature[0]).toBe(0x30) // a DER SEQUENCE (r, s), as CloudFront expects
        expect(verify(hash, Buffer.from(policy), EC_KEY.publicKey, signature)).toBe(true)
        expect(verify(hash, Buffer.from(`${policy} `), EC_KEY.publicKey, signature)).toBe(false)
      }
    })
  }

  describe('checked by the system openssl', () => {
    const work = mkdtempSync(join(tmpdir(), 'keyfront-native-'))
    afterAll(() => rmSync(work, { recursive: true, force: true }))

    it('ECDSA signatures verify with `openssl dgst -verify` (SHA-1 and SHA-256)', async () => {
      const publicPem = join(work, 'pub.pem')
      writeFileSync(publicPem, EC_KEY.publicKey.export({ type: 'spki', format: 'pem' }))
      for (const hash of ['sha1', 'sha256'] as const) {
        const policy = POLICIES[1] ?? ''
        writeFileSync(join(work, 'policy.json'), policy)
        writeFileSync(
          join(work, 'sig.der'),
          fromUrlSafeBase64(createPolicySigner(EC_KEY.privateKey, hash, 'openssl')(policy)) ?? '',
        )
        const { stdout } = await run('openssl', [
          'dgst',
          `-${hash}`,
          '-verify',
          publicPem,
          '-signature',
          join(work, 'sig.der'),
          join(work, 'policy.json'),
        ])
        expect(stdout.trim()).toBe('Verified OK')
      }
    })
  })

  it('falls back to node:crypto where the addon cannot load, and still signs', async () => {
    // The two modules copied where no node_modules holds the addon, as in Electron (whose Node has
    // no OpenSSL to lend it, so loading fails): the engine must say node:crypto and still sign.
    const dir = mkdtempSync(join(tmpdir(), 'keyfront-no-addon-'))
    try {
      for (const file of ['policy-signer.ts', 'policy.ts']) {
        writeFileSync(
          join(dir, file),
          readFileSync(join(import.meta.dirname, '../../../src/core/signing', file)),
        )
      }
      const pkcs8 = RSA_KEY.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
      const script = `import { createPrivateKey } from 'node:crypto'
        import { createPolicySigner, signingEngine } from './policy-signer.ts'
        const key = createPrivateKey(process.env.KEY)
        console.log(signingEngine(), createPolicySigner(key, 'sha1')('{}'))`
      writeFileSync(join(dir, 'probe.ts'), script)
      const { stdout } = await run(process.execPath, [join(dir, 'probe.ts')], {
        env: { ...process.env, KEY: pkcs8 },
      })
      const expected = urlSafeBase64(sign('sha1', Buffer.from('{}'), RSA_KEY.privateKey))
      expect(stdout.trim()).toBe(`node:crypto ${expected}`)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  describe('bad input', () => {
    it('refuses bytes that are not a private key, and node:crypto works normally afterwards', () => {
      expect(() => native.createSigner(Buffer.from('not a key'), 'sha1')).toThrow(
        'OpenSSL could not read this private key',
      )
      // The addon shares Node's OpenSSL error queue: a failure must leave it empty.
      expect(
        verify(
          'sha1',
          Buffer.from('x'),
          RSA_KEY.publicKey,
          sign('sha1', Buffer.from('x'), RSA_KEY.privateKey),
        ),
      ).toBe(true)
    })

    it('refuses a key type CloudFront does not sign with (Ed25519)', () => {
      const ed = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'der' })
      expect(() => native.createSigner(ed, 'sha1')).toThrow('only RSA and EC keys sign CloudFront policies')
    })

    it('refuses a hash other than sha1 or sha256, and arguments of the wrong kind', () => {
      const der = EC_KEY.privateKey.export({ type: 'pkcs8', format: 'der' })
      expect(() => native.createSigner(der, 'md5')).toThrow("the hash must be 'sha1' or 'sha256'")
      expect(() => native.createSigner('pem text' as unknown as Uint8Array, 'sha1')).toThrow(
        'the key must be PKCS#8 DER bytes',
      )
      const signer = native.createSigner(der, 'sha1')
      expect(() => native.sign(signer, 42)).toThrow('the policy must be a string')
      expect(() => native.sign({}, 'policy')).toThrow('sign(signer, policy) takes a signer and a policy')
    })

    it('error messages never carry key material', () => {
      const der = RSA_KEY.privateKey.export({ type: 'pkcs8', format: 'der' })
      let message = ''
      try {
        native.createSigner(der.subarray(0, der.length - 10), 'sha1') // truncated
      } catch (error) {
        message = (error as Error).message
      }
      expect(message).toBe('OpenSSL could not read this private key')
      expect(message).not.toContain(der.subarray(-64).toString('base64').slice(0, 16))
    })
  })
})
