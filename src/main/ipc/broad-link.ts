// Links that open more than one site, or work for more than a year, are signed only after the user
// says yes in a dialog main shows itself. The page asks for links; a compromised page could ask for
// one that opens every site, for decades, and nobody would see it happen.
import { KeyfrontError } from '../../shared/errors.ts'
import { formatUtc } from '../../shared/expiry.ts'
import { opensMoreThanOneSite, wildcardOf } from '../../shared/resource-pattern.ts'
import type { DesktopPorts } from './ports.ts'

export const YEAR_SECONDS = 365 * 24 * 60 * 60

/** Why a link is broad, one sentence each; empty for a link to one site, working a year at most. */
export function broadLinkReasons(
  request: { url?: string | undefined; resource?: string | undefined; expiresAt: number },
  nowSeconds: number,
): string[] {
  const reasons: string[] = []
  const pattern = wildcardOf(request)
  if (pattern && opensMoreThanOneSite(pattern)) {
    reasons.push(`It opens files on every site whose address matches ${pattern.slice(0, 200)}.`)
  }
  if (request.expiresAt - nowSeconds > YEAR_SECONDS) {
    reasons.push(`It works for more than a year: until ${formatUtc(request.expiresAt)}.`)
  }
  return reasons
}

/** Asks the user before signing a broad link; throws CANCELLED when they say no (or cannot be asked). */
export async function confirmBroadLink(
  ports: DesktopPorts,
  reasons: string[],
  what: 'link' | 'links',
): Promise<void> {
  if (reasons.length === 0) return
  const yes = await ports.confirm?.({
    title: 'Keyfront',
    message: what === 'link' ? 'Sign this far-reaching link?' : 'Sign these far-reaching links?',
    detail: `${reasons.join('\n')}\n\nAnyone who has ${what === 'link' ? 'it' : 'one of them'} can use it that widely. Sign only if you meant this.`,
    confirmLabel: what === 'link' ? 'Sign the link' : 'Sign the links',
  })
  if (!yes) {
    throw new KeyfrontError(
      'CANCELLED',
      ports.confirm
        ? 'Nothing was signed: you chose not to.'
        : 'Nothing was signed: Keyfront could not ask you to confirm such a far-reaching link.',
    )
  }
}
