// CloudFrontService: what the app and the CLI ask of CloudFront — list public keys, key groups and
// distributions; upload a key; plan and apply onboarding or detaching; wait for a deployment.
// Each call makes a client for the chosen profile and releases it when done. Onboarded
// distributions are remembered locally as sites that accept signed links (signed-sites.json).
import type { Distribution } from '@aws-sdk/client-cloudfront'
import type {
  AddSiteRequest,
  DeployingInfo,
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
  SiteCandidate,
  SiteKeyChoice,
  TrustPlan,
  TrustResult,
  UploadResult,
} from '../../shared/contract/cloudfront.ts'
import { KeyfrontError } from '../../shared/errors.ts'
import { siteName } from '../../shared/site-link.ts'
import type { AwsAccounts } from '../aws/accounts.ts'
import type { AwsClientFactory } from '../aws/clients.ts'
import type { Clock } from '../clock.ts'
import type { KeyDirectory } from '../keys/signing-key.ts'
import { withCloudFrontApi, type CloudFrontApi } from './api.ts'
import { cancelled, DeployingStore, onDeployingAdded, waitUntilDeployed } from './deployment.ts'
import { listDistributions } from './distributions.ts'
import { describeKeyGroups } from './key-group-list.ts'
import { removeKeyFromGroup } from './key-groups.ts'
import { runOnboarding } from './onboard.ts'
import { planDetach, planOnboard } from './plan.ts'
import { describePublicKeys, ensurePublicKey } from './public-keys.ts'
import { restrictedPaths, SignedSites, siteAddressesOf, siteCommentOf } from './signed-sites.ts'
import { findDistribution } from './site-distribution.ts'
import { trustedHeldKeys } from './site-trust.ts'
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
  /** How often to poll, when this wait starts the poll (default: the service's). */
  intervalMs?: number
}

interface Waiter {
  onProgress?: (progress: DeploymentProgress) => void
  resolve: (progress: DeploymentProgress) => void
  reject: (error: unknown) => void
  /** Stops listening to the waiter's own signal. */
  settled?: () => void
}

interface Poll {
  waiters: Set<Waiter>
  controller: AbortController
  last?: DeploymentProgress
}

export class CloudFrontService {
  readonly #deps: CloudFrontServiceDeps
  readonly #deploying: DeployingStore
  readonly #sites: SignedSites
  /** The one poll per distribution being waited for, with its waiters. */
  readonly #polls = new Map<string, Poll>()
  /** The last poll of each distribution, kept after its poll stopped (for deploying()). */
  readonly #lastSeen = new Map<string, DeploymentProgress>()

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
        ...siteCommentOf(distribution),
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

