// Reading a setup file: anything that is not one, a newer version, one edited by hand, or one whose
// passphrase protection is weaker than Keyfront writes (or costly enough to exhaust memory) is
// refused with SETUP_FILE_INVALID and a sentence saying which — before any passphrase is tried.
import { describe, expect, it } from 'vitest'
import {
  parseSetupFile,
  parseSetupPayload,
  setupFileText,
  type SetupFile,
  type SetupPayload,
} from '../../../../src/core/setup/setup-file.ts'

const bytes = (n: number) => Buffer.alloc(n, 7).toString('base64')

const valid: SetupFile = {
  format: 'keyfront-setup',
  version: 1,
  sealed: {
    kdf: 'scrypt',
    N: 2 ** 17,
    r: 8,
    p: 1,
    salt: bytes(16),
    cipher: 'aes-256-gcm',
    iv: bytes(12),
    tag: bytes(16),
    data: bytes(300),
  },
}

const payload: SetupPayload = {
  key: { name: 'reports', type: 'rsa', keyPairId: 'K2JCJMDEHXQW5F', privateKey: bytes(1200) },
  site: {
    distributionId: 'E2QWRUHAPOMQZL',
    domainName: 'd111111abcdef8.cloudfront.net',
    aliases: [],
    restrictedPaths: ['*'],
    keyGroupId: 'group-1',
    keyGroupName: 'keyfront-E2QWRUHAPOMQZL',
    accountId: '123456789012',
  },
}

function refusal(read: () => unknown): string {
  try {
    read()
  } catch (error) {
    expect(error).toMatchObject({ code: 'SETUP_FILE_INVALID' })
    return (error as Error).message
  }
  throw new Error('parsed')
}

const withSealed = (change: Partial<Record<keyof SetupFile['sealed'], unknown>>) =>
  JSON.stringify({ ...valid, sealed: { ...valid.sealed, ...change } })

describe('setup file', () => {
  it('reads back what it writes, and drops the part written for people', () => {
    const text = setupFileText({ ...valid, readable: { site: 'Board papers', address: 'files.example.com' } })
    expect(JSON.parse(text)).toMatchObject({ readable: { site: 'Board papers' } })
    expect(parseSetupFile(text)).toEqual(valid)
  })

  it('says a file is not a setup when it is not JSON, or JSON of another kind', () => {
    // A PEM handed in by mistake (its first line built here, so no key text is committed).
    const pemLine = ['-----BEGIN', 'PRIVATE', 'KEY-----'].join(' ')
    expect(refusal(() => parseSetupFile(pemLine))).toContain('not JSON')
    expect(refusal(() => parseSetupFile('{"format":"something-else","version":1}'))).toContain(
      'not a Keyfront setup file',
    )
    expect(refusal(() => parseSetupFile('[]'))).toContain('not a Keyfront setup file')
  })

  it('asks for a newer Keyfront for a newer version', () => {
    expect(refusal(() => parseSetupFile(JSON.stringify({ ...valid, version: 2 })))).toContain(
      'Update Keyfront',
    )
  })

  it('calls a file with missing, mis-sized or loosely encoded fields damaged', () => {
    const { sealed: _sealed, ...noSealed } = valid
    expect(refusal(() => parseSetupFile(JSON.stringify(noSealed)))).toContain('damaged')
    expect(refusal(() => parseSetupFile(withSealed({ iv: bytes(16) })))).toContain('damaged')
    expect(refusal(() => parseSetupFile(withSealed({ tag: bytes(8) })))).toContain('damaged')
    expect(refusal(() => parseSetupFile(withSealed({ data: '' })))).toContain('damaged')
    // The last character's spare bits are ignored by a lenient decoder: changing them is an edit too.
    const salt = valid.sealed.salt
    expect(refusal(() => parseSetupFile(withSealed({ salt: `${salt.slice(0, 21)}x==` })))).toContain(
      'damaged',
    )
    expect(refusal(() => parseSetupFile(withSealed({ salt: `${salt.slice(0, 23)}!` })))).toContain('damaged')
  })

  it('refuses passphrase protection weaker than Keyfront writes, or of another kind', () => {
    for (const weak of [
      { N: 2 ** 14 },
      { N: 1 },
      { r: 1 },
      { p: 2 },
      { kdf: 'pbkdf2' },
      { cipher: 'aes-256-cbc' },
    ]) {
      expect(refusal(() => parseSetupFile(withSealed(weak)))).toContain('too weak, or too costly')
    }
  })

  it('refuses a cost that would exhaust memory, and one that is not a power of two', () => {
    for (const N of [2 ** 19, 2 ** 40, 1e300, 2 ** 17 + 1, 3 * 2 ** 16]) {
      expect(refusal(() => parseSetupFile(withSealed({ N })))).toContain('too weak, or too costly')
    }
  })

  it('refuses an opened payload that is not a site and its key', () => {
    expect(parseSetupPayload(JSON.stringify(payload))).toEqual(payload)
    expect(refusal(() => parseSetupPayload('not json'))).toContain('not a site and its key')
    const odd = { ...payload, site: { ...payload.site, domainName: 'd1.cloudfront.net\u001b[2J' } }
    expect(refusal(() => parseSetupPayload(JSON.stringify(odd)))).toContain('not a site and its key')
  })
})
