// A key's status as a chip, in the Keys list and at the top of a key: Not uploaded · In use ·
// Retiring (last link expires 12 Dec) · Can be retired.
import type { KeyStatusInfo } from '../../../../shared/contract/key-lifecycle.ts'
import { statusWords } from './lifecycle-words.ts'

/** Nothing until the status is known. */
export function KeyStatusChip(props: { status: KeyStatusInfo | undefined; now: number }) {
  if (!props.status) return null
  const words = statusWords(props.status, props.now)
  return <span className={`chip ${words.tone}`}>{words.text}</span>
}
