// Finding the distribution someone means when they add a site: its id (E2QWRUHAPOMQZL), or the
// address they know it by — CloudFront's own (d111111abcdef8.cloudfront.net) or an alias
// (files.example.com), typed or pasted with https:// and a path.
import type { Distribution } from '@aws-sdk/client-cloudfront'
import { KeyfrontError } from '../../shared/errors.ts'
import type { CloudFrontApi } from './api.ts'

const DISTRIBUTION_ID = /^[A-Z0-9]+$/

export async function findDistribution(api: CloudFrontApi, ref: string): Promise<Distribution> {
  const text = ref.trim()
  if (DISTRIBUTION_ID.test(text)) return (await api.getDistribution(text)).value
  const host = hostOf(text)
  const match = (await api.listDistributions()).find(
    (summary) =>
      summary.DomainName?.toLowerCase() === host ||
      (summary.Aliases?.Items ?? []).some((alias) => alias.toLowerCase() === host),
  )
  if (!match?.Id) {
    throw new KeyfrontError(
      'CF_NO_SUCH_DISTRIBUTION',
      `No site in this AWS account answers at "${host}". Check the address (it is the part after https:// in a link), or pick the site from the list.`,
    )
  }
  return (await api.getDistribution(match.Id)).value
}

/** "https://Files.Example.com/a/b.pdf" → "files.example.com". */
function hostOf(text: string): string {
  const withoutScheme = text.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
  return (withoutScheme.split(/[/?#]/)[0] ?? '').replace(/\.$/, '').toLowerCase()
}
