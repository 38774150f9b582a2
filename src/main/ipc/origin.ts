// Handlers of the origin area: a private S3 bucket served through a new CloudFront distribution.
import type { Keyfront } from '../../core/app.ts'
import type { originContract } from '../../shared/contract/origin.ts'
import type { AreaHandlers } from './router.ts'

export function originHandlers(kf: Keyfront): AreaHandlers<typeof originContract> {
  return {
    'origin.listBuckets': ({ profile }) => kf.origin.listBuckets(profile),
    'origin.inspectBucket': ({ bucket, region, profile }) => kf.origin.inspectBucket(bucket, region, profile),
    'origin.plan': ({ profile, ...target }) => kf.origin.plan(target, profile),
    // bucketPolicyConsent is checked by the contract (it must be true to get here).
    'origin.apply': ({ profile, bucketPolicyConsent: _consent, ...request }) =>
      kf.origin.apply(request, profile),
  }
}
