// What retiring a key (or stopping its links) did: the key groups it left, the groups that now hold
// only a placeholder (and how to let links in there again), what CloudFront and this computer forgot.
import type { RetireResult } from '../../../../shared/contract/key-lifecycle.ts'
import { links } from './lifecycle-words.ts'

export function RetireResultView(props: { result: RetireResult; onClose: () => void }) {
  const { result } = props
  const name = result.key.name
  const done: string[] = []
  if (result.removedFromGroups.length > 0) {
    done.push(`Took it out of the key groups ${result.removedFromGroups.join(', ')}.`)
  }
  if (result.deletedPublicKeys.length > 0) {
    done.push(`Deleted its public key ${result.deletedPublicKeys.join(', ')} from CloudFront.`)
  }
  if (result.sitesForgotten.length > 0) {
    done.push(`Forgot ${result.sitesForgotten.length === 1 ? 'its site' : 'its sites'} on this computer.`)
  }
  if (!result.changed) done.push('Nothing needed doing: an earlier run had done it.')
  return (
    <>
      <div className="notice notice-ok" role="status">
        <p>
          {result.stoppedLinks > 0
            ? `“${name}” is out of CloudFront: ${links(result.stoppedLinks)} signed with it stop working once CloudFront has the change, usually within minutes.`
            : `Retired “${name}”. No link stopped working.`}
        </p>
      </div>
      <ul className="key-result-list">
        {done.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {result.lockedGroups.length > 0 && (
        <div className="notice notice-warn" role="note" aria-label="Paths that refuse every link">
          <p>
            {result.lockedGroups.join(', ')} now {result.lockedGroups.length === 1 ? 'holds' : 'hold'} only a
            placeholder key, so the paths that trust {result.lockedGroups.length === 1 ? 'it' : 'them'} refuse
            every link. To let links in again, restrict the distribution with a key (Distributions → Restrict
            to signed links), or stop requiring signed links there.
          </p>
        </div>
      )}
      <p>
        “{name}” stays on this computer; Keys shows it as not uploaded. Delete it there when you no longer
        need it.
      </p>
      <div className="form-actions">
        <button type="button" className="button primary" onClick={props.onClose}>
          Back to the key
        </button>
      </div>
    </>
  )
}
