// What KMS's errors become: each with its own code and a next step naming the key, and the SDK's
// credential errors (an expired SSO session) mapped as for every AWS call.
import { describe, expect, it } from 'vitest'
import { kmsError } from '../../../../src/core/kms/errors.ts'

const arn = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'
const where = { keyId: arn, region: 'eu-west-1', profile: 'team' }
const sdkError = (name: string, message = '') => Object.assign(new Error(message), { name })

describe('kmsError', () => {
  it('names the action and the key when access is denied', () => {
    const error = kmsError(sdkError('AccessDeniedException'), { ...where, operation: 'Sign' })
    expect(error.code).toBe('AWS_ACCESS_DENIED')
    expect(error.message).toContain(`kms:Sign on ${arn} to profile "team"`)
  })

  it.each([
    ['DisabledException', '', 'KMS_KEY_DISABLED', /enable-key/],
    [
      'KMSInvalidStateException',
      `${arn} is pending deletion.`,
      'KMS_KEY_PENDING_DELETION',
      /cancel-key-deletion/,
    ],
    ['NotFoundException', '', 'KMS_KEY_NOT_FOUND', /eu-west-1/],
    ['InvalidKeyUsageException', '', 'KMS_KEY_UNSUITABLE', /RSA 2048 or ECC NIST P-256/],
  ])('%s → %s', (name, message, code, next) => {
    const error = kmsError(sdkError(name, message), { ...where, operation: 'Sign' })
    expect(error.code).toBe(code)
    expect(error.message).toMatch(next)
  })

  it('says to sign in again when the SSO session has expired', () => {
    const error = kmsError(
      sdkError('CredentialsProviderError', 'The SSO session associated with this profile has expired'),
      {
        ...where,
        operation: 'Sign',
      },
    )
    expect(error.code).toBe('AWS_SSO_EXPIRED')
    expect(error.message).toContain('aws sso login --profile team')
  })

  it('says KMS is limiting the rate when throttling outlasted the retries', () => {
    const throttled = Object.assign(sdkError('ThrottlingException'), { $metadata: { attempts: 4 } })
    const error = kmsError(throttled, { ...where, operation: 'Sign' })
    expect(error.code).toBe('AWS_THROTTLED')
    expect(error.message).toMatch(/KMS is limiting .* even after 4 attempts/)
  })
})
