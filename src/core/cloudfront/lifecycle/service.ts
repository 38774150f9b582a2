// KeyLifecycleService: a key's life after it is made, for the app and the CLI — its status (no AWS
// call), where it is used, replacing it (rotate) and retiring it or stopping its links. Each change
// is planned from one fresh read of the account and applied from that plan; applying again after a
// failure plans again from what is there now, so it finishes what is left.
import { statSync } from 'node:fs'
import type {
  KeyStatusInfo,
  KeyUsage,
  RetirePlan,
  RetireRequest,
  RetireResult,
  RotatePlan,
  RotateRequest,
  RotateResult,
} from '../../../shared/contract/key-lifecycle.ts'
import type { KeySummary } from '../../../shared/contract/keys.ts'
import { KeyfrontError } from '../../../shared/errors.ts'
import type { AwsAccounts } from '../../aws/accounts.ts'
import type { AwsClientFactory } from '../../aws/clients.ts'
import type { Clock } from '../../clock.ts'
import type { KeyLifecycle } from '../../keys/key-file.ts'
import type { KeyService, MakeKmsKey } from '../../keys/key-service.ts'
import { withCloudFrontApi, type CloudFrontApi } from '../api.ts'
import { DeployingStore } from '../deployment.ts'
import { SignedSites } from '../signed-sites.ts'
import { publicKeysOf, readAccount, type AccountSnapshot } from './account.ts'
import { planRetirement } from './retire-plan.ts'
import { applyRetirement } from './retire.ts'
import { planRotation } from './rotate-plan.ts'
import { applyRotation } from './rotate.ts'
import { keyStatuses, liveLinksOf, type LiveLinkSource } from './status.ts'
import { describeUsage } from './usage.ts'

export interface KeyLifecycleDeps {
  aws: AwsClientFactory
  accounts: Pick<AwsAccounts, 'clientOptions' | 'whoami'>
  keys: KeyService
  /** Makes a replacement in AWS KMS for a key kept there (KmsKeyService.makeReplacement). */
  makeKmsKey: MakeKmsKey
  /** The link history, opened when first asked for. */
  history: () => LiveLinkSource
  dataDir: string
  clock: Clock
}

/** A held key with what keys.json records of its life. */
interface HeldKey {
  key: KeySummary
  lifecycle: KeyLifecycle
  replacement: KeySummary | undefined
  all: KeySummary[]
}

export class KeyLifecycleService {
  readonly #deps: KeyLifecycleDeps
  readonly #sites: SignedSites
  readonly #deploying: DeployingStore

  constructor(deps: KeyLifecycleDeps) {
    this.#deps = deps
    this.#sites = new SignedSites(deps.dataDir)
    this.#deploying = new DeployingStore(deps.dataDir)
  }

  async statuses(): Promise<KeyStatusInfo[]> {
    return keyStatuses(await this.#deps.keys.lifecycles(), this.#deps.history().liveLinksPerKeyPair())
  }

  async markReminded(ref: string): Promise<void> {
    await this.#deps.keys.markReminded((await this.#held(ref)).key.id)
  }

  async usage(ref: string, profile?: string): Promise<KeyUsage> {
    const held = await this.#held(ref)
    return this.#inAccount(profile, held.all, async (_api, account) => {
      const ids = publicKeysOf(account, held.key.fingerprint).map((k) => k.id)
      return describeUsage({
        account,
        key: held.key,
        lifecycle: held.lifecycle,
        replacement: held.replacement,
        sites: await this.#sites.list(),
        liveLinks: liveLinksOf(this.#deps.history(), ids),
      })
    })
  }

