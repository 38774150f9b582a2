// How the Keys screens word a key's life: its status (Not uploaded · In use · Retiring · Can be
// retired), counts of links, short dates, where a key group is trusted — and a plan's reasons for
// refusing, in the app's words: the core writes them for both front ends, with the CLI's options in
// brackets, which mean nothing on a screen.
import type {
  Blocker,
  KeyStatusInfo,
  TrustingDistribution,
} from '../../../../shared/contract/key-lifecycle.ts'

export interface StatusWords {
  text: string
  tone: 'ok' | 'warn' | 'muted'
}

/** "12 Dec" (or "Dec 12"), with the year when it is not this one. */
export function shortDay(epochSeconds: number, nowMs: number): string {
  const date = new Date(epochSeconds * 1000)
  const otherYear = date.getFullYear() !== new Date(nowMs).getFullYear()
  return date.toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    ...(otherYear && { year: 'numeric' }),
  })
}

export function statusWords(info: KeyStatusInfo, nowMs: number): StatusWords {
  switch (info.status) {
    case 'legacy':
      return { text: 'Legacy key pair', tone: 'muted' }
    case 'not-uploaded':
      return { text: 'Not uploaded', tone: 'muted' }
    case 'in-use':
      return { text: 'In use', tone: 'ok' }
    case 'retiring':
      return {
        text:
          info.lastLinkExpiresAt === undefined
            ? 'Retiring'
            : `Retiring (last link expires ${shortDay(info.lastLinkExpiresAt, nowMs)})`,
        tone: 'warn',
      }
    case 'can-be-retired':
      return { text: 'Can be retired', tone: 'warn' }
  }
}

/** "1 link", "3 links". */
export function links(count: number): string {
  return `${count.toLocaleString()} link${count === 1 ? '' : 's'}`
}

/** "Default (every other path)" or the path pattern. */
export function pathLabel(behavior: string): string {
  return behavior === 'default' ? 'Default (every other path)' : behavior
}

/** "d111.cloudfront.net: Default (every other path), /private/*" for each distribution. */
export function trustedPaths(distributions: TrustingDistribution[]): string[] {
  return distributions.map((d) => `${d.domainName}: ${d.behaviors.map(pathLabel).join(', ')}`)
}

/**
 * A reason a plan cannot be applied, without the command-line options the core adds in brackets
 * ("(--remove-key ID)", "(keyfront keys rotate …)"): on a screen, the controls around it say how.
 */
export function blockerText(blocker: Blocker): string {
  return blocker.message.replace(/\s*\((?:--|keyfront )(?:[^()"]|"[^"]*")*\)/g, '').trim()
}
