// Finds or creates the origin access control (OAC) for a bucket: S3 origin, SigV4, always sign. Its
// name is derived from the bucket, so a re-run finds the one an earlier run created instead of
// making another. An OAC of that name with other settings is left alone and reported.
import {
  CreateOriginAccessControlCommand,
  ListOriginAccessControlsCommand,
  type OriginAccessControlSummary,
} from '@aws-sdk/client-cloudfront'
import { KeyfrontError } from '../../shared/errors.ts'
import { awsCall, awsErrorName, toOriginError, type CloudFrontAccess } from './aws-call.ts'

const LIST_PAGES_MAX = 100

export interface AccessControl {
  id: string
  name: string
}

export async function findAccessControl(
  { cf, profile }: CloudFrontAccess,
  name: string,
): Promise<AccessControl | undefined> {
  let marker: string | undefined
  for (let page = 0; page < LIST_PAGES_MAX; page++) {
    const out = await awsCall({ service: 'CloudFront', operation: 'ListOriginAccessControls', profile }, () =>
      cf.send(new ListOriginAccessControlsCommand({ Marker: marker })),
    )
    const list = out.OriginAccessControlList
    const match = list?.Items?.find((item) => item.Name === name)
    if (match) return checked(match)
    marker = list?.IsTruncated ? list.NextMarker : undefined
    if (!marker) return undefined
  }
  return undefined
}

export async function findOrCreateAccessControl(
  access: CloudFrontAccess,
  name: string,
  bucket: string,
): Promise<AccessControl & { created: boolean }> {
  const existing = await findAccessControl(access, name)
  if (existing) return { ...existing, created: false }
  try {
    const out = await access.cf.send(
      new CreateOriginAccessControlCommand({
        OriginAccessControlConfig: {
          Name: name,
          Description: `Keyfront: lets CloudFront read the private bucket ${bucket}`,
          OriginAccessControlOriginType: 's3',
          SigningProtocol: 'sigv4',
          SigningBehavior: 'always',
        },
      }),
    )
    const id = out.OriginAccessControl?.Id
    if (!id)
      throw new KeyfrontError('AWS_ERROR', 'CloudFront did not return the new origin access control’s id.')
    return { id, name, created: true }
  } catch (error) {
    // Another run created it in the meantime: use that one.
    if (awsErrorName(error) === 'OriginAccessControlAlreadyExists') {
      const raced = await findAccessControl(access, name)
      if (raced) return { ...raced, created: false }
    }
    throw toOriginError(error, {
      service: 'CloudFront',
      operation: 'CreateOriginAccessControl',
      profile: access.profile,
    })
  }
}

function checked(summary: OriginAccessControlSummary): AccessControl {
  const fits =
    summary.OriginAccessControlOriginType === 's3' &&
    summary.SigningProtocol === 'sigv4' &&
    summary.SigningBehavior === 'always'
  if (!fits || !summary.Id || !summary.Name) {
    throw new KeyfrontError(
      'CF_ACCESS_CONTROL_MISMATCH',
      `An origin access control named ${summary.Name ?? ''} exists but is not set to "S3, SigV4, always sign". ` +
        'Change it to those settings in the CloudFront console, or delete it, then try again.',
    )
  }
  return { id: summary.Id, name: summary.Name }
}
