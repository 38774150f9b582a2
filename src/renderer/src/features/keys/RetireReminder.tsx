// The reminder that an old key can be retired — replaced, and its last link expired, so taking it
// out of CloudFront stops nothing: a count beside Keys in the sidebar (from the app's start, read
// again every minute as links expire), and a notice on the Keys list that opens the retirement.
// The system notification, shown once per key, is main's (src/main/retire-reminder.ts).
import { useRead } from '../../lib/server-state.ts'
import type { KeyStatusInfo } from '../../../../shared/contract/key-lifecycle.ts'
import type { KeySummary } from '../../../../shared/contract/keys.ts'

const EVERY_MINUTE = 60_000

function retirable(statuses: KeyStatusInfo[] | undefined): KeyStatusInfo[] {
  return (statuses ?? []).filter((status) => status.status === 'can-be-retired')
}

/** Beside Keys in the sidebar: how many old keys can be retired (nothing when none). */
export function CanBeRetiredCount() {
  const statuses = useRead('keys.statuses', undefined, { refetchInterval: EVERY_MINUTE })
  const count = retirable(statuses.data).length
  if (count === 0) return null
  return (
    <span className="nav-count">
      <span aria-hidden="true">{count}</span>
      <span className="visually-hidden">
        , {count === 1 ? 'an old key can' : `${count} old keys can`} be retired
      </span>
    </span>
  )
}

/** On the Keys list: each old key that can be retired, with the way to do it. */
export function RetireReminders(props: {
  keys: KeySummary[]
  statuses: KeyStatusInfo[] | undefined
  onRetire: (keyId: string) => void
}) {
  const due = retirable(props.statuses).flatMap((status) => {
    const key = props.keys.find((k) => k.id === status.keyId)
    return key ? [key] : []
  })
  if (due.length === 0) return null
  return (
    <div className="notice notice-ok key-reminders" role="note" aria-label="Keys that can be retired">
      {due.map((key) => (
        <div key={key.id} className="key-reminder">
          <p>
            Old key “{key.name}” can be retired: its last link has expired, so taking it out of CloudFront
            stops nothing.
          </p>
          <button type="button" className="button" onClick={() => props.onRetire(key.id)}>
            Retire “{key.name}”…
          </button>
        </div>
      ))}
    </div>
  )
}
