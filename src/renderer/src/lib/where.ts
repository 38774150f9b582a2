// Where a file is, as people say it: "Client files: reports/Q3 report.pdf" on a site set up here
// (by the name the site is shown by, and the path decoded), else the whole address, decoded. What
// is signed is always the address itself; this is only for showing it.
import type { SignedSite } from '../../../shared/contract/cloudfront.ts'
import { readableUrl, siteAddresses, siteName } from '../../../shared/site-link.ts'

/** The site a link was made for: the one recorded with it, else the one answering on its address. */
export function siteOfLink(
  url: string,
  sites: readonly SignedSite[],
  distributionId?: string,
): SignedSite | undefined {
  if (distributionId) return sites.find((site) => site.distributionId === distributionId)
  let host: string
  try {
    host = new URL(url).hostname.toLowerCase()
  } catch {
    return undefined
  }
  return sites.find((site) => siteAddresses(site).some((address) => address.toLowerCase() === host))
}

/** "Client files: reports/Q3 report.pdf" on a known site, else the whole address, decoded. */
export function whereOnSite(url: string, sites: readonly SignedSite[], distributionId?: string): string {
  const site = siteOfLink(url, sites, distributionId)
  if (!site) return readableUrl(url)
  const path = readableUrl(url).replace(/^[a-z]+:\/\/[^/]+\/?/i, '')
  return `${siteName(site)}: ${path}`
}
