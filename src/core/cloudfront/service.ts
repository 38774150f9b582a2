// CloudFrontService: what the app and the CLI ask of CloudFront — list public keys, key groups and
// distributions; upload a key; plan and apply onboarding or detaching; wait for a deployment.
// Each call makes a client for the chosen profile and releases it when done. Onboarded
// distributions are remembered locally as sites that accept signed links (signed-sites.json).
import type {
  DeployingRecord,
  DeploymentProgress,
  DetachRequest,
  DistributionInfo,
  KeyGroupInfo,
  OnboardPlan,
  OnboardRequest,
  OnboardResult,
  PublicKeyInfo,
  SignedSite,
  TrustPlan,
  TrustResult,
  UploadResult,
} from '../../shared/contract/cloudfront.ts'
import type { AwsAccounts } from '../aws/accounts.ts'
import type { AwsClientFactory } from '../aws/clients.ts'
import type { Clock } from '../clock.ts'
import type { KeyDirectory } from '../keys/signing-key.ts'
import { createCloudFrontApi, type CloudFrontApi } from './api.ts'
import { DeployingStore, waitUntilDeployed } from './deployment.ts'
import { listDistributions } from './distributions.ts'
import { describeKeyGroups } from './key-group-list.ts'
import { removeKeyFromGroup } from './key-groups.ts'
import { runOnboarding } from './onboard.ts'
import { planDetach, planOnboard } from './plan.ts'
import { describePublicKeys, ensurePublicKey } from './public-keys.ts'
import { restrictedPaths, SignedSites, siteAddressesOf } from './signed-sites.ts'
import { applyTrust } from './trust.ts'

export interface CloudFrontServiceDeps {
  aws: AwsClientFactory
  accounts: AwsAccounts
  keys: KeyDirectory
  dataDir: string
  clock: Clock
  /** How often a deployment is polled; CloudFront takes minutes, so every 15 s by default. */
  pollIntervalMs?: number
}

export interface WaitRequest {
  profile?: string
  onProgress?: (progress: DeploymentProgress) => void
  signal?: AbortSignal
}

export class CloudFrontService {
  readonly #deps: CloudFrontServiceDeps
  readonly #deploying: DeployingStore
  readonly #sites: SignedSites
  /** Waits in progress, by distribution id, so the app can cancel them. */
  readonly #waits = new Map<string, Set<AbortController>>()

  constructor(deps: CloudFrontServiceDeps) {
    this.#deps = deps
    this.#deploying = new DeployingStore(deps.dataDir)
    this.#sites = new SignedSites(deps.dataDir)
  }

  publicKeys(profile?: string): Promise<PublicKeyInfo[]> {
    return this.#withApi(profile, async (api) =>
      describePublicKeys(await api.listPublicKeys(), await this.#deps.keys.list()),
    )
  }

  /** Uploads a held key's public half (or finds it already there) and records its Key-Pair-Id. */
  async upload(keyRef: string, profile?: string): Promise<UploadResult> {
    const { accountId } = await this.#deps.accounts.whoami(profile)
    const key = await this.#deps.keys.find(keyRef)
    const pem = await this.#deps.keys.publicKeyPem(key.id)
    const uploaded = await this.#withApi(profile, (api) => ensurePublicKey(api, key, pem))
    if (!key.uploads.some((u) => u.keyPairId === uploaded.id && u.accountId === accountId)) {
      await this.#deps.keys.recordUpload(key.id, { keyPairId: uploaded.id, accountId })
    }
    return { publicKeyId: uploaded.id, name: uploaded.name, reused: uploaded.reused, accountId }
  }

  keyGroups(profile?: string): Promise<KeyGroupInfo[]> {
    return this.#withApi(profile, async (api) => describeKeyGroups(api, await this.#deps.keys.list()))
  }

  removeKeyFromGroup(keyGroupId: string, publicKeyId: string, profile?: string): Promise<boolean> {
    return this.#withApi(profile, (api) => removeKeyFromGroup(api, keyGroupId, publicKeyId))
  }

  distributions(profile?: string): Promise<DistributionInfo[]> {
    return this.#withApi(profile, listDistributions)
  }

  async planOnboard(request: OnboardRequest): Promise<OnboardPlan> {
    const { accountId } = await this.#deps.accounts.whoami(request.profile)
    const key = await this.#deps.keys.find(request.key)
    return this.#withApi(request.profile, (api) => planOnboard(api, request, { accountId, key }))
  }

