// Reading a setup file: anything that is not one, a newer version, or one edited by hand is
// refused with SETUP_FILE_INVALID and a sentence saying which of these it is.
import { describe, expect, it } from 'vitest'
import { parseSetupFile, setupFileText, type SetupFile } from '../../../../src/core/setup/setup-file.ts'

const valid: SetupFile = {
  format: 'keyfront-setup',
  version: 1,
  key: {
    name: 'reports',
    type: 'rsa',
    keyPairId: 'K2JCJMDEHXQW5F',
    privateKey: '-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n',
  },
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

function refusal(text: string): string {
  try {
    parseSetupFile(text)
  } catch (error) {
    expect(error).toMatchObject({ code: 'SETUP_FILE_INVALID' })
    return (error as Error).message
  }
  throw new Error('parsed')
}

describe('setup file', () => {
  it('reads back what it writes', () => {
    expect(parseSetupFile(setupFileText(valid))).toEqual(valid)
  })

  it('says a file is not a setup when it is not JSON, or JSON of another kind', () => {
    expect(refusal('-----BEGIN PRIVATE KEY-----')).toContain('not JSON')
    expect(refusal('{"format":"something-else","version":1}')).toContain('not a Keyfront setup file')
    expect(refusal('[]')).toContain('not a Keyfront setup file')
  })

  it('asks for a newer Keyfront for a newer version', () => {
    expect(refusal(JSON.stringify({ ...valid, version: 2 }))).toContain('Update Keyfront')
  })

  it('calls a file with missing or odd fields damaged', () => {
    const { site: _site, ...noSite } = valid
    expect(refusal(JSON.stringify(noSite))).toContain('damaged')
    const badId = { ...valid, site: { ...valid.site, distributionId: 'e2; rm -rf' } }
    expect(refusal(JSON.stringify(badId))).toContain('damaged')
  })
})
