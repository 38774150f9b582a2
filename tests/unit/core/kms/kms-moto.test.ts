// Team keys held by AWS KMS, against moto_server's KMS and CloudFront: creating and adding a key
// (nothing secret kept here), uploading it as any key, signing links and cookies that carry
// Hash-Algorithm=SHA256 and verify with the KMS public key and with OpenSSL, batches, signing again
// from the history, the inspector — and each way a key can be unusable, with its own error.
import {
  CreateKeyCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  ListResourceTagsCommand,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms'
import { createHash, verify } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  createKmsWorld,
  kmsPublicKey,
  opensslVerifies,
  signedParts,
  urlParts,
  useKmsMoto,
} from './kms-world.ts'

const ctx = useKmsMoto()
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600

function checkSignature(publicKey: Parameters<typeof verify>[2], policy: Buffer, signature: Buffer) {
  expect(verify('sha256', policy, publicKey, signature)).toBe(true)
  expect(opensslVerifies(publicKey as never, policy, signature)).toBe(true)
}

describe('a key created in KMS', () => {
  it('is made as CloudFront needs it, with its alias, description and tags, and lists with its ARN only', async () => {
    const { kf, keychain, dataDir } = ctx.world
    const { key, warnings } = await kf.kmsKeys.create({ name: 'Team shop', type: 'rsa', region: 'us-east-1' })
    expect(warnings).toEqual([])
    expect(key).toMatchObject({
      name: 'Team shop',
      type: 'rsa',
      custody: 'kms',
      kms: { region: 'us-east-1' },
    })
    expect(key.kms?.arn).toMatch(/^arn:aws:kms:us-east-1:\d{12}:key\//)
    const meta = (await ctx.kms().send(new DescribeKeyCommand({ KeyId: 'alias/keyfront/Team-shop' })))
      .KeyMetadata
    expect(meta).toMatchObject({ Arn: key.kms?.arn, KeyUsage: 'SIGN_VERIFY', KeySpec: 'RSA_2048' })
    expect(meta?.Description).toMatch(/CloudFront/)
    const tags = await ctx.kms().send(new ListResourceTagsCommand({ KeyId: key.kms?.arn }))
    expect(tags.Tags).toContainEqual({ TagKey: 'keyfront:purpose', TagValue: 'cloudfront-signed-links' })
    // The same fingerprint as any key: SHA-256 of the SPKI DER KMS gives.
    const spki = (await kmsPublicKey(ctx.kms(), key.kms?.arn ?? '')).export({ type: 'spki', format: 'der' })
    const hex = createHash('sha256').update(spki).digest('hex').toUpperCase()
    expect(key.fingerprint).toBe(hex.replace(/(..)(?!$)/g, '$1:'))
    expect((await kf.keys.show('Team shop')).publicKeyPem).toBe(
      (await kmsPublicKey(ctx.kms(), key.kms?.arn ?? '')).export({ type: 'spki', format: 'pem' }),
    )
    // Nothing secret anywhere: no keychain entry, and keys.json holds the public key and where the key is.
    expect(keychain.entries.size).toBe(0)
    const stored = JSON.parse(readFileSync(join(dataDir, 'keys.json'), 'utf8')) as { keys: object[] }
    expect(Object.keys(stored.keys[0] ?? {}).sort()).toEqual(
      ['createdAt', 'fingerprint', 'id', 'kms', 'name', 'publicKey', 'type', 'uploads'].sort(),
    )
    expect(readdirSync(dataDir).join(' ')).not.toMatch(/pem|key\b/i)
  })

  it('makes an ECDSA P-256 key with --type ecdsa', async () => {
    const { key } = await ctx.world.kf.kmsKeys.create({
      name: 'Short links',
      type: 'ecdsa',
      region: 'us-east-1',
    })
    expect(key.type).toBe('ecdsa')
    const meta = (await ctx.kms().send(new DescribeKeyCommand({ KeyId: key.kms?.arn }))).KeyMetadata
    expect(meta?.KeySpec).toBe('ECC_NIST_P256')
  })

  it('refuses a name whose alias is taken in KMS, before making a key', async () => {
    await ctx.world.kf.kmsKeys.create({ name: 'Team', type: 'rsa', region: 'us-east-1' })
    const other = createKmsWorld()
    try {
      await expect(
        other.kf.kmsKeys.create({ name: 'Team', type: 'rsa', region: 'us-east-1' }),
      ).rejects.toMatchObject({
        code: 'KEY_NAME_TAKEN',
        message: expect.stringMatching(/add-kms/) as unknown,
      })
    } finally {
      other.close()
    }
  })

  it('needs a region', async () => {
    const saved = { region: process.env.AWS_REGION, fallback: process.env.AWS_DEFAULT_REGION }
    delete process.env.AWS_REGION
    delete process.env.AWS_DEFAULT_REGION
    try {
      await expect(ctx.world.kf.kmsKeys.create({ name: 'Where', type: 'rsa' })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: expect.stringMatching(/--region/) as unknown,
      })
    } finally {
      process.env.AWS_REGION = saved.region
      if (saved.fallback !== undefined) process.env.AWS_DEFAULT_REGION = saved.fallback
    }
  })
})