  /** Upload if needed → create or extend the key group → attach to behaviors. Idempotent. */
  async onboard(request: OnboardRequest): Promise<OnboardResult> {
    const { accountId } = await this.#deps.accounts.whoami(request.profile)
    const key = await this.#deps.keys.find(request.key)
    const result = await this.#withApi(request.profile, async (api) => {
      const onboarded = await runOnboarding(api, request, { accountId, keys: this.#deps.keys })
      const { value: distribution } = await api.getDistribution(request.distributionId)
      const site: SignedSite = {
        distributionId: request.distributionId,
        ...siteAddressesOf(distribution),
        keyId: key.id,
        keyPairId: onboarded.publicKeyId,
        keyGroupId: onboarded.keyGroupId,
        keyGroupName: onboarded.keyGroupName,
        restrictedPaths: restrictedPaths(distribution, onboarded.keyGroupId),
        accountId,
        onboardedAt: this.#deps.clock.now(),
      }
      if (request.profile) site.profile = request.profile
      await this.#sites.remember(site)
      return onboarded
    })
    await this.#markDeploying(result, request.profile)
    return result
  }

  /** Distributions onboarded from here, read from the data folder only (no AWS call). */
  sites(): Promise<SignedSite[]> {
    return this.#sites.list()
  }

  /** Forgets a site here; CloudFront keeps trusting the key until it is detached. */
  forgetSite(distributionId: string): Promise<boolean> {
    return this.#sites.forget(distributionId)
  }

  planDetach(request: DetachRequest): Promise<TrustPlan> {
    return this.#withApi(request.profile, (api) => planDetach(api, request))
  }

  async detach(request: DetachRequest): Promise<TrustResult> {
    const plan = await this.planDetach(request)
    const keyGroupId = plan.keyGroup.id ?? ''
    const outcome = await this.#withApi(request.profile, (api) =>
      applyTrust(api, request.distributionId, keyGroupId, request.behaviors, 'detach'),
    )
    await this.#afterDetach(request, keyGroupId)
    const result = {
      distributionId: request.distributionId,
      keyGroupId,
      keyGroupName: request.keyGroup,
      ...outcome,
    }
    await this.#markDeploying(result, request.profile)
    return result
  }

  /** Polls until Deployed. Stops with CANCELLED when `signal` aborts or cancelWait() is called. */
  async waitDeployed(distributionId: string, request: WaitRequest = {}): Promise<DeploymentProgress> {
    const controller = new AbortController()
    const stop = () => controller.abort()
    request.signal?.addEventListener('abort', stop, { once: true })
    if (request.signal?.aborted) controller.abort()
    const waits = this.#waits.get(distributionId) ?? new Set()
    this.#waits.set(distributionId, waits.add(controller))
    try {
      const record = await this.#deploying.find(distributionId)
      const progress = await this.#withApi(request.profile ?? record?.profile, (api) =>
        waitUntilDeployed(api, distributionId, {
          since: record?.since ?? this.#deps.clock.now(),
          intervalMs: this.#deps.pollIntervalMs ?? 15_000,
          clock: this.#deps.clock,
          signal: controller.signal,
          onProgress: request.onProgress,
        }),
      )
      await this.#deploying.remove(distributionId)
      return progress
    } finally {
      request.signal?.removeEventListener('abort', stop)
      waits.delete(controller)
      if (waits.size === 0) this.#waits.delete(distributionId)
    }
  }

  /** Stops every wait for this distribution; false when none was running. */
  cancelWait(distributionId: string): boolean {
    const waits = this.#waits.get(distributionId)
    if (!waits?.size) return false
    for (const controller of waits) controller.abort()
    return true
  }

  deploying(): Promise<DeployingRecord[]> {
    return this.#deploying.list()
  }

  /** A site whose key group no longer guards any path stops being offered for signed links. */
  async #afterDetach(request: DetachRequest, keyGroupId: string): Promise<void> {
    const site = (await this.#sites.list()).find(
      (s) => s.distributionId === request.distributionId && s.keyGroupId === keyGroupId,
    )
    if (!site) return
    const { value } = await this.#withApi(request.profile, (api) =>
      api.getDistribution(request.distributionId),
    )
    const paths = restrictedPaths(value, keyGroupId)
    if (paths.length === 0) await this.#sites.forget(site.distributionId)
    else await this.#sites.remember({ ...site, restrictedPaths: paths })
  }

  /**
   * Remembers a distribution as deploying after a change — also when this run changed nothing but an
   * earlier, interrupted run's change is still InProgress.
   */
  async #markDeploying(result: TrustResult, profile: string | undefined): Promise<void> {
    if (result.changedBehaviors.length === 0 && result.status !== 'InProgress') return
    const record: DeployingRecord = { distributionId: result.distributionId, since: this.#deps.clock.now() }
    if (profile) record.profile = profile
    await this.#deploying.add(record)
  }

  async #withApi<T>(profile: string | undefined, run: (api: CloudFrontApi) => Promise<T>): Promise<T> {
    const client = this.#deps.aws.cloudFront(await this.#deps.accounts.clientOptions(profile))
    try {
      return await run(createCloudFrontApi(client, profile))
    } finally {
      client.destroy()
    }
  }
}
