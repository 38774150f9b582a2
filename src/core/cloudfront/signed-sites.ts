// The sites that accept signed links: every distribution onboarded from this computer, with its
// addresses, the key that was onboarded and the paths it restricts — kept in signed-sites.json so
// New link can ask "Where is the file?" without an AWS call (the person making links may have no
// AWS profile at all). Written when onboarding succeeds, updated after a detach.
import type { Distribution } from '@aws-sdk/client-cloudfront'
import { join } from 'node:path'
import { z } from 'zod'
import { SignedSite } from '../../shared/contract/cloudfront.ts'
import { JsonFile } from '../json-file.ts'
import { behaviorsOf, DEFAULT_BEHAVIOR, trustedGroupIds } from './behaviors.ts'

export const SIGNED_SITES_FILE = 'signed-sites.json'

const SitesFile = z.object({ version: z.literal(1), sites: z.array(SignedSite) })

export class SignedSites {
  readonly #file: JsonFile<z.infer<typeof SitesFile>>
  /** Read-change-write one at a time, so two onboardings finishing together both stay. */
  #tail: Promise<unknown> = Promise.resolve()

  constructor(dataDir: string) {
    this.#file = new JsonFile(join(dataDir, SIGNED_SITES_FILE), SitesFile, { version: 1, sites: [] })
  }

  async list(): Promise<SignedSite[]> {
    return (await this.#file.read()).sites
  }

  /** Adds the site, or replaces what was known of it (the latest onboarding wins). */
  remember(site: SignedSite): Promise<void> {
    return this.#change((sites) => [...sites.filter((s) => s.distributionId !== site.distributionId), site])
  }

  /** True when the site was known. */
  async forget(distributionId: string): Promise<boolean> {
    let removed = false
    await this.#change((sites) => {
      const kept = sites.filter((s) => s.distributionId !== distributionId)
      removed = kept.length !== sites.length
      return removed ? kept : sites
    })
    return removed
  }

  #change(update: (sites: SignedSite[]) => SignedSite[]): Promise<void> {
    const next = this.#tail.then(async () => {
      const sites = await this.list()
      const updated = update(sites)
      if (updated !== sites) await this.#file.write({ version: 1, sites: updated })
    })
    this.#tail = next.catch(() => undefined)
    return next
  }
}

/** The path patterns of a distribution that trust the key group ("*" for the default behavior). */
export function restrictedPaths(distribution: Distribution, keyGroupId: string): string[] {
  const config = distribution.DistributionConfig
  if (!config) return []
  return behaviorsOf(config)
    .filter((ref) => trustedGroupIds(ref.behavior).includes(keyGroupId))
    .map((ref) => (ref.selector === DEFAULT_BEHAVIOR ? '*' : ref.selector))
}

/** The distribution's addresses as CloudFront reports them. */
export function siteAddressesOf(distribution: Distribution): Pick<SignedSite, 'domainName' | 'aliases'> {
  return {
    domainName: distribution.DomainName ?? '',
    aliases: [...(distribution.DistributionConfig?.Aliases?.Items ?? [])],
  }
}
