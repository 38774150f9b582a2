// "New distribution for a private bucket": pick a bucket → see how it is protected and encrypted
// (choose a root object) → review the plan and the bucket-policy diff and agree to it → create →
// every resource with its id → continue into restricting the distribution to signed links.
import { useState, type ReactNode } from 'react'
import { StepFlow } from '../../components/Steps.tsx'
import type { BucketInspection, OriginPlan, OriginResult } from '../../../../shared/contract/origin.ts'
import { NewDistributionBucketStep, type PickedBucket } from './NewDistributionBucketStep.tsx'
import { NewDistributionCheckStep } from './NewDistributionCheckStep.tsx'
import { NewDistributionPlanStep } from './NewDistributionPlanStep.tsx'
import { NewDistributionResult } from './NewDistributionResult.tsx'

const STEPS = ['Bucket', 'Check', 'Review', 'Done'] as const

type State =
  | { step: 'Bucket' }
  | { step: 'Check'; inspection: BucketInspection }
  | { step: 'Review'; inspection: BucketInspection; plan: OriginPlan; rootObject?: string }
  | { step: 'Done'; result: OriginResult }

export function NewDistributionFlow(props: {
  onDone: (distributionId: string) => void
  onCancel: () => void
  /** The AWS profile picked on the Distributions screen; undefined = the default chain. */
  profile?: string
}) {
  const { profile } = props
  const [state, setState] = useState<State>({ step: 'Bucket' })
  const [picked, setPicked] = useState<PickedBucket>()

  let body: ReactNode
  switch (state.step) {
    case 'Bucket':
      body = (
        <NewDistributionBucketStep
          profile={profile}
          initial={picked}
          onChecked={(bucket, inspection) => {
            setPicked(bucket)
            setState({ step: 'Check', inspection })
          }}
        />
      )
      break
    case 'Check':
      body = (
        <NewDistributionCheckStep
          profile={profile}
          inspection={state.inspection}
          onBack={() => setState({ step: 'Bucket' })}
          onPlanned={(plan, rootObject) =>
            setState({ step: 'Review', inspection: state.inspection, plan, rootObject })
          }
        />
      )
      break
    case 'Review':
      body = (
        <NewDistributionPlanStep
          profile={profile}
          plan={state.plan}
          rootObject={state.rootObject}
          onBack={() => setState({ step: 'Check', inspection: state.inspection })}
          onReplanned={(plan) => setState({ ...state, plan })}
          onApplied={(result) => setState({ step: 'Done', result })}
        />
      )
      break
    case 'Done':
      body = (
        <NewDistributionResult
          result={state.result}
          onContinue={() => props.onDone(state.result.distribution.id)}
        />
      )
      break
  }

  return (
    <StepFlow
      titleId="nd-title"
      title="New distribution for a private bucket"
      steps={STEPS}
      step={state.step}
      heading={state.step === 'Done' ? doneTitle(state.result) : STEP_TITLES[state.step]}
      onCancel={state.step === 'Done' ? undefined : props.onCancel}
    >
      {body}
    </StepFlow>
  )
}

const STEP_TITLES: Record<Exclude<State['step'], 'Done'>, string> = {
  Bucket: 'Which bucket holds the files?',
  Check: 'How the bucket is protected',
  Review: 'Review what Keyfront will do',
}

function doneTitle(result: OriginResult): string {
  if (result.resources.every((r) => r.outcome === 'reused')) return 'Everything was in place already'
  return result.distribution.status === 'Deployed'
    ? 'Your distribution is ready'
    : 'Your distribution is being created'
}
