// "Restrict to signed links": account → distribution → behaviors → key → review the plan → apply →
// deployment progress → try a link to a file the user names. Each step's heading takes focus when
// it opens.
import { useState, type ReactNode } from 'react'
import { useNavigate } from '../../app/navigation.tsx'
import { StepFlow } from '../../components/Steps.tsx'
import type { Read } from '../../lib/server-state.ts'
import type {
  CallerIdentity,
  DistributionInfo,
  OnboardRequest,
  OnboardResult,
} from '../../../../shared/contract/cloudfront.ts'
import { AccountPicker } from './AccountPicker.tsx'
import { ChooseBehaviorsStep } from './ChooseBehaviorsStep.tsx'
import { ChooseDistributionStep } from './ChooseDistributionStep.tsx'
import { ChooseKeyStep } from './ChooseKeyStep.tsx'
import { DeploymentProgress } from './DeploymentProgress.tsx'
import { PlanReview } from './PlanReview.tsx'
import { TestLinkPanel } from './TestLinkPanel.tsx'

const STEPS = ['Account', 'Distribution', 'Paths', 'Key', 'Review', 'Deploy'] as const
type Step = (typeof STEPS)[number]

export function OnboardWizard(props: {
  profile: string | undefined
  onProfileChange: (profile: string | undefined) => void
  identity: Read<CallerIdentity>
  distributions: DistributionInfo[]
  distributionsLoading: boolean
  initialDistributionId?: string
  onClose: () => void
}) {
  const navigate = useNavigate()
  const [step, setStep] = useState<Step>(props.initialDistributionId ? 'Paths' : 'Account')
  const [distributionId, setDistributionId] = useState(props.initialDistributionId)
  const distribution = props.distributions.find((d) => d.id === distributionId)
  // undefined: every behavior (the default), also for a distribution whose details are still loading.
  const [chosenBehaviors, setBehaviors] = useState<string[]>()
  const behaviors = chosenBehaviors ?? distribution?.behaviors.map((b) => b.selector) ?? []
  const [keyId, setKeyId] = useState<string>()
  const [keyGroup, setKeyGroup] = useState('')
  const [result, setResult] = useState<OnboardResult>()
  const [deployed, setDeployed] = useState(false)

  const defaultKeyGroup = `keyfront-${distributionId ?? ''}`
  const request: OnboardRequest = {
    profile: props.profile,
    distributionId: distributionId ?? '',
    key: keyId ?? '',
    behaviors,
    ...(keyGroup.trim() ? { keyGroup: keyGroup.trim() } : {}),
  }
  const next = (to: Step, enabled = true) => (
    <button type="button" className="button primary" disabled={!enabled} onClick={() => setStep(to)}>
      Continue
    </button>
  )
  const back = (to: Step) => (
    <button type="button" className="button" onClick={() => setStep(to)}>
      Back
    </button>
  )

  let title: string
  let body: ReactNode
  switch (step) {
    case 'Account':
      title = 'Which AWS account?'
      body = (
        <>
          <AccountPicker profile={props.profile} onChange={props.onProfileChange} identity={props.identity} />
          <div className="form-actions">{next('Distribution', props.identity.data !== undefined)}</div>
        </>
      )
      break
    case 'Distribution':
      title = 'Which distribution?'
      body = (
        <>
          <ChooseDistributionStep
            loading={props.distributionsLoading}
            distributions={props.distributions}
            selected={distributionId}
            onSelect={(id) => {
              setDistributionId(id)
              setBehaviors(undefined)
            }}
          />
          <div className="form-actions">
            {next('Paths', distribution !== undefined)}
            {back('Account')}
          </div>
        </>
      )
      break
    case 'Paths':
      title = 'Which paths need a signed link?'
      body = !distribution ? (
        <p className="hint">Loading the distribution…</p>
      ) : (
        <>
          <ChooseBehaviorsStep distribution={distribution} selected={behaviors} onChange={setBehaviors} />
          <div className="form-actions">
            {next('Key', behaviors.length > 0)}
            {back('Distribution')}
          </div>
        </>
      )
      break
    case 'Key':
      title = 'Which key will sign the links?'
      body = (
        <>
          <ChooseKeyStep
            selected={keyId}
            onSelect={setKeyId}
            keyGroup={keyGroup}
            defaultKeyGroup={defaultKeyGroup}
            onKeyGroupChange={setKeyGroup}
          />
          <div className="form-actions">
            {next('Review', keyId !== undefined)}
            {back('Paths')}
          </div>
        </>
      )
      break
    case 'Review':
      title = 'Review the changes'
      body = (
        <PlanReview
          request={request}
          onBack={() => setStep('Key')}
          onApplied={(applied) => {
            setResult(applied)
            setStep('Deploy')
          }}
        />
      )
      break
    case 'Deploy':
      title = deployed ? 'Done: only signed links work now' : 'Deploying the change'
      body = result && (
        <>
          <p>
            {result.changed
              ? `${distribution?.domainName ?? result.distributionId} now trusts the key group “${result.keyGroupName}”, which holds your key (Key-Pair-Id ${result.publicKeyId}).`
              : `Nothing needed changing: ${distribution?.domainName ?? result.distributionId} already trusted “${result.keyGroupName}” with your key.`}
          </p>
          <DeploymentProgress distributionId={result.distributionId} onDeployed={() => setDeployed(true)} />
          {distribution && keyId && (
            <TestLinkPanel
              domainName={distribution.domainName}
              keyId={keyId}
              paths={behaviors}
              deployed={deployed}
            />
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

  return (
    <StepFlow
      titleId="wizard-title"
      title="Restrict a distribution to signed links"
      steps={STEPS}
      step={step}
      heading={title}
      onCancel={step === 'Deploy' ? undefined : props.onClose}
    >
      {body}
    </StepFlow>
  )
}
