// The sites that accept signed links: every distribution onboarded from this computer, with its
// addresses, the key that was onboarded and the paths it restricts — kept in signed-sites.json so
// New link can ask "Where is the file?" without an AWS call (the person making links may have no
// AWS profile at all). Written when onboarding succeeds, updated after a detach; the name a person
// gives a site here, and its upload folder, are kept across both.
import type { Distribution } from '@aws-sdk/client-cloudfront'
import { join } from 'node:path'
import { z } from 'zod'
import { SignedSite } from '../../shared/contract/cloudfront.ts'
import { KeyfrontError } from '../../shared/errors.ts'
import { siteNameProblem } from '../../shared/site-link.ts'
import { checkFolder, folderOf } from '../files/object-keys.ts'
import { JsonFile } from '../json-file.ts'
import { behaviorsOf, DEFAULT_BEHAVIOR, trustedGroupIds } from './behaviors.ts'

export const SIGNED_SITES_FILE = 'signed-sites.json'

const SitesFile = z.object({ version: z.literal(1), sites: z.array(SignedSite) })

export class SignedSites {
  readonly #file: JsonFile<z.infer<typeof SitesFile>>

  constructor(dataDir: string) {
    this.#file = new JsonFile(join(dataDir, SIGNED_SITES_FILE), SitesFile, { version: 1, sites: [] })
  }

  async list(): Promise<SignedSite[]> {
    return (await this.#file.read()).sites
  }

  /**
   * Adds the site, or replaces what was known of it (the latest onboarding wins) — except the name
   * and upload folder the user gave it, which are theirs and stay.
   */
  remember(site: SignedSite): Promise<void> {
    return this.#file.update(({ sites }) => {
      const known = sites.find((s) => s.distributionId === site.distributionId)
      const kept: SignedSite = { ...site }
      if (known?.name !== undefined && site.name === undefined) kept.name = known.name
      if (known?.uploadFolder !== undefined && site.uploadFolder === undefined)
        kept.uploadFolder = known.uploadFolder
      return {
        write: {
          version: 1,
          sites: [...sites.filter((s) => s.distributionId !== site.distributionId), kept],
        },
        result: undefined,
      }
    })
  }

  /** Names the site here; an empty name removes the name given. Answers with the site as saved. */
  async rename(distributionId: string, name: string): Promise<SignedSite> {
    const problem = siteNameProblem(name)
    if (problem) throw new KeyfrontError('SITE_NAME_INVALID', problem)
    const text = name.trim()
    return this.#file.update(({ sites }) => {
      const site = sites.find((s) => s.distributionId === distributionId)
      if (!site) throw siteNotFound(distributionId)
      const { name: _old, ...rest } = site
      const renamed: SignedSite = text ? { ...rest, name: text } : rest
      return {
        write: { version: 1, sites: sites.map((s) => (s === site ? renamed : s)) },
        result: renamed,
      }
    })
  }

  /** Sets where uploads to the site go by default ("/reports/2026" is kept as "reports/2026/"). */
  async setUploadFolder(distributionId: string, folder: string): Promise<SignedSite> {
    const normal = folderOf(folder)
    checkFolder(normal)
    return this.#file.update(({ sites }) => {
      const site = sites.find((s) => s.distributionId === distributionId)
      if (!site) throw siteNotFound(distributionId)
      const { uploadFolder: _old, ...rest } = site
      const changed: SignedSite = normal ? { ...rest, uploadFolder: normal } : rest
      return {
        write: { version: 1, sites: sites.map((s) => (s === site ? changed : s)) },
        result: changed,
      }
    })
  }

  /** True when the site was known. */
  forget(distributionId: string): Promise<boolean> {
    return this.#file.update(({ sites }) => {
      const kept = sites.filter((s) => s.distributionId !== distributionId)
      if (kept.length === sites.length) return { result: false }
      return { write: { version: 1, sites: kept }, result: true }
    })
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

function siteNotFound(distributionId: string): KeyfrontError {
  return new KeyfrontError(
    'SITE_NOT_FOUND',
    `No site ${distributionId} was set up from this computer. Choose one of the sites listed under Distributions → Sites on this computer.`,
  )
}

/** The distribution's comment, when it has one: a name people gave it, used until they name the site here. */
export function siteCommentOf(distribution: Distribution): Pick<SignedSite, 'comment'> {
  const comment = distribution.DistributionConfig?.Comment?.trim()
  return comment ? { comment } : {}
}

/** The distribution's addresses as CloudFront reports them. */
export function siteAddressesOf(distribution: Distribution): Pick<SignedSite, 'domainName' | 'aliases'> {
  return {
    domainName: distribution.DomainName ?? '',
    aliases: [...(distribution.DistributionConfig?.Aliases?.Items ?? [])],
  }
}
