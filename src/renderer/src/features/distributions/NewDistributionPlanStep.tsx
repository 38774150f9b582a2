// Step 3 of a new distribution: what will be created or reused, the bucket-policy change as a diff,
// and explicit consent to that change before anything is created. If the policy changed since the
// plan was made, the plan is made again and the user reviews the new diff.
import { useState } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { BridgeError, call } from '../../lib/bridge.ts'
import type { OriginPlan, OriginResult } from '../../../../shared/contract/origin.ts'
import { NewDistributionNotices } from './NewDistributionNotices.tsx'
import { NewDistributionPolicyDiff } from './NewDistributionPolicyDiff.tsx'

export function NewDistributionPlanStep(props: {
  profile?: string
  plan: OriginPlan
  rootObject?: string
  onBack: () => void
  onReplanned: (plan: OriginPlan) => void
  onApplied: (result: OriginResult) => void
}) {
  const { plan } = props
  const policyChanges = plan.bucketPolicy.action !== 'unchanged'
  const [consent, setConsent] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>()
  const target = {
    bucket: plan.bucket.name,
    region: plan.bucket.region,
    rootObject: props.rootObject,
    profile: props.profile,
  }

  const apply = async () => {
    setBusy(true)
    setError(undefined)
    try {
      props.onApplied(
        await call('origin.apply', {
          ...target,
          bucketPolicyConsent: true,
          expectedPolicyHash: plan.bucketPolicy.baseHash,
        }),
      )
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  const replan = async () => {
    setBusy(true)
    try {
      props.onReplanned(await call('origin.plan', target))
      setConsent(false)
      setError(undefined)
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  const stale = error instanceof BridgeError && error.code === 'S3_POLICY_CHANGED'
  return (
    <div>
      <ul className="nd-plan">
        <li>
          <Action verb={plan.accessControl.action === 'create' ? 'Create' : 'Reuse'} />
          origin access control <span className="mono">{plan.accessControl.name}</span>
          {plan.accessControl.id && <span className="mono hint"> ({plan.accessControl.id})</span>} — lets
          CloudFront sign its requests to the bucket (SigV4, always).
        </li>
        <li>
          {plan.distribution.existing ? (
            <>
              <Action verb="Reuse" />
              distribution <span className="mono">{plan.distribution.existing.id}</span> (
              <span className="mono">{plan.distribution.existing.domainName}</span>), which Keyfront created
              for this bucket earlier.
            </>
          ) : (
            <>
              <Action verb="Create" />
              distribution “{plan.distribution.comment}”: viewers always use HTTPS (HTTP is redirected),
              cached with CloudFront's CachingOptimized policy,{' '}
              {plan.distribution.defaultRootObject ? (
                <>
                  root object <span className="mono">{plan.distribution.defaultRootObject}</span>
                </>
              ) : (
                'no root object'
              )}
              , IPv6 off (links limited to an IP address accept IPv4 only).
            </>
          )}
        </li>
        <li>
          <Action verb={{ create: 'Create', add: 'Change', unchanged: 'Keep' }[plan.bucketPolicy.action]} />
          {
            {
              create: 'a bucket policy with one statement that lets only this distribution read files.',
              add: 'the bucket policy: one statement is added that lets only this distribution read files. The other statements stay exactly as they are.',
              unchanged: 'the bucket policy: it already lets this distribution read files.',
            }[plan.bucketPolicy.action]
          }
        </li>
      </ul>
      <p className="hint">
        Nothing is deleted, now or later; running this again reuses what exists. Until you restrict the
        distribution to signed links (right after this), anyone who knows its address can open the bucket's
        files through it.
      </p>

      {policyChanges && (
        <NewDistributionPolicyDiff
          diff={plan.bucketPolicy.diff}
          placeholderId={!plan.distribution.existing}
        />
      )}

      <NewDistributionNotices notices={plan.notices} snippets={Boolean(plan.distribution.existing)} />

      {policyChanges && (
        <label className="choice nd-consent">
          <input type="checkbox" checked={consent} onChange={(event) => setConsent(event.target.checked)} />
          <span>
            I agree to change the policy of bucket <span className="mono">{plan.bucket.name}</span> as shown
            above.
          </span>
        </label>
      )}
      <ErrorNotice error={error} />
      <div className="form-actions">
        {stale ? (
          <button type="button" className="button primary" disabled={busy} onClick={() => void replan()}>
            Look at the new plan
          </button>
        ) : (
          <button
            type="button"
            className="button primary"
            disabled={(policyChanges && !consent) || busy}
            aria-busy={busy}
            onClick={() => void apply()}
          >
            {busy
              ? 'Creating…'
              : plan.distribution.existing
                ? 'Finish setting it up'
                : 'Create the distribution'}
          </button>
        )}
        <button type="button" className="button" onClick={props.onBack} disabled={busy}>
          Back
        </button>
      </div>
    </div>
  )
}

function Action({ verb }: { verb: string }) {
  return <span className={`chip nd-verb nd-verb-${verb.toLowerCase()}`}>{verb}</span>
}
