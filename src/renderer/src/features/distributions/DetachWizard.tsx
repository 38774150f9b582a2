// "Stop requiring signed links": the undo of restricting a distribution, with the same plan and
// review as onboarding. Paths (which key group to stop trusting, and where) → review the plan →
// apply → deployment progress. The key group and its keys stay in CloudFront: restricting again
// brings the paths back.
import { useEffect, useRef, useState, type ReactNode } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { FieldGroup } from '../../components/Field.tsx'
import { StepFlow } from '../../components/Steps.tsx'
import { call, useAction, useRead } from '../../lib/server-state.ts'
import type { DetachRequest, DistributionInfo, TrustResult } from '../../../../shared/contract/cloudfront.ts'
import { DeploymentProgress } from './DeploymentProgress.tsx'
import { DetachPlanView } from './DetachPlanView.tsx'
import { behaviorLabel } from './format.ts'

const STEPS = ['Paths', 'Review', 'Deploy'] as const
type Step = (typeof STEPS)[number]

/** The key groups the distribution's behaviors trust, each with the behaviors that trust it. */
export function trustedGroups(distribution: DistributionInfo): { name: string; behaviors: string[] }[] {
  const groups = new Map<string, string[]>()
  for (const behavior of distribution.behaviors) {
    for (const group of behavior.trustedKeyGroups) {
      if (group.name) groups.set(group.name, [...(groups.get(group.name) ?? []), behavior.selector])
    }
  }
  return [...groups].map(([name, behaviors]) => ({ name, behaviors }))
}

export function DetachWizard(props: {
  profile: string | undefined
  distribution: DistributionInfo
  onClose: () => void
}) {
  const { distribution } = props
  const groups = trustedGroups(distribution)
  const [step, setStep] = useState<Step>('Paths')
  const [groupName, setGroupName] = useState(groups[0]?.name ?? '')
  const group = groups.find((g) => g.name === groupName)
  // undefined: every behavior that trusts the group (the default).
  const [chosen, setChosen] = useState<string[]>()
  const behaviors = chosen ?? group?.behaviors ?? []
  const [result, setResult] = useState<TrustResult>()
  const [deployed, setDeployed] = useState(false)
  const frame = useRef<HTMLDivElement>(null)
  // The button that opened the flow is gone: the first step's heading takes the focus.
  useEffect(() => frame.current?.querySelector<HTMLElement>('.step-title')?.focus(), [])

  const request: DetachRequest = {
    profile: props.profile,
    distributionId: distribution.id,
    keyGroup: groupName,
    behaviors,
  }
  let heading: string
  let body: ReactNode
  switch (step) {
    case 'Paths':
      heading = 'Which paths should stop requiring a signed link?'
      body = (
        <>
          {groups.length > 1 && (
            <FieldGroup legend="Stop trusting which key group?">
              {groups.map((g) => (
                <label key={g.name} className="choice">
                  <input
                    type="radio"
                    name="detach-group"
                    checked={g.name === groupName}
                    onChange={() => {
                      setGroupName(g.name)
                      setChosen(undefined)
                    }}
                  />
                  <span className="mono">{g.name}</span>
                </label>
              ))}
            </FieldGroup>
          )}
          {group && (
            <FieldGroup
              legend={`Paths of ${distribution.domainName} that trust ${group.name}`}
              hint="Untick the ones that should keep requiring a signed link."
            >
              {group.behaviors.map((selector) => (
                <label key={selector} className="choice">
                  <input
                    type="checkbox"
                    checked={behaviors.includes(selector)}
                    onChange={(event) =>
                      setChosen(
                        event.target.checked
                          ? [...behaviors, selector]
                          : behaviors.filter((s) => s !== selector),
                      )
                    }
                  />
                  <span className="mono">{behaviorLabel(selector)}</span>
                </label>
              ))}
            </FieldGroup>
          )}
          <div className="form-actions">
            <button
              type="button"
              className="button primary"
              disabled={behaviors.length === 0}
              onClick={() => setStep('Review')}
            >
              Continue
            </button>
          </div>
        </>
      )
      break
    case 'Review':
      heading = 'Review the changes'
      body = (
        <DetachReview
          request={request}
          onBack={() => setStep('Paths')}
          onApplied={(applied) => {
            setResult(applied)
            setStep('Deploy')
          }}
        />
      )
      break
    case 'Deploy':
      heading = deployed ? 'Done: these paths no longer need a signed link' : 'Deploying the change'
      body = result && (
        <>
          <p>
            {result.changedBehaviors.length > 0
              ? `${distribution.domainName} no longer requires links signed with the keys of “${result.keyGroupName}” on ${result.changedBehaviors.map(behaviorLabel).join(', ')}.`
              : `Nothing needed changing: those paths of ${distribution.domainName} no longer trusted “${result.keyGroupName}”.`}
          </p>
          <DeploymentProgress distributionId={result.distributionId} onDeployed={() => setDeployed(true)} />
          <p className="hint">
            To require signed links there again, choose Restrict to signed links on this distribution.
          </p>
          <div className="form-actions">
            <button type="button" className="button primary" onClick={props.onClose}>
              Back to distributions
            </button>
          </div>
        </>
      )
      break
  }
  return (
    <div ref={frame}>
      <StepFlow
        titleId="detach-title"
        title={`Stop requiring signed links on ${distribution.domainName}`}
        steps={STEPS}
        step={step}
        heading={heading}
        onCancel={step === 'Deploy' ? undefined : props.onClose}
      >
        {body}
      </StepFlow>
    </div>
  )
}

function DetachReview(props: {
  request: DetachRequest
  onBack: () => void
  onApplied: (result: TrustResult) => void
}) {
  // A plan holds only for the moment it was read: never kept for a later visit to this step.
  const plan = useRead('cloudfront.planDetach', props.request, { gcTime: 0 })
  const apply = useAction(async () => props.onApplied(await call('cloudfront.detach', props.request)))
  if (plan.isPending) return <p className="hint">Reading the distribution…</p>
  return (
    <>
      <ErrorNotice error={plan.error} />
      {plan.data && <DetachPlanView plan={plan.data} />}
      <ErrorNotice error={apply.error} />
      {apply.error !== undefined && (
        <p className="hint">Applying again is safe: what was already done is found and not done twice.</p>
      )}
      <div className="form-actions">
        {plan.data && (
          <button
            type="button"
            className="button primary"
            disabled={apply.busy}
            aria-busy={apply.busy}
            onClick={() => void apply.run()}
          >
            {apply.busy ? 'Applying…' : plan.data.changes ? 'Apply these changes' : 'Continue'}
          </button>
        )}
        <button type="button" className="button" disabled={apply.busy} onClick={props.onBack}>
          Back
        </button>
        {plan.isError && (
          <button type="button" className="button" onClick={() => void plan.refetch()}>
            Try again
          </button>
        )}
      </div>
    </>
  )
}
