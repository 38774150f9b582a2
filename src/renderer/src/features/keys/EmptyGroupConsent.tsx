// The second consent before a key group that paths trust is left with no key anyone holds: it
// names those paths, says how to let links in again, and offers replacing the key instead.
import type { RetireGroupPlan } from '../../../../shared/contract/key-lifecycle.ts'
import { pathLabel } from './lifecycle-words.ts'

/** The second consent: a key group that paths trust, left with no key anyone holds. */
export function EmptyGroupConsent(props: {
  group: RetireGroupPlan
  keyName: string
  allowed: boolean
  onChange: (allowed: boolean) => void
  onReplace: () => void
}) {
  const { group } = props
  const paths = group.distributions.map((d) => `${d.domainName} (${d.behaviors.map(pathLabel).join(', ')})`)
  return (
    <div className="notice notice-error key-consent" role="group" aria-label={`Key group ${group.name}`}>
      <p>
        “{props.keyName}” is the only key in the key group <span className="mono">{group.name}</span>. Without
        it, CloudFront refuses every link to {paths.join(' and ')} — also links signed with any new key —
        until a key is added to {group.name}. Replacing the key first avoids this.
      </p>
      <p>
        To let links in again afterwards: restrict the distribution with a key again (Distributions → Restrict
        to signed links), or stop requiring signed links there.
      </p>
      <label className="choice">
        <input
          type="checkbox"
          checked={props.allowed}
          onChange={(event) => props.onChange(event.target.checked)}
        />
        Leave {group.name} without a key: every link to {paths.join(' and ')} stops working
      </label>
      <div className="form-actions">
        <button type="button" className="button" onClick={props.onReplace}>
          Replace the key first…
        </button>
      </div>
    </div>
  )
}
