// Signs policy strings with a key parsed once: the engine under the batch hot path.
//
// In Node (the CLI, the tests, `npm run bench`) the engine is keyfront-native-signer (src/native):
// a small addon over the OpenSSL inside Node that keeps the key's signing context between calls,
// as `openssl speed` does. node:crypto's one-shot sign() rebuilds that context on every call —
// about a third of the cost of an ECDSA P-256 signature, which held Keyfront at ~0.7–0.85× of
// `openssl speed ecdsap256`. Where the addon cannot load — Electron's Node is built on BoringSSL,
// not OpenSSL, or the addon was not compiled — node:crypto signs instead: the same signatures
// (RSA ones byte for byte; ECDSA ones are randomised either way), only slower.
import { sign, type KeyObject } from 'node:crypto'
import { createRequire } from 'node:module'
import type { HashChoice } from '../../shared/contract/links.ts'
import { urlSafeBase64 } from './policy.ts'

/** Signs a policy's UTF-8 bytes; returns the signature in CloudFront's URL-safe base64. */
export type PolicySigner = (policy: string) => string

export type SigningEngine = 'openssl' | 'node:crypto'

interface NativeSignerModule {
  createSigner(pkcs8Der: Uint8Array, hash: HashChoice): unknown
  sign(signer: unknown, policy: string): string
}

let nativeModule: NativeSignerModule | null | undefined

function loadNative(): NativeSignerModule | null {
  if (nativeModule === undefined) {
    try {
      nativeModule = createRequire(import.meta.url)('keyfront-native-signer') as NativeSignerModule
    } catch {
      nativeModule = null
    }
  }
  return nativeModule
}

/** Which engine `createPolicySigner` uses in this process. */
export function signingEngine(): SigningEngine {
  return loadNative() ? 'openssl' : 'node:crypto'
}

export function createPolicySigner(
  privateKey: KeyObject,
  hash: HashChoice,
  engine: SigningEngine = signingEngine(),
): PolicySigner {
  const native = engine === 'openssl' ? loadNative() : null
  if (!native) return (policy) => urlSafeBase64(sign(hash, Buffer.from(policy), privateKey))
  const der = privateKey.export({ type: 'pkcs8', format: 'der' })
  try {
    const signer = native.createSigner(der, hash)
    return (policy) => native.sign(signer, policy)
  } finally {
    der.fill(0) // the key now lives in OpenSSL's memory only
  }
}