describe('a colleague adds the key by alias or ARN', () => {
  it('gets the same key, and its Key-Pair-Id when CloudFront has the public key already', async () => {
    const { key } = await ctx.world.kf.kmsKeys.create({ name: 'Team', type: 'ecdsa', region: 'us-east-1' })
    const upload = await ctx.world.kf.cloudfront.upload('Team')
    const colleague = createKmsWorld()
    try {
      const added = await colleague.kf.kmsKeys.add({ name: 'Shop team key', keyId: 'alias/keyfront/Team' })
      expect(added.key).toMatchObject({
        custody: 'kms',
        fingerprint: key.fingerprint,
        kms: { arn: key.kms?.arn, region: 'us-east-1' },
        keyPairId: upload.publicKeyId,
      })
      expect(colleague.keychain.entries.size).toBe(0)
      await expect(
        colleague.kf.kmsKeys.add({ name: 'Again', keyId: key.kms?.arn ?? '' }),
      ).rejects.toMatchObject({ code: 'KEY_ALREADY_HELD' })
    } finally {
      colleague.close()
    }
  })

  it('refuses an ARN of another region than the one given', async () => {
    const arn = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'
    await expect(
      ctx.world.kf.kmsKeys.add({ name: 'Far', keyId: arn, region: 'us-east-1' }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/eu-west-1.*us-east-1/) as unknown,
    })
  })

  it('says when there is no such key in the region', async () => {
    await expect(
      ctx.world.kf.kmsKeys.add({ name: 'None', keyId: 'alias/keyfront/none' }),
    ).rejects.toMatchObject({
      code: 'KMS_KEY_NOT_FOUND',
      message: expect.stringMatching(/alias\/keyfront\/none.*us-east-1/) as unknown,
    })
    expect(await ctx.world.kf.keys.list()).toEqual([])
  })

  it.each([
    ['RSA_4096', 'SIGN_VERIFY'],
    ['SYMMETRIC_DEFAULT', 'ENCRYPT_DECRYPT'],
    ['RSA_2048', 'ENCRYPT_DECRYPT'],
  ] as const)('refuses a %s key for %s: CloudFront cannot use it', async (KeySpec, KeyUsage) => {
    const made = await ctx.kms().send(new CreateKeyCommand({ KeySpec, KeyUsage }))
    await expect(
      ctx.world.kf.kmsKeys.add({ name: 'Wrong', keyId: made.KeyMetadata?.Arn ?? '' }),
    ).rejects.toMatchObject({
      code: 'KMS_KEY_UNSUITABLE',
      message: expect.stringMatching(/RSA_2048 or ECC_NIST_P256/) as unknown,
    })
    expect(await ctx.world.kf.keys.list()).toEqual([])
  })
})

