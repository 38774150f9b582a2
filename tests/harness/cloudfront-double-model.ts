// The CloudFront double's account state (public keys, key groups, distributions as the XML they
// were sent in), CloudFront's checks on it (If-Match, key group references, quotas), and the XML
// shapes of its answers.
import { randomBytes } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { child, childText, descendants, el, itemTexts, type XmlNode } from './xml.ts'

export const NS = 'http://cloudfront.amazonaws.com/doc/2020-05-31/'
export const DOUBLE_ACCOUNT = '210987654321'

export interface PublicKeyRecord {
  id: string
  callerReference: string
  name: string
  encodedKey: string
  comment: string
  createdAt: string
  etag: string
}
export interface KeyGroupRecord {
  id: string
  name: string
  items: string[]
  comment: string
  etag: string
}
export interface DistributionRecord {
  id: string
  domainName: string
  config: XmlNode
  etag: string
  status: string
  /** GetDistribution polls left before Status becomes Deployed. */
  pollsLeft: number
}

export class HttpFault extends Error {
  readonly status: number
  readonly code: string
  constructor(status: number, code: string, message: string) {
    super(message)
    this.status = status
    this.code = code
  }
}

export interface DoubleState {
  publicKeys: PublicKeyRecord[]
  keyGroups: KeyGroupRecord[]
  distributions: Map<string, DistributionRecord>
  /** Polls a changed distribution stays InProgress (default 2). */
  deployPolls: number
}

export const newEtag = () => randomBytes(7).toString('hex').toUpperCase()
export const newId = (prefix: string) => prefix + randomBytes(7).toString('hex').toUpperCase().slice(0, 13)

export const distribution = (state: DoubleState, distributionId: string) => {
  const record = state.distributions.get(distributionId)
  if (!record) throw new HttpFault(404, 'NoSuchDistribution', 'The specified distribution does not exist.')
  return record
}
export const publicKey = (state: DoubleState, keyId: string) => {
  const record = state.publicKeys.find((k) => k.id === keyId)
  if (!record) throw new HttpFault(404, 'NoSuchPublicKey', 'The specified public key does not exist.')
  return record
}
export const publicKeyNode = (k: PublicKeyRecord) =>
  el(
    'PublicKey',
    el('Id', k.id),
    el('CreatedTime', k.createdAt),
    el(
      'PublicKeyConfig',
      el('CallerReference', k.callerReference),
      el('Name', k.name),
      el('EncodedKey', k.encodedKey),
      el('Comment', k.comment),
    ),
  )
export const keyGroup = (state: DoubleState, groupId: string) => {
  const record = state.keyGroups.find((g) => g.id === groupId)
  if (!record) throw new HttpFault(404, 'NoSuchResource', 'The specified key group does not exist.')
  return record
}
export const checkIfMatch = (request: IncomingMessage, current: string) => {
  const ifMatch = request.headers['if-match']
  if (!ifMatch)
    throw new HttpFault(400, 'InvalidIfMatchVersion', 'The If-Match version is missing or not valid.')
  if (ifMatch !== current) {
    throw new HttpFault(
      412,
      'PreconditionFailed',
      'The precondition given in one or more of the request fields evaluated to false.',
    )
  }
}
export const checkTrustedKeyGroups = (state: DoubleState, config: XmlNode) => {
  for (const groups of descendants(config, 'TrustedKeyGroups')) {
    const items = itemTexts(groups)
    if (Number(childText(groups, 'Quantity')) !== items.length) {
      throw new HttpFault(
        400,
        'InconsistentQuantities',
        'The value of Quantity and the size of Items do not match.',
      )
    }
    if (items.length > 4) {
      throw new HttpFault(
        400,
        'TooManyKeyGroupsAssociatedToDistribution',
        'Too many key groups on a cache behavior.',
      )
    }
    for (const groupId of items) {
      if (!state.keyGroups.some((g) => g.id === groupId)) {
        throw new HttpFault(400, 'TrustedKeyGroupDoesNotExist', 'The specified key group does not exist.')
      }
    }
  }
}
export const keyGroupNode = (g: KeyGroupRecord) =>
  el(
    'KeyGroup',
    el('Id', g.id),
    el('LastModifiedTime', new Date().toISOString()),
    el(
      'KeyGroupConfig',
      el('Name', g.name),
      el('Items', ...g.items.map((k) => el('PublicKey', k))),
      el('Comment', g.comment),
    ),
  )
export const distributionNode = (d: DistributionRecord) =>
  el(
    'Distribution',
    el('Id', d.id),
    el('ARN', `arn:aws:cloudfront::${DOUBLE_ACCOUNT}:distribution/${d.id}`),
    el('Status', d.status),
    el('LastModifiedTime', new Date().toISOString()),
    el('InProgressInvalidationBatches', 0),
    el('DomainName', d.domainName),
    el('ActiveTrustedSigners', el('Enabled', false), el('Quantity', 0)),
    el('ActiveTrustedKeyGroups', el('Enabled', false), el('Quantity', 0)),
    d.config,
  )
export const summaryNode = (d: DistributionRecord) => {
  const pick = (name: string) => child(d.config, name)
  return el(
    'DistributionSummary',
    el('Id', d.id),
    el('ARN', `arn:aws:cloudfront::${DOUBLE_ACCOUNT}:distribution/${d.id}`),
    el('Status', d.status),
    el('LastModifiedTime', new Date().toISOString()),
    el('DomainName', d.domainName),
    pick('Aliases') ?? el('Aliases', el('Quantity', 0)),
    pick('Origins'),
    pick('DefaultCacheBehavior'),
    pick('CacheBehaviors') ?? el('CacheBehaviors', el('Quantity', 0)),
    el('CustomErrorResponses', el('Quantity', 0)),
    el('Comment', childText(d.config, 'Comment') ?? ''),
    el('PriceClass', childText(d.config, 'PriceClass') ?? 'PriceClass_All'),
    el('Enabled', childText(d.config, 'Enabled') ?? 'true'),
    el('ViewerCertificate', el('CloudFrontDefaultCertificate', true)),
    el('Restrictions', el('GeoRestriction', el('RestrictionType', 'none'), el('Quantity', 0))),
    el('WebACLId', ''),
    el('HttpVersion', 'http2'),
    el('IsIPV6Enabled', true),
    el('Staging', false),
  )
}
export const list = (name: string, items: XmlNode[]) =>
  el(
    name,
    el('Marker', ''),
    el('MaxItems', 100),
    el('IsTruncated', false),
    el('Quantity', items.length),
    el('Items', ...items),
  )
