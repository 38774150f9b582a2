// "New distribution for a private bucket", one flow that is never unsafe: bucket (and how it is
// protected) → the key that will sign links → review the plan and agree → create (the key is uploaded
// and its key group made before the distribution, which trusts the group from its first request) →
// deploy (followed by the app, whatever screen is open) → test a link to a file, by itself once
// deployed. Steps behind are ticked; "Done" is said only at the end. Without AWS access the flow
// starts with the way in and the permissions it needs.
import { useState, type ReactNode } from 'react'
import { useNavigate } from '../../app/navigation.tsx'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { StepFlow } from '../../components/Steps.tsx'
import { BridgeError } from '../../lib/bridge.ts'
import { call, useAction, type Read } from '../../lib/server-state.ts'
import type { CallerIdentity } from '../../../../shared/contract/cloudfront.ts'
import type {
  BucketInspection,
  OriginPlan,
  OriginResult,
  PlanRequest,
} from '../../../../shared/contract/origin.ts'
import { NewDistributionAccess } from './NewDistributionAccess.tsx'
import { NewDistributionBucketStep, type PickedBucket } from './NewDistributionBucketStep.tsx'
import { NewDistributionCheckStep, type BucketChoices } from './NewDistributionCheckStep.tsx'
import { NewDistributionKeyStep, type AccessChoice } from './NewDistributionKeyStep.tsx'
import { NewDistributionPermissions } from './NewDistributionPermissions.tsx'
import { NewDistributionPlanStep } from './NewDistributionPlanStep.tsx'
import { NewDistributionResult } from './NewDistributionResult.tsx'
import { TestLinkPanel } from './TestLinkPanel.tsx'
import type { Verdict } from './test-link.ts'
import './new-distribution.css'

const STEPS = ['Bucket', 'Key', 'Review', 'Create', 'Deploy', 'Test'] as const
type Step = (typeof STEPS)[number]

