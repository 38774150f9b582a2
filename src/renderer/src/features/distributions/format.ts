// Words and numbers of the Distributions screen: behaviors, trusted key groups, elapsed time.
import type { TrustedGroup } from '../../../../shared/contract/cloudfront.ts'

export function behaviorLabel(selector: string): string {
  return selector === 'default' ? 'Default (every other path)' : selector
}

export function groupName(group: TrustedGroup): string {
  return group.name ?? group.id ?? 'a new key group'
}

/** "2:05" for 125 seconds; "1:02:05" past an hour. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000))
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = String(total % 60).padStart(2, '0')
  return hours ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`
}

export function formatClock(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString()
}