  async planRotate(request: RotateRequest): Promise<RotatePlan> {
    const held = await this.#held(request.key)
    return this.#inAccount(request.profile, held.all, (_api, account) =>
      this.#rotationPlan(request, held, account),
    )
  }

  async rotate(request: RotateRequest): Promise<RotateResult> {
    const held = await this.#held(request.key)
    return this.#inAccount(request.profile, held.all, async (api, account) => {
      const plan = await this.#rotationPlan(request, held, account)
      return applyRotation(plan, {
        api,
        accountId: account.accountId,
        keys: this.#deps.keys,
        oldKey: held.key,
        makeKmsKey: this.#deps.makeKmsKey,
        sites: await this.#sites.list(),
        rememberSite: (site) => this.#sites.remember(site),
        onDistributionChanged: (distributionId) =>
          this.#deploying.add({
            distributionId,
            since: this.#deps.clock.now(),
            ...(request.profile && { profile: request.profile }),
          }),
      })
    })
  }

  async planRetire(request: RetireRequest): Promise<RetirePlan> {
    const held = await this.#held(request.key)
    return this.#inAccount(request.profile, held.all, (_api, account) =>
      this.#retirementPlan(request, held, account),
    )
  }

  /** With stopLinksNow this is "Stop all links signed with this key". */
  async retire(request: RetireRequest): Promise<RetireResult> {
    const held = await this.#held(request.key)
    return this.#inAccount(request.profile, held.all, async (api, account) =>
      applyRetirement(await this.#retirementPlan(request, held, account), {
        api,
        keys: this.#deps.keys,
        key: held.key,
        forgetSite: (distributionId) => this.#sites.forget(distributionId),
      }),
    )
  }

  async #rotationPlan(request: RotateRequest, held: HeldKey, account: AccountSnapshot): Promise<RotatePlan> {
    const history = this.#deps.history()
    return planRotation(request, {
      account,
      oldKey: held.key,
      lifecycle: held.lifecycle,
      replacement: held.replacement,
      held: held.all,
      sites: await this.#sites.list(),
      livePerKeyPair: history.liveLinksPerKeyPair(),
      oldLiveLinks: liveLinksOf(
        history,
        publicKeysOf(account, held.key.fingerprint).map((k) => k.id),
      ),
      now: this.#deps.clock.now(),
    })
  }

  async #retirementPlan(
    request: RetireRequest,
    held: HeldKey,
    account: AccountSnapshot,
  ): Promise<RetirePlan> {
    const ids = publicKeysOf(account, held.key.fingerprint).map((k) => k.id)
    return planRetirement(request, {
      account,
      key: held.key,
      sites: await this.#sites.list(),
      liveLinks: liveLinksOf(this.#deps.history(), ids),
    })
  }

  async #inAccount<T>(
    profile: string | undefined,
    held: KeySummary[],
    run: (api: CloudFrontApi, account: AccountSnapshot) => Promise<T>,
  ): Promise<T> {
    const { accountId } = await this.#deps.accounts.whoami(profile)
    return withCloudFrontApi(this.#deps, profile, async (api) =>
      run(api, await readAccount(api, accountId, held)),
    )
  }

  /** The key Keyfront holds under `ref`; a key file is not one, and is told apart. */
  async #held(ref: string): Promise<HeldKey> {
    const all = await this.#deps.keys.lifecycles()
    const found = await this.#deps.keys.find(ref).catch((error: unknown) => {
      const notFound = error instanceof KeyfrontError && error.code === 'KEY_NOT_FOUND'
      throw (notFound && keyFileRefused(ref)) || error
    })
    if (found.legacy) throw legacyRefused(found.name)
    const lifecycle = all.find((k) => k.key.id === found.id)?.lifecycle ?? {}
    const replacement = all.find((k) => k.key.id === lifecycle.replacedBy)?.key
    return { key: found, lifecycle, replacement, all: all.map((k) => k.key) }
  }
}

/** A legacy key pair is not in any key group: there is nothing to replace it in or retire it from. */
function legacyRefused(name: string): KeyfrontError {
  return new KeyfrontError(
    'KEY_LEGACY_PAIR',
    `"${name.slice(0, 200)}" is a legacy key pair (a trusted signer of the AWS account), not a key in a key group, so Keyfront cannot show where it is used, replace or retire it. To move off it, create a new key and restrict your distributions with it; then remove the old key pair in the AWS console (Security credentials → CloudFront key pairs).`,
  )
}

/** Names a key file (a path to one, or History's id for one) rather than a key Keyfront holds. */
function keyFileRefused(ref: string): KeyfrontError | undefined {
  const isFile = (() => {
    try {
      return statSync(ref).isFile()
    } catch {
      return false
    }
  })()
  if (!isFile && !ref.startsWith('file:') && !/\.(pem|key)$/i.test(ref)) return undefined
  return new KeyfrontError(
    'KEY_NOT_HELD',
    `"${ref.slice(0, 200)}" is a key file, not a key Keyfront holds: replacing or retiring a key needs Keyfront to hold it. Import it first (Keys → Import, or keyfront keys import --name NAME --file FILE --key-pair-id ID), then use its name.`,
  )
}
