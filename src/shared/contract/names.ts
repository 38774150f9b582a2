// The names of the contract's channels and events, without their schemas. The preload builds
// `window.keyfront` from these names alone, and it is one sandboxed file that must stay small, so this
// module imports no zod (only types, which vanish at build). A misspelt name fails to compile, and a
// unit test checks that the lists hold exactly the contract's keys, so the two cannot drift apart.
import type { Channel, EventName } from './index.ts'

export const channelNames = [
  'app.info',
  'app.openExternal',
  'keys.list',
  'keys.create',
  'keys.import',
  'keys.show',
  'keys.rename',
  'keys.setKeyPairId',
  'keys.delete',
  'keys.exportPrivate',
  'keys.createKms',
  'keys.addKms',
  'keys.scheduleKmsDeletion',
  'keys.statuses',
  'keys.markReminded',
  'keys.usage',
  'keys.planRotate',
  'keys.rotate',
  'keys.planRetire',
  'keys.retire',
  'links.sign',
  'links.signBatch',
  'links.cancelBatch',
  'links.inspect',
  'links.testLive',
  'links.saveOutput',
  'links.saveQrCode',
  'history.list',
  'history.info',
  'history.copyAgain',
  'history.delete',
  'history.export',
  'history.latestExpiryPerKey',
  'history.expiringCount',
  'history.renewal',
  'history.renew',
  'aws.profiles',
  'aws.whoami',
  'aws.addAccessKey',
  'aws.removeAccessKey',
  'cloudfront.publicKeys',
  'cloudfront.upload',
  'cloudfront.keyGroups',
  'cloudfront.removeKeyFromGroup',
  'cloudfront.distributions',
  'cloudfront.planOnboard',
  'cloudfront.onboard',
  'cloudfront.planDetach',
  'cloudfront.detach',
  'cloudfront.waitDeployed',
  'cloudfront.cancelWait',
  'cloudfront.deploying',
  'cloudfront.sites',
  'cloudfront.forgetSite',
  'cloudfront.renameSite',
  'origin.listBuckets',
  'origin.inspectBucket',
  'origin.plan',
  'origin.apply',
  'files.browse',
  'files.choose',
  'files.dropped',
  'files.share',
  'files.cancelShare',
  'settings.get',
  'settings.update',
] as const satisfies readonly Channel[]

export const eventNames = [
  'task.progress',
  'cloudfront.deployment',
  'app.command',
  'history.changed',
  'history.reset',
] as const satisfies readonly EventName[]

/** `keys.rename` → area `keys`, method `rename`: how a channel appears on `window.keyfront`. */
export function splitChannel(channel: string): { area: string; method: string } {
  const dot = channel.indexOf('.')
  return { area: channel.slice(0, dot), method: channel.slice(dot + 1) }
}