export function NewDistributionFlow(props: {
  /** The AWS profile picked on the Distributions screen; undefined = the default chain. */
  profile?: string
  onProfileChange: (profile: string | undefined) => void
  identity: Read<CallerIdentity>
  onClose: () => void
}) {
  const { profile, identity } = props
  const navigate = useNavigate()
  const [step, setStep] = useState<Step>('Bucket')
  const [picked, setPicked] = useState<PickedBucket>()
  const [inspection, setInspection] = useState<BucketInspection>()
  const [bucketChoices, setBucketChoices] = useState<BucketChoices>({})
  const [access, setAccess] = useState<AccessChoice>()
  const [plan, setPlan] = useState<OriginPlan>()
  const [result, setResult] = useState<OriginResult>()
  const [testPath, setTestPath] = useState('')
  const [verdict, setVerdict] = useState<Verdict>()

  const request = (choice: AccessChoice | undefined = access): PlanRequest => ({
    bucket: inspection?.name ?? '',
    region: inspection?.region,
    profile,
    ...bucketChoices,
    ...(choice && { key: choice.key }),
    ...(choice?.paths && { behaviors: choice.paths, allowUnsigned: true }),
  })
  const makePlan = useAction(async (choice: AccessChoice) => {
    setPlan(await call('origin.plan', request(choice)))
    setAccess(choice)
    setStep('Review')
  })
  const create = useAction(async () => {
    if (!plan) return
    setStep('Create')
    const made = await call('origin.apply', {
      ...request(),
      bucketPolicyConsent: true,
      expectedPolicyHash: plan.bucketPolicy.baseHash,
    })
    setResult(made)
    setStep('Deploy')
  })
  const busy = create.busy || makePlan.busy

  let heading: string
  let body: ReactNode
  if (identity.error !== null && identity.error !== undefined && identity.data === undefined) {
    heading = 'Keyfront needs access to your AWS account'
    body = (
      <NewDistributionAccess profile={profile} onProfileChange={props.onProfileChange} identity={identity} />
    )
  } else if (identity.isPending) {
    heading = 'Which bucket holds the files?'
    body = <p className="hint">Asking AWS which account this is…</p>
  } else {
    switch (step) {
      case 'Bucket':
        heading = inspection ? 'How the bucket is protected' : 'Which bucket holds the files?'
        body = inspection ? (
          <NewDistributionCheckStep
            inspection={inspection}
            initial={bucketChoices}
            onBack={() => setInspection(undefined)}
            onNext={(choices) => {
              setBucketChoices(choices)
              setStep('Key')
            }}
          />
        ) : (
          <>
            <NewDistributionBucketStep
              profile={profile}
              initial={picked}
              onChecked={(bucket, checked) => {
                setPicked(bucket)
                setInspection(checked)
                setBucketChoices({})
              }}
            />
            <NewDistributionPermissions scope={{ accountId: identity.data?.accountId }} />
          </>
        )
        break
      case 'Key':
        heading = 'Which key will sign the links?'
        body = (
          <NewDistributionKeyStep
            initial={access}
            busy={makePlan.busy}
            error={makePlan.error}
            onBack={() => setStep('Bucket')}
            onNext={(choice) => void makePlan.run(choice)}
          />
        )
        break
      case 'Review':
        heading = 'Review what Keyfront will do'
        body = plan && (
          <NewDistributionPlanStep
            // A new plan (made again) asks for consent again.
            key={plan.bucketPolicy.baseHash}
            plan={plan}
            accountId={identity.data?.accountId}
            onBack={() => setStep('Key')}
            onCreate={() => void create.run()}
          />
        )
        break
      case 'Create':
        heading = create.busy ? 'Creating the distribution' : 'The distribution could not be finished'
        body = (
          <CreateStep
            plan={plan}
            busy={busy}
            error={create.error}
            onRetry={() => void create.run()}
            onReplan={() => access && void makePlan.run(access)}
            onBack={() => setStep('Review')}
          />
        )
        break
      case 'Deploy':
        heading = 'CloudFront is deploying the distribution'
        body = result && (
          <NewDistributionResult
            result={result}
            testPath={testPath}
            onTestPathChange={setTestPath}
            onDeployed={() => setStep('Test')}
          />
        )
        break
      case 'Test':
        heading = verdict?.tone === 'ok' ? doneTitle(result) : 'Check that it works'
        body = result && (
          <>
            {result.signing.keyId ? (
              <TestLinkPanel
                domainName={result.distribution.domainName}
                keyId={result.signing.keyId}
                paths={result.signing.restrictedPaths.map((path) => (path === '*' ? 'default' : path))}
                deployed
                initialPath={testPath}
                onTested={setVerdict}
              />
            ) : (
              <p>
                <span className="mono">{result.distribution.domainName}</span> is deployed. Anyone who knows
                the address can open the bucket’s files; restrict it to signed links to change that.
              </p>
            )}
            <div className="form-actions">
              <button type="button" className="button primary" onClick={() => navigate({ screen: 'links' })}>
                Make a link to share
              </button>
              <button type="button" className="button" onClick={props.onClose}>
                Back to distributions
              </button>
            </div>
          </>
        )
        break
    }
  }

  const at = STEPS.indexOf(step)
  const completed = STEPS.filter((s, index) => index < at || (s === 'Test' && verdict?.tone === 'ok'))
  return (
    <StepFlow
      titleId="nd-title"
      title="New distribution for a private bucket"
      steps={STEPS}
      step={step}
      completed={completed}
      heading={heading}
      onCancel={step === 'Deploy' || step === 'Test' || busy ? undefined : props.onClose}
    >
      {body}
      {step === 'Deploy' && (
        <div className="form-actions">
          <button type="button" className="button" onClick={props.onClose}>
            Back to distributions
          </button>
        </div>
      )}
    </StepFlow>
  )
}

/** While creating: what is being done; after a failure: why, and the ways on (re-running is safe). */
function CreateStep(props: {
  plan: OriginPlan | undefined
  busy: boolean
  error: unknown
  onRetry: () => void
  onReplan: () => void
  onBack: () => void
}) {
  if (props.busy) {
    return (
      <div role="status">
        <progress className="dist-progress" aria-label="Creating" />
        <p>
          {props.plan?.signing.key
            ? `Uploading “${props.plan.signing.key.name}”, making its key group, then the distribution — restricted from its first request — and the bucket policy statement…`
            : 'Making the distribution and the bucket policy statement…'}
        </p>
      </div>
    )
  }
  const stale = props.error instanceof BridgeError && props.error.code === 'S3_POLICY_CHANGED'
  return (
    <>
      <ErrorNotice error={props.error} />
      <p className="hint">
        Trying again is safe: what was already made is found and reused, never made twice.
      </p>
      <div className="form-actions">
        {stale ? (
          <button type="button" className="button primary" onClick={props.onReplan}>
            Look at the new plan
          </button>
        ) : (
          <button type="button" className="button primary" onClick={props.onRetry}>
            Try again
          </button>
        )}
        <button type="button" className="button" onClick={props.onBack}>
          Back to the review
        </button>
      </div>
    </>
  )
}

function doneTitle(result: OriginResult | undefined): string {
  return result?.signing.coverage === 'some'
    ? `Done: files under ${result.signing.restrictedPaths.join(', ')} open only with a signed link`
    : 'Done: only signed links open your files'
}
