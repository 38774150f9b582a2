// Step 3 of a new distribution: who will be able to open the files, everything that will be created
// or reused — the public key and key group first, then the distribution with its behaviors already
// restricted — the bucket-policy change as a diff and, if chosen, the switch to SSE-S3, each agreed
// to explicitly before anything is created.
import { useState } from 'react'
import { AWS_MANAGED_KEY } from '../../../../shared/aws-managed-key.ts'
import type { OriginPlan } from '../../../../shared/contract/origin.ts'
import { NewDistributionNotices } from './NewDistributionNotices.tsx'
import { NewDistributionPermissions } from './NewDistributionPermissions.tsx'
import { NewDistributionPolicyDiff } from './NewDistributionPolicyDiff.tsx'
import { UndoRestrictionHint } from './UndoRestrictionHint.tsx'

export function NewDistributionPlanStep(props: {
  plan: OriginPlan
  accountId?: string
  onBack: () => void
  onCreate: () => void
}) {
  const { plan } = props
  const { signing } = plan
  const policyChanges = plan.bucketPolicy.action !== 'unchanged'
  const switching = plan.encryption.action === 'switch-to-sse-s3'
  const [policyConsent, setPolicyConsent] = useState(false)
  const [encryptionConsent, setEncryptionConsent] = useState(false)
  const agreed = (!policyChanges || policyConsent) && (!switching || encryptionConsent)

  return (
    <div>
      <div className={`notice ${signing.coverage === 'all' ? 'notice-ok' : 'notice-warn'}`} role="note">
        <p>
          <strong>{signing.summary}</strong>
        </p>
        {signing.openWarning && <p>{signing.openWarning}</p>}
      </div>
      <ul className="nd-plan">
        {signing.publicKey && signing.key && (
          <li>
            <Action verb={signing.publicKey.action === 'upload' ? 'Upload' : 'Reuse'} />
            the public half of “{signing.key.name}” as CloudFront public key{' '}
            <span className="mono">{signing.publicKey.id ?? signing.publicKey.name}</span>.
          </li>
        )}
        {signing.keyGroup && (
          <li>
            <Action
              verb={{ create: 'Create', 'add-key': 'Change', none: 'Reuse' }[signing.keyGroup.action]}
            />
            key group <span className="mono">{signing.keyGroup.name}</span>
            {
              {
                create: ', holding the key.',
                'add-key': ': the key is added to it.',
                none: ', which holds the key already.',
              }[signing.keyGroup.action]
            }
          </li>
        )}
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
          {signing.behaviors.length > 0 && (
            <ul className="nd-behaviors">
              {signing.behaviors.map((behavior) => (
                <li key={behavior.selector}>
                  {behavior.selector !== 'default'
                    ? behavior.selector
                    : signing.behaviors.length === 1
                      ? 'Every path'
                      : 'Every other path'}
                  :{' '}
                  {
                    {
                      create: 'only signed links, from its first request',
                      restrict: 'restricted to signed links now',
                      unchanged: 'accepts only signed links already',
                    }[behavior.action]
                  }
                </li>
              ))}
            </ul>
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
        {switching && (
          <li>
            <Action verb="Change" />
            the bucket’s default encryption to SSE-S3. {AWS_MANAGED_KEY.switchDetail}
          </li>
        )}
        {plan.encryption.action === 'keep' && (
          <li>
            <Action verb="Keep" />
            the aws/s3 encryption. {AWS_MANAGED_KEY.keepDetail}
          </li>
        )}
      </ul>
      <p className="hint">Nothing is deleted, now or later; running this again reuses what exists.</p>
      {signing.behaviors.length > 0 && <UndoRestrictionHint />}

      {policyChanges && (
        <NewDistributionPolicyDiff
          diff={plan.bucketPolicy.diff}
          placeholderId={!plan.distribution.existing}
        />
      )}

      <NewDistributionNotices
        notices={plan.notices.filter((n) => n.title !== AWS_MANAGED_KEY.title)}
        snippets={Boolean(plan.distribution.existing)}
      />
      <NewDistributionPermissions
        scope={{
          accountId: props.accountId,
          bucket: plan.bucket.name,
          region: plan.bucket.region,
          distributionId: plan.distribution.existing?.id,
        }}
      />

      {policyChanges && (
        <label className="choice nd-consent">
          <input
            type="checkbox"
            checked={policyConsent}
            onChange={(event) => setPolicyConsent(event.target.checked)}
          />
          <span>
            I agree to change the policy of bucket <span className="mono">{plan.bucket.name}</span> as shown
            above.
          </span>
        </label>
      )}
      {switching && (
        <label className="choice nd-consent">
          <input
            type="checkbox"
            checked={encryptionConsent}
            onChange={(event) => setEncryptionConsent(event.target.checked)}
          />
          <span>
            I agree to switch the default encryption of bucket{' '}
            <span className="mono">{plan.bucket.name}</span> to SSE-S3. Files already stored keep theirs.
          </span>
        </label>
      )}
      <div className="form-actions">
        <button type="button" className="button primary" disabled={!agreed} onClick={props.onCreate}>
          {plan.distribution.existing ? 'Finish setting it up' : 'Create the distribution'}
        </button>
        <button type="button" className="button" onClick={props.onBack}>
          Back
        </button>
      </div>
    </div>
  )
}

function Action({ verb }: { verb: string }) {
  return <span className={`chip nd-verb nd-verb-${verb.toLowerCase()}`}>{verb}</span>
}
