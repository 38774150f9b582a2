// Handlers of the aws and cloudfront areas. A deployment wait reports progress as
// `cloudfront.deployment` events and can be stopped with cloudfront.cancelWait.
import type { Keyfront } from '../../core/app.ts'
import type { cloudfrontContract } from '../../shared/contract/cloudfront.ts'
import type { DesktopPorts } from './ports.ts'
import type { AreaHandlers } from './router.ts'

export function cloudfrontHandlers(
  kf: Keyfront,
  ports: DesktopPorts,
): AreaHandlers<typeof cloudfrontContract> {
  return {
    'aws.profiles': () => kf.awsAccounts.profiles(),
    'aws.whoami': ({ profile }) => kf.awsAccounts.whoami(profile),
    'aws.addAccessKey': (request) => kf.awsAccounts.addAccessKey(request),
    'aws.removeAccessKey': async ({ name }) => {
      await kf.awsAccounts.removeAccessKey(name)
    },
    'cloudfront.publicKeys': ({ profile }) => kf.cloudfront.publicKeys(profile),
    'cloudfront.upload': ({ profile, key }) => kf.cloudfront.upload(key, profile),
    'cloudfront.keyGroups': ({ profile }) => kf.cloudfront.keyGroups(profile),
    'cloudfront.removeKeyFromGroup': async ({ profile, keyGroupId, publicKeyId }) => ({
      removed: await kf.cloudfront.removeKeyFromGroup(keyGroupId, publicKeyId, profile),
    }),
    'cloudfront.distributions': ({ profile }) => kf.cloudfront.distributions(profile),
    'cloudfront.planOnboard': (request) => kf.cloudfront.planOnboard(request),
    'cloudfront.onboard': (request) => kf.cloudfront.onboard(request),
    'cloudfront.planDetach': (request) => kf.cloudfront.planDetach(request),
    'cloudfront.detach': (request) => kf.cloudfront.detach(request),
    'cloudfront.waitDeployed': ({ profile, distributionId }) =>
      kf.cloudfront.waitDeployed(distributionId, {
        profile,
        onProgress: (progress) => ports.emit('cloudfront.deployment', progress),
      }),
    'cloudfront.cancelWait': ({ distributionId }) => ({
      cancelled: kf.cloudfront.cancelWait(distributionId),
    }),
    'cloudfront.deploying': () => kf.cloudfront.deploying(),
    'cloudfront.sites': () => kf.cloudfront.sites(),
    'cloudfront.siteCandidate': ({ profile, distribution }) =>
      kf.cloudfront.siteCandidate(distribution, profile),
    'cloudfront.addSite': (request) => kf.cloudfront.addSite(request),
    'cloudfront.forgetSite': async ({ distributionId }) => ({
      removed: await kf.cloudfront.forgetSite(distributionId),
    }),
    'cloudfront.renameSite': ({ distributionId, name }) => kf.cloudfront.renameSite(distributionId, name),
    'cloudfront.setUploadFolder': ({ distributionId, folder }) =>
      kf.cloudfront.setUploadFolder(distributionId, folder),
  }
}
