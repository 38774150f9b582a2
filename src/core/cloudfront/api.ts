// The CloudFront calls Keyfront makes, as plain async functions: every call's failure becomes a
// KeyfrontError (cloudfront/errors.ts), lists are read to the end (Marker/NextMarker), and calls
// that need an ETag return it. The SDK client has already retried throttling, 5xx and network errors.
import {
  CreateKeyGroupCommand,
  CreatePublicKeyCommand,
  DeletePublicKeyCommand,
  GetDistributionCommand,
  GetDistributionConfigCommand,
  GetKeyGroupCommand,
  GetPublicKeyCommand,
  ListDistributionsByKeyGroupCommand,
  ListDistributionsCommand,
  ListKeyGroupsCommand,
  ListPublicKeysCommand,
  UpdateDistributionCommand,
  UpdateKeyGroupCommand,
  type CloudFrontClient,
  type Distribution,
  type DistributionConfig,
  type DistributionSummary,
  type KeyGroup,
  type KeyGroupConfig,
  type PublicKey,
  type PublicKeyConfig,
  type PublicKeySummary,
} from '@aws-sdk/client-cloudfront'
import { KeyfrontError } from '../../shared/errors.ts'
import type { AwsAccounts } from '../aws/accounts.ts'
import type { AwsClientFactory } from '../aws/clients.ts'
import { cloudFrontError } from './errors.ts'

export interface Versioned<T> {
  value: T
  etag: string
}

export type CloudFrontApi = ReturnType<typeof createCloudFrontApi>

export function createCloudFrontApi(client: CloudFrontClient, profile?: string) {
  const call = async <T>(operation: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run()
    } catch (error) {
      throw cloudFrontError(error, operation, profile)
    }
  }
  /** Reads every page of a CloudFront list (they page with Marker → NextMarker). */
  const all = async <T>(
    operation: string,
    page: (marker: string | undefined) => Promise<{ items: T[]; next: string | undefined }>,
  ): Promise<T[]> => {
    const items: T[] = []
    let marker: string | undefined
    do {
      const result = await call(operation, () => page(marker))
      items.push(...result.items)
      marker = result.next
    } while (marker)
    return items
  }
  return {
    listPublicKeys: () =>
      all<PublicKeySummary>('ListPublicKeys', async (Marker) => {
        const list = (await client.send(new ListPublicKeysCommand({ Marker }))).PublicKeyList
        return { items: list?.Items ?? [], next: list?.NextMarker }
      }),

    createPublicKey: (config: PublicKeyConfig) =>
      call('CreatePublicKey', async () =>
        required((await client.send(new CreatePublicKeyCommand({ PublicKeyConfig: config }))).PublicKey),
      ),

    getPublicKey: (id: string) =>
      call('GetPublicKey', async (): Promise<Versioned<PublicKey>> => {
        const result = await client.send(new GetPublicKeyCommand({ Id: id }))
        return { value: required(result.PublicKey), etag: required(result.ETag) }
      }),

    deletePublicKey: (id: string, etag: string) =>
      call('DeletePublicKey', async () => {
        await client.send(new DeletePublicKeyCommand({ Id: id, IfMatch: etag }))
      }),

    listKeyGroups: () =>
      all<KeyGroup>('ListKeyGroups', async (Marker) => {
        const list = (await client.send(new ListKeyGroupsCommand({ Marker }))).KeyGroupList
        return {
          items: (list?.Items ?? []).flatMap((item) => (item.KeyGroup ? [item.KeyGroup] : [])),
          next: list?.NextMarker,
        }
      }),

    getKeyGroup: (id: string) =>
      call('GetKeyGroup', async (): Promise<Versioned<KeyGroup>> => {
        const result = await client.send(new GetKeyGroupCommand({ Id: id }))
        return { value: required(result.KeyGroup), etag: required(result.ETag) }
      }),

    createKeyGroup: (config: KeyGroupConfig) =>
      call('CreateKeyGroup', async () =>
        required((await client.send(new CreateKeyGroupCommand({ KeyGroupConfig: config }))).KeyGroup),
      ),

    updateKeyGroup: (id: string, config: KeyGroupConfig, etag: string) =>
      call('UpdateKeyGroup', async () =>
        required(
          (await client.send(new UpdateKeyGroupCommand({ Id: id, IfMatch: etag, KeyGroupConfig: config })))
            .KeyGroup,
        ),
      ),

    listDistributions: () =>
      all<DistributionSummary>('ListDistributions', async (Marker) => {
        const list = (await client.send(new ListDistributionsCommand({ Marker }))).DistributionList
        return { items: list?.Items ?? [], next: list?.NextMarker }
      }),

    listDistributionIdsByKeyGroup: (keyGroupId: string) =>
      all<string>('ListDistributionsByKeyGroup', async (Marker) => {
        const list = (
          await client.send(new ListDistributionsByKeyGroupCommand({ KeyGroupId: keyGroupId, Marker }))
        ).DistributionIdList
        return { items: list?.Items ?? [], next: list?.NextMarker }
      }),

    getDistribution: (id: string, abortSignal?: AbortSignal) =>
      call('GetDistribution', async (): Promise<Versioned<Distribution>> => {
        const result = await client.send(new GetDistributionCommand({ Id: id }), { abortSignal })
        return { value: required(result.Distribution), etag: required(result.ETag) }
      }),

    getDistributionConfig: (id: string) =>
      call('GetDistributionConfig', async (): Promise<Versioned<DistributionConfig>> => {
        const result = await client.send(new GetDistributionConfigCommand({ Id: id }))
        return { value: required(result.DistributionConfig), etag: required(result.ETag) }
      }),

    updateDistribution: (id: string, config: DistributionConfig, etag: string) =>
      call('UpdateDistribution', async (): Promise<Versioned<Distribution>> => {
        const result = await client.send(
          new UpdateDistributionCommand({ Id: id, IfMatch: etag, DistributionConfig: config }),
        )
        return { value: required(result.Distribution), etag: required(result.ETag) }
      }),
  }
}

/** Runs `run` with a CloudFront API for the profile, and releases the client when it is done. */
export async function withCloudFrontApi<T>(
  deps: { aws: AwsClientFactory; accounts: Pick<AwsAccounts, 'clientOptions'> },
  profile: string | undefined,
  run: (api: CloudFrontApi) => Promise<T>,
): Promise<T> {
  const client = deps.aws.cloudFront(await deps.accounts.clientOptions(profile))
  try {
    return await run(createCloudFrontApi(client, profile))
  } finally {
    client.destroy()
  }
}

/**
 * Runs a read-modify-write once more when CloudFront says the ETag is stale (someone saved in
 * between): the second attempt re-reads, so it applies the change on top of theirs. A second
 * PreconditionFailed is reported.
 */
export async function retryOnceIfStale<T>(attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt()
  } catch (error) {
    if (error instanceof KeyfrontError && error.code === 'CF_PRECONDITION_FAILED') return attempt()
    throw error
  }
}

/** CloudFront always sends these; a missing one means a broken response, not a user mistake. */
function required<T>(value: T | undefined): T {
  if (value === undefined) {
    throw new KeyfrontError('AWS_ERROR', 'CloudFront sent an incomplete answer. Try again in a moment.')
  }
  return value
}
