// The plan of a retirement, or of stopping every link signed with a key, as the user confirms it:
// what Keyfront will do group by group, the links that stop, the distributions affected, and the
// consent a trusted key group needs before it is left with no key. A plan refused because links
// still work or sites here still sign with the key says so, with the way on instead.
import { useNow } from '../../lib/use-now.ts'
import { friendlyWhenFromNow } from '../../lib/when.ts'
import type { RetireGroupPlan, RetirePlan } from '../../../../shared/contract/key-lifecycle.ts'
import { siteName } from '../../../../shared/site-link.ts'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { EmptyGroupConsent } from './EmptyGroupConsent.tsx'
import { LiveLinksTable } from './LiveLinksTable.tsx'
import { blockerText, links, pathLabel } from './lifecycle-words.ts'

/** Reasons this screen answers with its own words and controls. */
const ANSWERED_HERE = new Set(['KEY_LINKS_STILL_WORK', 'KEY_SITES_STILL_USE', 'CF_LAST_KEY_IN_GROUP'])

export function RetirePlanView(props: {
  plan: RetirePlan
  stop: boolean
  allowEmpty: string[]
  onAllowEmpty: (groupIds: string[]) => void
  deletePrivateKey: boolean
  onDeletePrivateKey: (on: boolean) => void
  onStopInstead: () => void
  onReplace: () => void
  onClose: () => void
  busy: boolean
  onConfirm: () => void
  applyError: unknown
}) {
  const { plan, stop } = props
  const now = useNow()
  const name = plan.key.name
  const codes = new Set(plan.blocked.map((b) => b.code))
  const live = plan.liveLinks
  if (codes.has('KEY_LINKS_STILL_WORK') && live.lastExpiresAt !== undefined) {
    return (
      <>
        <div className="notice notice-warn" role="note" aria-label="Not yet">
          <p>
            “{name}” cannot be retired yet: {links(live.count)} signed with it still work, the last until{' '}
            {friendlyWhenFromNow(live.lastExpiresAt, now)}. Retiring it now would stop them all.
          </p>
          <p>
            Retire it once they have expired: Keys then shows it as “Can be retired”. If those links must stop
            working now, stop them all.
          </p>
        </div>
        <div className="form-actions">
          <button type="button" className="button" onClick={props.onClose}>
            Back to the key
          </button>
          <button type="button" className="button danger" onClick={props.onStopInstead}>
            Stop all links signed with this key…
          </button>
        </div>
      </>
    )
  }
  if (codes.has('KEY_SITES_STILL_USE')) {
    return (
      <>
        <div className="notice notice-warn" role="note" aria-label="Not yet">
          <p>
            Sites on this computer still make links with “{name}”:{' '}
            {plan.sites.map((site) => siteName(site)).join(', ')}. Replace the key first: that switches them
            to the new key, and no link stops working.
          </p>
        </div>
        <div className="form-actions">
          <button type="button" className="button primary" onClick={props.onReplace}>
            Replace key…
          </button>
          <button type="button" className="button" onClick={props.onClose}>
            Back to the key
          </button>
        </div>
      </>
    )
  }
  const others = plan.blocked.filter((b) => !ANSWERED_HERE.has(b.code))
  const needsConsent = plan.keyGroups.filter((g) => g.action === 'lock' && g.distributions.length > 0)
  const consentMissing = codes.has('CF_LAST_KEY_IN_GROUP')
  return (
    <>
      <h3 className="key-plan-title">What Keyfront will do</h3>
      <ol className="dist-plan-steps key-plan-steps">
        {plan.keyGroups.map((group) => (
          <li key={group.id}>
            <GroupStep group={group} keyName={name} />
          </li>
        ))}
        {plan.publicKeys.map((key) => (
          <li key={key.id}>
            Delete its public key {key.id} from CloudFront (account {plan.accountId}).
          </li>
        ))}
        {stop &&
          plan.sites.map((site) => (
            <li key={site.distributionId}>
              Forget the site {siteName(site)} on this computer: its links would not work any more.
            </li>
          ))}
        {props.deletePrivateKey && (
          <li>Delete “{name}” from this computer: its private key leaves your system keychain.</li>
        )}
      </ol>
      {stop && live.count > 0 && (
        <>
          <h3 className="key-plan-title">Links that stop working ({live.count.toLocaleString()})</h3>
          <p>
            CloudFront cannot stop a single link: taking the key out stops every link signed with it. Once
            this is done, these links cannot be made to work again.
          </p>
          <LiveLinksTable liveLinks={live} caption={`Links signed with ${name} that stop working`} />
        </>
      )}
      {!stop && live.count === 0 && (
        <p className="notice notice-ok">No link stops working: none signed with “{name}” still works.</p>
      )}
      {plan.distributions.length > 0 && (
        <>
          <h3 className="key-plan-title">Distributions affected</h3>
          <ul className="key-result-list">
            {plan.distributions.map((d) => (
              <li key={d.id}>
                <span className="mono">{d.domainName}</span> ({d.id}): {d.behaviors.map(pathLabel).join(', ')}
              </li>
            ))}
          </ul>
        </>
      )}
      {needsConsent.map((group) => (
        <EmptyGroupConsent
          key={group.id}
          group={group}
          keyName={name}
          allowed={props.allowEmpty.includes(group.id)}
          onChange={(on) =>
            props.onAllowEmpty(
              on ? [...props.allowEmpty, group.id] : props.allowEmpty.filter((id) => id !== group.id),
            )
          }
          onReplace={props.onReplace}
        />
      ))}
      {plan.warnings.length > 0 && (
        <div className="notice notice-warn key-plan-notes" role="note" aria-label="Before you confirm">
          {plan.warnings.map((warning) => (
            <p key={warning}>{warning}</p>
          ))}
        </div>
      )}
      {others.length > 0 && (
        <div className="notice notice-error key-plan-notes" role="note" aria-label="Cannot go ahead">
          {others.map((b) => (
            <p key={b.message}>{blockerText(b)}</p>
          ))}
        </div>
      )}
      <label className="choice key-delete-choice">
        <input
          type="checkbox"
          checked={props.deletePrivateKey}
          onChange={(event) => props.onDeletePrivateKey(event.target.checked)}
        />
        Also delete “{name}” from this computer (its private key leaves your system keychain)
      </label>
      <ErrorNotice error={props.applyError} />
      {props.applyError !== undefined && (
        <p className="hint">Trying again is safe: what was already done is found and not done twice.</p>
      )}
      <div className="form-actions">
        <button
          type="button"
          className="button danger"
          disabled={props.busy || consentMissing || others.length > 0}
          aria-busy={props.busy}
          onClick={props.onConfirm}
        >
          {stop && live.count > 0 ? `Stop ${links(live.count)} now` : 'Retire key'}
        </button>
        <button type="button" className="button" onClick={props.onClose}>
          Keep it
        </button>
      </div>
    </>
  )
}

function GroupStep(props: { group: RetireGroupPlan; keyName: string }) {
  const { group } = props
  const trusted = group.distributions.map((d) => (
    <span key={d.id} className="key-usage-paths">
      Trusted by <span className="mono">{d.domainName}</span> for {d.behaviors.map(pathLabel).join(', ')}
    </span>
  ))
  return group.action === 'remove-key' ? (
    <>
      Take “{props.keyName}” out of the key group <span className="mono">{group.name}</span> (
      {group.keysAfter === 1 ? '1 key stays' : `${group.keysAfter} keys stay`}).
      {trusted}
    </>
  ) : (
    <>
      “{props.keyName}” is the only key of <span className="mono">{group.name}</span>: replace it with a
      placeholder key that no one holds (CloudFront does not allow an empty key group).
      {trusted}
    </>
  )
}