describe('links signed with a KMS key', () => {
  async function uploadedKey(type: 'rsa' | 'ecdsa', name = `Team ${type}`) {
    const { key } = await ctx.world.kf.kmsKeys.create({ name, type, region: 'us-east-1' })
    await ctx.world.kf.cloudfront.upload(name)
    return { key, publicKey: await kmsPublicKey(ctx.kms(), key.kms?.arn ?? '') }
  }

  it.each(['rsa', 'ecdsa'] as const)(
    'a %s URL carries Hash-Algorithm=SHA256 and verifies with the KMS public key and OpenSSL',
    async (type) => {
      const { publicKey, key } = await uploadedKey(type)
      const signed = await ctx.world.kf.links.sign({
        key: key.name,
        url: 'https://d111111abcdef8.cloudfront.net/reports/Q3 report.pdf',
        expiresAt: inAnHour(),
      })
      expect(signed.algorithm).toBe(`${type}-sha256`)
      const parts = urlParts(signed.signedUrl ?? '')
      expect(parts.hashAlgorithm).toBe('SHA256')
      expect(parts.keyPairId).toBe((await ctx.world.kf.keys.find(key.name)).keyPairId)
      expect(signed.signedUrl).toMatch(
        /\?Expires=\d+&Key-Pair-Id=[A-Z0-9]+&Signature=[\w~-]+&Hash-Algorithm=SHA256$/,
      )
      checkSignature(publicKey, parts.policy, parts.signature)
      // The inspector reads Hash-Algorithm=SHA256 and checks the signature with the recorded public key.
      const report = await ctx.world.kf.links.inspect({ input: signed.signedUrl ?? '' })
      expect(report.signature).toBe('verified')
    },
  )

  it('a custom policy (a start time and an IP range) verifies too, and is the policy the history keeps', async () => {
    const { key, publicKey } = await uploadedKey('rsa')
    const signed = await ctx.world.kf.links.sign({
      key: key.name,
      url: 'https://d111111abcdef8.cloudfront.net/a.pdf',
      startsAt: Math.floor(Date.now() / 1000) - 60,
      expiresAt: inAnHour(),
      ipAddress: '203.0.113.0/24',
    })
    const parts = urlParts(signed.signedUrl ?? '')
    expect(parts.policy.toString()).toBe(signed.policy)
    checkSignature(publicKey, parts.policy, parts.signature)
  })

  it('cookies carry CloudFront-Hash-Algorithm=SHA256 and verify', async () => {
    const { key, publicKey } = await uploadedKey('ecdsa')
    const signed = await ctx.world.kf.links.sign({
      key: key.name,
      url: 'https://d111111abcdef8.cloudfront.net/videos/*',
      expiresAt: inAnHour(),
      cookies: true,
    })
    const cookies = Object.fromEntries(
      (signed.cookies ?? []).map((c) => [c.name.replace('CloudFront-', ''), c.value]),
    )
    expect(cookies['Hash-Algorithm']).toBe('SHA256')
    const parts = signedParts(cookies, '')
    checkSignature(publicKey, parts.policy, parts.signature)
  })

  it('a batch signs every URL through KMS, in order, with progress, and records them all', async () => {
    const { key, publicKey } = await uploadedKey('ecdsa')
    const urls = Array.from({ length: 40 }, (_, i) => `https://d111111abcdef8.cloudfront.net/file-${i}.pdf`)
    const progress: number[] = []
    const result = await ctx.world.kf.links.signBatch(
      { key: key.name, urls, expiresAt: inAnHour() },
      { onProgress: (done) => progress.push(done) },
    )
    expect(result.algorithm).toBe('ecdsa-sha256')
    expect(result.signedUrls).toHaveLength(40)
    for (const [i, signedUrl] of result.signedUrls.entries()) {
      const parts = urlParts(signedUrl)
      expect(parts.resource).toBe(urls[i])
      expect(verify('sha256', parts.policy, publicKey, parts.signature)).toBe(true)
    }
    const last = result.signedUrls.at(-1) ?? ''
    expect(opensslVerifies(publicKey, urlParts(last).policy, urlParts(last).signature)).toBe(true)
    expect(progress.at(-1)).toBe(40)
    expect(ctx.world.kf.history.list({ limit: 100 }).entries).toHaveLength(40)
  })

  it('History signs an entry again through KMS: the copy verifies', async () => {
    const { key, publicKey } = await uploadedKey('rsa')
    await ctx.world.kf.links.sign({
      key: key.name,
      url: 'https://d111111abcdef8.cloudfront.net/x',
      expiresAt: inAnHour(),
    })
    const [entry] = ctx.world.kf.history.list({ limit: 1 }).entries
    const again = await ctx.world.kf.links.signAgain(ctx.world.kf.history.get(entry?.id ?? 0))
    const parts = urlParts(again.kind === 'url' ? again.url : '')
    expect(parts.hashAlgorithm).toBe('SHA256')
    checkSignature(publicKey, parts.policy, parts.signature)
  })

  it('History renews an entry through KMS: a new link, recorded as the renewal, that verifies', async () => {
    const { key, publicKey } = await uploadedKey('ecdsa')
    await ctx.world.kf.links.sign({
      key: key.name,
      url: 'https://d111111abcdef8.cloudfront.net/y',
      expiresAt: inAnHour(),
    })
    const [entry] = ctx.world.kf.history.list({ limit: 1 }).entries
    const renewed = await ctx.world.kf.renewals.renew({ id: entry?.id ?? 0 })
    expect(renewed.renewedFrom).toBe(entry?.id)
    const parts = urlParts(renewed.signedUrl ?? '')
    expect(parts.hashAlgorithm).toBe('SHA256')
    checkSignature(publicKey, parts.policy, parts.signature)
  })

  it('a disabled key, or one pending deletion, is refused with what to do', async () => {
    const { key } = await uploadedKey('rsa')
    const arn = key.kms?.arn ?? ''
    const keyId = arn.slice(arn.lastIndexOf('/') + 1)
    const sign = () =>
      ctx.world.kf.links.sign({
        key: key.name,
        url: 'https://d111111abcdef8.cloudfront.net/x',
        expiresAt: inAnHour(),
      })
    await ctx.kms().send(new DisableKeyCommand({ KeyId: keyId }))
    await expect(sign()).rejects.toMatchObject({
      code: 'KMS_KEY_DISABLED',
      message: expect.stringContaining(arn) as unknown,
    })
    await ctx.kms().send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }))
    await expect(sign()).rejects.toMatchObject({
      code: 'KMS_KEY_PENDING_DELETION',
      message: expect.stringMatching(/cancel-key-deletion/) as unknown,
    })
    expect(ctx.world.kf.history.list({ limit: 10 }).entries).toEqual([])
  })
})

