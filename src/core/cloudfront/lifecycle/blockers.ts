// Why a lifecycle plan cannot be applied as asked: each reason carries the error code applying
// would fail with, so the plan can show every reason at once and applying throws the first.
import type { Blocker } from '../../../shared/contract/key-lifecycle.ts'
import { KeyfrontError, type ErrorCode } from '../../../shared/errors.ts'

export function blocker(code: ErrorCode, message: string): Blocker {
  return { code, message }
}

/** Applying starts only from a plan with nothing in the way. */
export function refuseIfBlocked(plan: { blocked: Blocker[] }): void {
  const first = plan.blocked[0]
  if (first) throw new KeyfrontError(first.code as ErrorCode, first.message)
}

/** "1 link", "3 links". */
export function links(count: number): string {
  return `${count} link${count === 1 ? '' : 's'}`
}

/** The verb that goes with `count` links: "still works" / "still work". */
export function agree(count: number, one: string, many: string): string {
  return count === 1 ? one : many
}
