// "Add an access key" against a real Secret Service: the secret lands in the OS keychain under
// `aws:<name>` and nowhere in the data folder, AWS calls are signed with it, and removing the access
// key removes the keychain entry.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Keyfront } from '../../src/core/app.ts'
import { createKeytarKeychain } from '../../src/core/keychain/keytar-keychain.ts'
import { startCloudFrontDouble, type CloudFrontDouble } from '../harness/cloudfront-double.ts'
import { createTestKeyfront } from '../harness/keyfront.ts'

const service = `Keyfront-aws-${randomBytes(4).toString('hex')}`
const secret = `secret-${randomBytes(12).toString('hex')}`
const dataDir = mkdtempSync(join(tmpdir(), 'keyfront-aws-key-'))
const keychain = createKeytarKeychain(service)
let double: CloudFrontDouble
let kf: Keyfront

beforeAll(async () => {
  double = await startCloudFrontDouble()
  Object.assign(process.env, double.env)
  kf = createTestKeyfront({ dataDir, keychain, version: '0' })
})
afterAll(async () => {
  await keychain.delete('aws:office')
  kf.close()
  rmSync(dataDir, { recursive: true, force: true })
  await double.stop()
})

describe('an access key added in Keyfront', () => {
  it('keeps its secret in the OS keychain only, and signs AWS calls with it', async () => {
    await kf.awsAccounts.addAccessKey({
      name: 'office',
      accessKeyId: 'AKIAOFFICE0000000003',
      secretAccessKey: secret,
    })
    expect(await keychain.get('aws:office')).toBe(secret)
    for (const file of readdirSync(dataDir, { recursive: true, withFileTypes: true })) {
      if (file.isFile()) expect(readFileSync(join(file.parentPath, file.name), 'utf8')).not.toContain(secret)
    }
    await kf.awsAccounts.whoami('office')
    expect(double.accessKeyIds.at(-1)).toBe('AKIAOFFICE0000000003')
  })

  it('takes its keychain entry with it when removed', async () => {
    await kf.awsAccounts.removeAccessKey('office')
    expect(await keychain.get('aws:office')).toBeNull()
  })
})