  /** The distribution (by id or address) and the keys held here that it trusts. Reads only. */
  async siteCandidate(distribution: string, profile?: string): Promise<SiteCandidate> {
    const keys = await this.#deps.keys.list()
    return this.#withApi(profile, async (api) => {
      const found = await findDistribution(api, distribution)
      return {
        distributionId: found.Id ?? '',
        ...siteAddressesOf(found),
        ...siteCommentOf(found),
        keys: await trustedHeldKeys(api, found, keys),
      }
    })
  }

  /**
   * Records a site that was onboarded elsewhere (another computer, the console): CloudFront is read,
   * never changed. The key must be one the distribution trusts; its Key-Pair-Id is recorded on the
   * key when this computer did not know it, so links can be signed at once.
   */
  async addSite(request: AddSiteRequest): Promise<SignedSite> {
    const { accountId } = await this.#deps.accounts.whoami(request.profile)
    const key = await this.#deps.keys.find(request.key)
    const { distribution, choice } = await this.#withApi(request.profile, async (api) => {
      const distribution = await findDistribution(api, request.distribution)
      const choices = await trustedHeldKeys(api, distribution, [key])
      return { distribution, choice: choices[0] ?? keyNotTrusted(key.name, distribution) }
    })
    if (!key.uploads.some((u) => u.keyPairId === choice.keyPairId)) {
      await this.#deps.keys.recordUpload(key.id, { keyPairId: choice.keyPairId, accountId })
    }
    const site: SignedSite = {
      distributionId: distribution.Id ?? '',
      ...siteAddressesOf(distribution),
      ...siteCommentOf(distribution),
      keyId: key.id,
      keyPairId: choice.keyPairId,
      keyGroupId: choice.keyGroupId,
      keyGroupName: choice.keyGroupName,
      restrictedPaths: chosenPaths(choice, request.paths),
      accountId,
      onboardedAt: this.#deps.clock.now(),
    }
    if (request.profile) site.profile = request.profile
    await this.#sites.remember(site)
    return (await this.#sites.list()).find((s) => s.distributionId === site.distributionId) ?? site
  }

  /** Forgets a site here; CloudFront keeps trusting the key until it is detached. */
  forgetSite(distributionId: string): Promise<boolean> {
    return this.#sites.forget(distributionId)
  }

  /** Names a site on this computer only; CloudFront is not changed. */
  renameSite(distributionId: string, name: string): Promise<SignedSite> {
    return this.#sites.rename(distributionId, name)
  }

  /** Where uploads to the site go by default, on this computer only. */
  setUploadFolder(distributionId: string, folder: string): Promise<SignedSite> {
    return this.#sites.setUploadFolder(distributionId, folder)
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

  /**
   * Resolves once CloudFront says Deployed, reporting each poll. Every caller waiting on one
   * distribution shares one poll (the app's watcher and a screen never poll twice); it stops once no
   * one waits any more. Stops with CANCELLED when `signal` aborts or cancelWait() is called.
   */
  waitDeployed(distributionId: string, request: WaitRequest = {}): Promise<DeploymentProgress> {
    return new Promise((resolve, reject) => {
      if (request.signal?.aborted) return reject(cancelled())
      const poll = this.#polls.get(distributionId) ?? this.#startPoll(distributionId, request)
      const waiter: Waiter = { onProgress: request.onProgress, resolve, reject }
      const leave = () => {
        if (!poll.waiters.delete(waiter)) return
        reject(cancelled())
        if (poll.waiters.size === 0) this.#stopPoll(distributionId, poll)
      }
      request.signal?.addEventListener('abort', leave, { once: true })
      waiter.settled = () => request.signal?.removeEventListener('abort', leave)
      poll.waiters.add(waiter)
      if (poll.last) request.onProgress?.(poll.last)
    })
  }

  /** Stops every wait for this distribution; false when none was running. */
  cancelWait(distributionId: string): boolean {
    const poll = this.#polls.get(distributionId)
    if (!poll) return false
    this.#stopPoll(distributionId, poll)
    return true
  }

  /** What is deploying, with its name here and the last poll this process saw. */
  async deploying(): Promise<DeployingInfo[]> {
    const [records, sites] = await Promise.all([this.#deploying.list(), this.#sites.list()])
    return records.map((record) => {
      const site = sites.find((s) => s.distributionId === record.distributionId)
      const last = this.#polls.get(record.distributionId)?.last ?? this.#lastSeen.get(record.distributionId)
      const domainName = record.domainName ?? last?.domainName
      return {
        ...record,
        name: site ? siteName(site) : (domainName ?? record.distributionId),
        ...(last && { last }),
      }
    })
  }

  /** Calls `listener` when a change made in this process starts deploying (any service's). */
  onDeploying(listener: (record: DeployingRecord) => void): () => void {
    return onDeployingAdded(this.#deps.dataDir, listener)
  }

  #startPoll(distributionId: string, request: WaitRequest): Poll {
    const poll: Poll = { waiters: new Set(), controller: new AbortController() }
    this.#polls.set(distributionId, poll)
    const settle = (outcome: { progress: DeploymentProgress } | { error: unknown }) => {
      if (this.#polls.get(distributionId) === poll) this.#polls.delete(distributionId)
      for (const waiter of poll.waiters) {
        waiter.settled?.()
        if ('progress' in outcome) waiter.resolve(outcome.progress)
        else waiter.reject(outcome.error)
      }
      poll.waiters.clear()
    }
    void this.#poll(distributionId, poll, request).then(
      (progress) => settle({ progress }),
      (error: unknown) => settle({ error }),
    )
    return poll
  }

  async #poll(distributionId: string, poll: Poll, request: WaitRequest): Promise<DeploymentProgress> {
    const record = await this.#deploying.find(distributionId)
    try {
      const progress = await this.#withApi(request.profile ?? record?.profile, (api) =>
        waitUntilDeployed(api, distributionId, {
          since: record?.since ?? this.#deps.clock.now(),
          intervalMs: request.intervalMs ?? this.#deps.pollIntervalMs ?? 15_000,
          clock: this.#deps.clock,
          signal: poll.controller.signal,
          onProgress: (progress) => {
            poll.last = progress
            this.#lastSeen.set(distributionId, progress)
            // The last one is told once it is off the list, so whoever hears "done" reads it so.
            if (!progress.done) for (const waiter of poll.waiters) waiter.onProgress?.(progress)
          },
        }),
      )
      await this.#deploying.remove(distributionId)
      for (const waiter of poll.waiters) waiter.onProgress?.(progress)
      return progress
    } catch (error) {
      // A distribution deleted meanwhile will never be Deployed: stop listing it as deploying.
      if (error instanceof KeyfrontError && error.code === 'CF_NO_SUCH_DISTRIBUTION') {
        await this.#deploying.remove(distributionId)
      }
      throw error
    }
  }

  /** Stops the poll and tells its waiters they were cancelled. */
  #stopPoll(distributionId: string, poll: Poll): void {
    if (this.#polls.get(distributionId) === poll) this.#polls.delete(distributionId)
    for (const waiter of poll.waiters) {
      waiter.settled?.()
      waiter.reject(cancelled())
    }
    poll.waiters.clear()
    poll.controller.abort()
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
    const site = (await this.#sites.list()).find((s) => s.distributionId === result.distributionId)
    const record: DeployingRecord = { distributionId: result.distributionId, since: this.#deps.clock.now() }
    if (profile) record.profile = profile
    if (site) record.domainName = site.domainName
    await this.#deploying.add(record)
  }

  #withApi<T>(profile: string | undefined, run: (api: CloudFrontApi) => Promise<T>): Promise<T> {
    return withCloudFrontApi(this.#deps, profile, run)
  }
}

function keyNotTrusted(keyName: string, distribution: Distribution): never {
  const id = distribution.Id ?? ''
  throw new KeyfrontError(
    'SITE_KEY_NOT_TRUSTED',
    `${id} (${distribution.DomainName ?? ''}) does not accept links signed with the key "${keyName}": none of its behaviors trusts a key group holding it. Ask whoever set the site up for its setup file (keyfront setup import), or restrict the site to this key first: keyfront cloudfront onboard --distribution ${id} --key "${keyName}".`,
  )
}

/** The paths asked for, each one the key really guards; all of them when none was asked for. */
function chosenPaths(choice: SiteKeyChoice, asked: string[] | undefined): string[] {
  if (!asked?.length) return choice.restrictedPaths
  const wanted = [...new Set(asked.map((path) => (path === 'default' ? '*' : path.trim())))]
  const stray = wanted.filter((path) => !choice.restrictedPaths.includes(path))
  if (stray.length > 0) {
    throw new KeyfrontError(
      'SITE_PATH_NOT_RESTRICTED',
      `Links signed with "${choice.keyName}" are not required for ${stray.map((p) => `"${p}"`).join(', ')} on this site. Choose among the paths that trust it: ${choice.restrictedPaths.map((p) => `"${p}"`).join(', ')} (or leave the paths out to take them all).`,
    )
  }
  return wanted
}
