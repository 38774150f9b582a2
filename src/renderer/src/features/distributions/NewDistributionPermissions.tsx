// "Permissions this needs": the IAM policy the new-distribution flow asks AWS for, scoped to what
// is known so far (the account, the bucket, the distribution), ready to copy — shown before anything
// is tried, so nobody learns of a missing permission from a refusal half-way.
import { useState } from 'react'
import { newDistributionPolicy, type PermissionScope } from '../../../../shared/origin-permissions.ts'

export function NewDistributionPermissions(props: {
  scope: PermissionScope
  /** Shown open (no AWS access yet) rather than folded away. */
  open?: boolean
}) {
  const [copied, setCopied] = useState(false)
  const policy = newDistributionPolicy(props.scope)
  const body = (
    <>
      <p className="hint">
        Keyfront asks AWS for nothing more than this policy allows. Attach it to the IAM user or role you use
        with Keyfront, or send it to your AWS administrator. {scopeSentence(props.scope)} Public keys, key
        groups and origin access controls can only be allowed account-wide.
      </p>
      <div className="nd-snippet">
        <pre tabIndex={0} aria-label="IAM policy">
          {policy}
        </pre>
        <button
          type="button"
          className="button"
          onClick={() => void navigator.clipboard.writeText(policy).then(() => setCopied(true))}
        >
          Copy policy
        </button>
        <span role="status" className="hint">
          {copied ? 'Copied.' : ''}
        </span>
      </div>
    </>
  )
  if (props.open) {
    return (
      <section className="panel inset nd-permissions" aria-labelledby="nd-permissions-title">
        <h4 id="nd-permissions-title">Permissions this needs</h4>
        {body}
      </section>
    )
  }
  return (
    <details className="nd-permissions">
      <summary>Permissions this needs</summary>
      {body}
    </details>
  )
}

/** What the policy is limited to, as far as Keyfront knows. */
function scopeSentence(scope: PermissionScope): string {
  const parts = [
    scope.accountId && `your account (${scope.accountId})`,
    scope.bucket && `the bucket ${scope.bucket}`,
    scope.distributionId && `the distribution ${scope.distributionId}`,
  ].filter((part): part is string => Boolean(part))
  if (parts.length === 0) return 'It names your account, bucket and distribution once Keyfront knows them.'
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0]
  return `It is limited to ${list}.`
}
