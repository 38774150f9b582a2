// The CloudFront double's routes: one handler per CloudFront (and STS) operation Keyfront uses,
// reading and changing the double's state as CloudFront would.
import { randomBytes } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import {
  checkIfMatch,
  checkTrustedKeyGroups,
  distribution,
  distributionNode,
  DOUBLE_ACCOUNT,
  HttpFault,
  keyGroup,
  keyGroupNode,
  list,
  newEtag,
  newId,
  publicKey,
  publicKeyNode,
  summaryNode,
  type DistributionRecord,
  type DoubleState,
  type KeyGroupRecord,
  type PublicKeyRecord,
} from './cloudfront-double-model.ts'
import { childText, descendants, el, itemTexts, parseXml, type XmlNode } from './xml.ts'

export interface Answer {
  status?: number
  body?: XmlNode
  etag?: string
  raw?: string
}
export type Route = (request: IncomingMessage, body: string, params: string[]) => Answer

export function createRoutes(state: DoubleState): [string, RegExp, string, Route][] {
  return [
    [
      'GET',
      /^\/2020-05-31\/public-key$/,
      'ListPublicKeys',
      () => ({
        body: list(
          'PublicKeyList',
          state.publicKeys.map((k) =>
            el(
              'PublicKeySummary',
              el('Id', k.id),
              el('Name', k.name),
              el('CreatedTime', k.createdAt),
              el('EncodedKey', k.encodedKey),
              el('Comment', k.comment),
            ),
          ),
        ),
      }),
    ],
    [
      'POST',
      /^\/2020-05-31\/public-key$/,
      'CreatePublicKey',
      (_request, body) => {
        const config = parseXml(body)
        const callerReference = childText(config, 'CallerReference') ?? ''
        const name = childText(config, 'Name') ?? ''
        const encodedKey = childText(config, 'EncodedKey') ?? ''
        const same = state.publicKeys.find((k) => k.callerReference === callerReference || k.name === name)
        if (same)
          throw new HttpFault(409, 'PublicKeyAlreadyExists', 'The specified public key already exists.')
        if (state.publicKeys.length >= 10)
          throw new HttpFault(400, 'TooManyPublicKeys', 'The maximum number of public keys has been reached.')
        if (!encodedKey.includes('BEGIN PUBLIC KEY'))
          throw new HttpFault(400, 'InvalidArgument', 'Invalid public key.')
        const record: PublicKeyRecord = {
          id: newId('K'),
          callerReference,
          name,
          encodedKey,
          comment: childText(config, 'Comment') ?? '',
          createdAt: new Date().toISOString(),
          etag: newEtag(),
        }
        state.publicKeys.push(record)
        return { status: 201, etag: record.etag, body: publicKeyNode(record) }
      },
    ],
    [
      'GET',
      /^\/2020-05-31\/public-key\/([^/]+)$/,
      'GetPublicKey',
      (_request, _body, [keyId]) => {
        const record = publicKey(state, keyId!)
        return { etag: record.etag, body: publicKeyNode(record) }
      },
    ],
    [
      'DELETE',
      /^\/2020-05-31\/public-key\/([^/]+)$/,
      'DeletePublicKey',
      (request, _body, [keyId]) => {
        const record = publicKey(state, keyId!)
        checkIfMatch(request, record.etag)
        if (state.keyGroups.some((g) => g.items.includes(record.id)))
          throw new HttpFault(409, 'PublicKeyInUse', 'The specified public key is in use.')
        state.publicKeys.splice(state.publicKeys.indexOf(record), 1)
        return { status: 204 }
      },
    ],
    [
      'GET',
      /^\/2020-05-31\/key-group$/,
      'ListKeyGroups',
      () => ({
        body: list(
          'KeyGroupList',
          state.keyGroups.map((g) => el('KeyGroupSummary', keyGroupNode(g))),
        ),
      }),
    ],
    [
      'POST',
      /^\/2020-05-31\/key-group$/,
      'CreateKeyGroup',
      (_request, body) => {
        const config = parseXml(body)
        const name = childText(config, 'Name') ?? ''
        const items = itemTexts(config)
        if (state.keyGroups.some((g) => g.name === name))
          throw new HttpFault(409, 'KeyGroupAlreadyExists', 'A key group with this name already exists.')
        if (state.keyGroups.length >= 10)
          throw new HttpFault(400, 'TooManyKeyGroups', 'The maximum number of key groups has been reached.')
        if (items.length > 5)
          throw new HttpFault(400, 'TooManyPublicKeysInKeyGroup', 'Too many public keys in the key group.')
        const record: KeyGroupRecord = {
          id: newId(''),
          name,
          items,
          comment: childText(config, 'Comment') ?? '',
          etag: newEtag(),
        }
        state.keyGroups.push(record)
        return { status: 201, etag: record.etag, body: keyGroupNode(record) }
      },
    ],
    [
      'GET',
      /^\/2020-05-31\/key-group\/([^/]+)$/,
      'GetKeyGroup',
      (_request, _body, [groupId]) => {
        const record = keyGroup(state, groupId!)
        return { etag: record.etag, body: keyGroupNode(record) }
      },
    ],
    [
      'PUT',
      /^\/2020-05-31\/key-group\/([^/]+)$/,
      'UpdateKeyGroup',
      (request, body, [groupId]) => {
        const record = keyGroup(state, groupId!)
        checkIfMatch(request, record.etag)
        const config = parseXml(body)
        const items = itemTexts(config)
        if (items.length > 5)
          throw new HttpFault(400, 'TooManyPublicKeysInKeyGroup', 'Too many public keys in the key group.')
        if (items.length === 0)
          throw new HttpFault(400, 'InvalidArgument', 'A key group needs at least one public key.')
        record.name = childText(config, 'Name') ?? record.name
        record.items = items
        record.comment = childText(config, 'Comment') ?? ''
        record.etag = newEtag()
        return { etag: record.etag, body: keyGroupNode(record) }
      },
    ],
    [
      'GET',
      /^\/2020-05-31\/distribution$/,
      'ListDistributions',
      () => ({
        body: list('DistributionList', [...state.distributions.values()].map(summaryNode)),
      }),
    ],
    [
      'POST',
      /^\/2020-05-31\/distribution$/,
      'CreateDistribution',
      (_request, body) => {
        const record: DistributionRecord = {
          id: newId('E'),
          domainName: `d${randomBytes(6).toString('hex')}.cloudfront.net`,
          config: parseXml(body),
          etag: newEtag(),
          status: 'InProgress',
          pollsLeft: state.deployPolls,
        }
        state.distributions.set(record.id, record)
        return { status: 201, etag: record.etag, body: distributionNode(record) }
      },
    ],
    [
      'GET',
      /^\/2020-05-31\/distribution\/([^/]+)$/,
      'GetDistribution',
      (_request, _body, [distributionId]) => {
        const record = distribution(state, distributionId!)
        if (record.status === 'InProgress' && record.pollsLeft-- <= 0) record.status = 'Deployed'
        return { etag: record.etag, body: distributionNode(record) }
      },
    ],
    [
      'GET',
      /^\/2020-05-31\/distribution\/([^/]+)\/config$/,
      'GetDistributionConfig',
      (_request, _body, [distributionId]) => {
        const record = distribution(state, distributionId!)
        return { etag: record.etag, body: record.config }
      },
    ],
    [
      'PUT',
      /^\/2020-05-31\/distribution\/([^/]+)\/config$/,
      'UpdateDistribution',
      (request, body, [distributionId]) => {
        const record = distribution(state, distributionId!)
        checkIfMatch(request, record.etag)
        const config = parseXml(body)
        checkTrustedKeyGroups(state, config)
        record.config = config
        record.etag = newEtag()
        record.status = 'InProgress'
        record.pollsLeft = state.deployPolls
        return { etag: record.etag, body: distributionNode(record) }
      },
    ],
    [
      'GET',
      /^\/2020-05-31\/distributionsByKeyGroupId\/([^/]+)$/,
      'ListDistributionsByKeyGroup',
      (_request, _body, [groupId]) => {
        keyGroup(state, groupId!)
        const ids = [...state.distributions.values()]
          .filter((d) =>
            descendants(d.config, 'TrustedKeyGroups').some((g) => itemTexts(g).includes(groupId!)),
          )
          .map((d) => el('DistributionId', d.id))
        return { body: list('DistributionIdList', ids) }
      },
    ],
    [
      'POST',
      /^\/$/,
      'GetCallerIdentity',
      () => ({
        raw: `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::${DOUBLE_ACCOUNT}:user/double</Arn><UserId>AIDADOUBLE</UserId><Account>${DOUBLE_ACCOUNT}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>double</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
      }),
    ],
  ]
}
