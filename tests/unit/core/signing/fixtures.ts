// What the signing tests share: real keys made with node:crypto behind a small in-memory key
// source (the real KeyService needs a keychain; signing only needs the SigningKeySource contract),
// an in-memory history, a fixed clock, and the corpus of awkward URLs.
import { generateKeyPairSync, type KeyObject } from 'node:crypto'
import type { Clock } from '../../../../src/core/clock.ts'
import type { HistoryLookup, HistoryRecorder } from '../../../../src/core/history/recorder.ts'
import type {
  KeyDirectory,
  LocalSigningKey,
  SigningKey,
  SigningKeySource,
} from '../../../../src/core/keys/signing-key.ts'
import { LinkService } from '../../../../src/core/signing/link-service.ts'
import type { LinkRecord } from '../../../../src/shared/contract/history.ts'
import type { KeySummary } from '../../../../src/shared/contract/keys.ts'
import { KeyfrontError } from '../../../../src/shared/errors.ts'

/** 2026-11-04T10:00:00Z */
export const NOW_MS = 1_793_786_400_000
export const NOW = NOW_MS / 1000
export const fixedClock = (ms = NOW_MS): Clock & { set(ms: number): void } => {
  let now = ms
  return { now: () => now, set: (next) => (now = next) }
}

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })

export const RSA_KEY: LocalSigningKey = {
  custody: 'keychain',
  id: 'key-rsa',
  name: 'Main RSA',
  type: 'rsa',
  keyPairId: 'K2JCJMDEHXQW5F',
  privateKey: rsa.privateKey,
  publicKey: rsa.publicKey,
}
export const EC_KEY: LocalSigningKey = {
  custody: 'keychain',
  id: 'key-ec',
  name: 'Phone ECDSA',
  type: 'ecdsa',
  keyPairId: 'K3ECDSAKEYP256',
  privateKey: ec.privateKey,
  publicKey: ec.publicKey,
}
const noId = generateKeyPairSync('rsa', { modulusLength: 2048 })
export const KEY_WITHOUT_ID: LocalSigningKey = {
  custody: 'keychain',
  id: 'key-new',
  name: 'Not uploaded',
  type: 'rsa',
  keyPairId: undefined,
  privateKey: noId.privateKey,
  publicKey: noId.publicKey,
}

export type TestKeys = SigningKeySource & Pick<KeyDirectory, 'publicKeyPem'> & { loads: number }

/** A key store over real keys, counting keychain reads (`loads`). */
export function memoryKeys(keys: SigningKey[] = [RSA_KEY, EC_KEY, KEY_WITHOUT_ID]): TestKeys {
  const find = (ref: string) => {
    const key = keys.find((k) => k.id === ref || k.name.toLowerCase() === ref.trim().toLowerCase())
    if (!key) throw new KeyfrontError('KEY_NOT_FOUND', 'Keyfront has no key with that name or id.')
    return key
  }
  const store = {
    loads: 0,
    async list(): Promise<KeySummary[]> {
      return keys.map((k) => ({
        id: k.id,
        name: k.name,
        type: k.type,
        fingerprint: 'AA',
        createdAt: 0,
        ...(k.keyPairId && { keyPairId: k.keyPairId }),
        uploads: k.keyPairId ? [{ keyPairId: k.keyPairId, recordedAt: 0 }] : [],
        custody: k.custody,
      }))
    },
    async loadSigningKey(ref: string): Promise<SigningKey> {
      store.loads++
      return find(ref)
    },
    async publicKeyPem(ref: string): Promise<string> {
      return find(ref).publicKey.export({ type: 'spki', format: 'pem' }).toString()
    },
  }
  return store
}

export class MemoryHistory implements HistoryRecorder, HistoryLookup {
  readonly entries: LinkRecord[] = []
  record(entries: LinkRecord[]): void {
    this.entries.push(...entries)
  }
  findByPolicy(policy: string, keyPairId: string): LinkRecord | undefined {
    return this.entries.findLast((e) => e.policy === policy && e.keyPairId === keyPairId)
  }
}

export function makeService(options: { keys?: TestKeys; history?: MemoryHistory; clock?: Clock } = {}) {
  const keys = options.keys ?? memoryKeys()
  const history = options.history ?? new MemoryHistory()
  const clock = options.clock ?? fixedClock()
  return { keys, history, clock, links: new LinkService({ keys, history, clock, source: 'cli' }) }
}

export function pem(key: KeyObject, kind: 'private' | 'public' = 'private'): string {
  return kind === 'private'
    ? key.export({ type: 'pkcs8', format: 'pem' }).toString()
    : key.export({ type: 'spki', format: 'pem' }).toString()
}

const HOST = 'https://d111111abcdef8.cloudfront.net'

/** Paths and queries that have broken URL signers before (aws-sdk-js-v3 #7571, #8033, #8277). */
export const AWKWARD_URLS = [
  `${HOST}/plain.txt`,
  `${HOST}/reports/Q3 report final.pdf`,
  `${HOST}/r%C3%A9sum%C3%A9/%E6%97%A5%E6%9C%AC.txt`,
  `${HOST}/résumé/日本語 ファイル.txt`,
  `${HOST}/emoji/😀 party.png`,
  `${HOST}/a=b,c+d;e@f&g.txt`,
  `${HOST}/video.mp4?quality=high&lang=en`,
  `${HOST}/report.pdf?response-content-disposition=attachment; filename*=UTF-8''Q3%20report%E2%82%AC.pdf`,
  `${HOST}/report.pdf?response-content-disposition=attachment%3B%20filename%2A%3DUTF-8%27%27r%C3%A9sum%C3%A9.pdf&response-content-type=application/pdf`,
  `${HOST}/q?a=1+2&b=x%2By&c=&d&e=a=b`,
  `${HOST}/lower%2fescape%e2%82%ac.txt`,
  'https://D111111ABCDEF8.CloudFront.net:443/Upper/Case.TXT',
  `${HOST}/dir/./sub/../file(1)!*'~.txt`,
  `${HOST}/100%.txt`,
  'https://bücher.example/katalog.pdf',
  'http://d111111abcdef8.cloudfront.net:8080/http-only.txt',
]