describe('the key stays in KMS', () => {
  it('export is refused with the reason', async () => {
    await ctx.world.kf.kmsKeys.create({ name: 'Team', type: 'rsa', region: 'us-east-1' })
    await expect(ctx.world.kf.keys.findExportable('Team')).rejects.toMatchObject({
      code: 'KEY_NOT_EXPORTABLE',
    })
    await expect(
      ctx.world.kf.keys.exportPrivateKey(
        'Team',
        'long enough passphrase',
        join(ctx.world.dataDir, 'out.pem'),
        {
          replace: false,
        },
      ),
    ).rejects.toMatchObject({
      code: 'KEY_NOT_EXPORTABLE',
      message: expect.stringMatching(/never leaves KMS/) as unknown,
    })
  })

  it('removing it from Keyfront only forgets it; deletion in KMS is its own step, and says how to cancel', async () => {
    const { key } = await ctx.world.kf.kmsKeys.create({ name: 'Team', type: 'rsa', region: 'us-east-1' })
    const arn = key.kms?.arn ?? ''
    await expect(ctx.world.kf.kmsKeys.scheduleDeletion('Team', 6)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    })
    const scheduled = await ctx.world.kf.kmsKeys.scheduleDeletion('Team')
    expect(scheduled).toMatchObject({ name: 'Team', arn })
    expect(scheduled.cancelCommand).toMatch(
      /^aws kms cancel-key-deletion --key-id arn:aws:kms:.* --region us-east-1/,
    )
    expect(scheduled.deletionDate).toBeGreaterThan(Date.now() + 29 * 86_400_000)
    const state = async () =>
      (await ctx.kms().send(new DescribeKeyCommand({ KeyId: arn }))).KeyMetadata?.KeyState
    expect(await state()).toBe('PendingDeletion')

    const other = await ctx.world.kf.kmsKeys.create({ name: 'Kept', type: 'ecdsa', region: 'us-east-1' })
    await ctx.world.kf.keys.delete('Kept')
    expect((await ctx.world.kf.keys.list()).map((k) => k.name)).toEqual(['Team'])
    expect(
      (await ctx.kms().send(new DescribeKeyCommand({ KeyId: other.key.kms?.arn }))).KeyMetadata?.KeyState,
    ).toBe('Enabled')
  })

  it('schedule deletion refuses a key kept in the keychain', async () => {
    await ctx.world.kf.keys.create({ name: 'Local', type: 'ecdsa' })
    await expect(ctx.world.kf.kmsKeys.scheduleDeletion('Local')).rejects.toMatchObject({
      code: 'KMS_KEY_NOT_IN_KMS',
    })
  })
})
