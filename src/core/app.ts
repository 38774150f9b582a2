// The composition root: builds every core service from its dependencies. The Electron main
// process and the CLI both call createKeyfront(); tests build it (or single services) with real
// or fake dependencies. No DI framework — wiring is plain code, read top to bottom. The services
// that need no AWS (keys, history, links) are built in local-services.ts, which the CLI can load
// on its own; the AWS services here go over that same instance.
import { AwsAccounts } from './aws/accounts.ts'
import type { AwsClientFactory } from './aws/clients.ts'
import { KeyLifecycleService } from './cloudfront/lifecycle/service.ts'
import { DeployingStore } from './cloudfront/deployment.ts'
import { CloudFrontService } from './cloudfront/service.ts'
import { SignedSites } from './cloudfront/signed-sites.ts'
import { FilesService } from './files/service.ts'
import { KmsKeyService } from './kms/service.ts'
import { createLocalServices, type LocalDeps, type LocalServices } from './local-services.ts'
import { OriginService } from './origin/service.ts'
import { SettingsStore } from './settings/settings-store.ts'
import { SetupService } from './setup/setup-service.ts'

export interface KeyfrontDeps extends LocalDeps {
  aws: AwsClientFactory
}

export interface Keyfront extends LocalServices {
  /** Private S3 bucket → CloudFront distribution with origin access control. */
  readonly origin: OriginService
  /** AWS profiles (shared config files, SSO, access keys in the keychain) and who they are. */
  readonly awsAccounts: AwsAccounts
  /** Public keys, key groups, distributions; onboarding a distribution to signed links. */
  readonly cloudfront: CloudFrontService
  /** A key's status and usage; replacing, retiring it, stopping its links. */
  readonly keyLifecycle: KeyLifecycleService
  /** Default duration and site, theme, notifications, the quick-link shortcut (settings.json). */
  readonly settings: SettingsStore
  /** A site's files: browse its bucket, upload and share, check a link's file is there. */
  readonly files: FilesService
  /** A site and its key in one passphrase-protected file, for another computer. */
  readonly setup: SetupService
  /** Team keys held by AWS KMS: create, add by ARN or alias, schedule deletion in KMS. */
  readonly kmsKeys: KmsKeyService
}

/** Everything; over `local` when the caller built the local services already (the CLI). */
export function createKeyfront(
  deps: KeyfrontDeps,
  local: LocalServices = createLocalServices(deps),
): Keyfront {
  const { keys } = local
  const awsAccounts = new AwsAccounts({
    aws: deps.aws,
    dataDir: deps.dataDir,
    keychain: deps.keychain,
    clock: deps.clock,
  })
  const cloudfront = new CloudFrontService({
    aws: deps.aws,
    accounts: awsAccounts,
    keys,
    dataDir: deps.dataDir,
    clock: deps.clock,
  })
  const kmsKeys = new KmsKeyService({ aws: deps.aws, accounts: awsAccounts, keys, cloudfront })
  return {
    dataDir: local.dataDir,
    version: local.version,
    keys,
    origin: new OriginService({
      aws: deps.aws,
      accounts: awsAccounts,
      keys,
      sites: new SignedSites(deps.dataDir),
      deploying: new DeployingStore(deps.dataDir),
      clock: deps.clock,
    }),
    get history() {
      return local.history
    },
    awsAccounts,
    cloudfront,
    keyLifecycle: new KeyLifecycleService({
      aws: deps.aws,
      accounts: awsAccounts,
      keys,
      makeKmsKey: kmsKeys.makeReplacement,
      history: () => local.history,
      dataDir: deps.dataDir,
      clock: deps.clock,
    }),
    settings: new SettingsStore({ dataDir: deps.dataDir, sites: () => cloudfront.sites() }),
    files: new FilesService({
      aws: deps.aws,
      accounts: awsAccounts,
      sites: () => cloudfront.sites(),
      keys,
      links: local.links,
      history: () => local.history,
      clock: deps.clock,
    }),
    setup: new SetupService({ keys, sites: new SignedSites(deps.dataDir), clock: deps.clock }),
    kmsKeys,
    links: local.links,
    renewals: local.renewals,
    onHistoryReset: (listener) => local.onHistoryReset(listener),
    close: () => local.close(),
  }
}
