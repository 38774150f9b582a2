// "Replace a key": plan → review → done. The plan comes first, read from the account as it is now:
// the new key (its name and type can be chosen), its upload, how it gets into each key group that
// holds the old key — a group at CloudFront's 5-key limit asks which unused key to take out, or to
// use a new group — and the sites here that switch to it. The review plans once more with every
// choice, and applies; applying again after a failure finishes what is left. The old key stays in
// its key groups and is marked retiring, so no link stops working.
import { useEffect, useRef, useState } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { Field, FieldGroup } from '../../components/Field.tsx'
import { StepFlow } from '../../components/Steps.tsx'
import { call, useAction, useRead } from '../../lib/server-state.ts'
import { KEY_NAME_MAX, KEY_TYPE_LABEL } from '../../../../shared/contract/key-facts.ts'
import type { RotatePlan, RotateRequest, RotateResult } from '../../../../shared/contract/key-lifecycle.ts'
import type { KeyType } from '../../../../shared/contract/keys.ts'
import { ReplaceResult } from './ReplaceResult.tsx'
import { RotatePlanView, type FullGroupChoices } from './RotatePlanView.tsx'
import './lifecycle.css'

const STEPS = ['Plan', 'Review', 'Done'] as const
type Step = (typeof STEPS)[number]

export function ReplaceKeyWizard(props: {
  keyId: string
  keyName: string
  profile: string | undefined
  onOpenKey: (keyId: string) => void
  /** Leaves the wizard, back to the key (Cancel, Escape). */
  onClose: () => void
  /** Once done: back to the list of keys. */
  onList: () => void
}) {
  const [step, setStep] = useState<Step>('Plan')
  const [name, setName] = useState('')
  const [type, setType] = useState<KeyType>()
  const [choices, setChoices] = useState<FullGroupChoices>({})
  const [result, setResult] = useState<RotateResult>()
  const frame = useRef<HTMLDivElement>(null)
  // The button that opened the wizard is gone: the first step's heading takes the focus.
  useEffect(() => frame.current?.querySelector<HTMLElement>('.step-title')?.focus(), [])
  const removeKeys = Object.values(choices).filter((choice) => choice !== 'new-group')
  const request: RotateRequest = {
    profile: props.profile,
    key: props.keyId,
    ...(type && { type }),
    ...(removeKeys.length > 0 && { removeKeys }),
    ...(Object.values(choices).includes('new-group') && { newGroup: true }),
  }
  const named: RotateRequest = { ...request, ...(name.trim() && { name: name.trim() }) }

  let heading: string
  let body
  switch (step) {
    case 'Plan':
      heading = `What replacing “${props.keyName}” involves`
      body = (
        <PlanStep
          request={request}
          name={name}
          onNameChange={setName}
          type={type}
          onTypeChange={setType}
          choices={choices}
          onChoicesChange={setChoices}
          onContinue={() => setStep('Review')}
        />
      )
      break
    case 'Review':
      heading = 'Review and replace'
      body = (
        <ReviewStep
          request={named}
          onBack={() => setStep('Plan')}
          onDone={(done) => {
            setResult(done)
            setStep('Done')
          }}
        />
      )
      break
    case 'Done':
      heading = 'Done: no link stops working'
      body = result && <ReplaceResult result={result} onOpenKey={props.onOpenKey} onList={props.onList} />
      break
  }
  return (
    <div ref={frame}>
      <StepFlow
        titleId="replace-title"
        title={`Replace “${props.keyName}”`}
        steps={STEPS}
        step={step}
        heading={heading}
        onCancel={step === 'Done' ? undefined : props.onClose}
      >
        {body}
      </StepFlow>
    </div>
  )
}

function PlanStep(props: {
  request: RotateRequest
  name: string
  onNameChange: (name: string) => void
  type: KeyType | undefined
  onTypeChange: (type: KeyType) => void
  choices: FullGroupChoices
  onChoicesChange: (choices: FullGroupChoices) => void
  onContinue: () => void
}) {
  // A plan holds only for the moment it was read: never kept for a later visit to this step. While a
  // choice is planned again, the last plan stays on screen (and keeps the focus where it was).
  const plan = useRead('keys.planRotate', props.request, { gcTime: 0, keepPrevious: true })
  const keys = useRead('keys.list', undefined)
  if (plan.isPending && !plan.isError) {
    return <p className="hint">Reading the key groups and distributions of your account…</p>
  }
  const data = plan.data
  const wanted = (props.name.trim() || data?.newKey.name || '').toLowerCase()
  const taken =
    data?.newKey.action === 'create' && (keys.data ?? []).some((key) => key.name.toLowerCase() === wanted)
  const waiting = data?.blocked.some((b) => b.code !== 'KEY_NAME_TAKEN') ?? true
  return (
    <>
      <p>
        Keyfront makes a new key and has CloudFront trust it wherever the old one is trusted. The old key
        stays until you retire it, so every link already sent keeps working.
      </p>
      {data?.newKey.action === 'create' && (
        <NewKeyFields
          plan={data}
          name={props.name}
          onNameChange={props.onNameChange}
          type={props.type}
          onTypeChange={props.onTypeChange}
          taken={taken}
        />
      )}
      <ErrorNotice error={plan.error} />
      {data && (
        <>
          <h4 className="key-plan-title">What Keyfront will do</h4>
          <RotatePlanView
            plan={data}
            newName={data.newKey.action === 'create' ? props.name.trim() : undefined}
            choices={{ value: props.choices, onChange: props.onChoicesChange }}
          />
        </>
      )}
      <div className="form-actions">
        <button
          type="button"
          className="button primary"
          disabled={!data || waiting || taken || plan.isFetching}
          onClick={props.onContinue}
        >
          Continue
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

function NewKeyFields(props: {
  plan: RotatePlan
  name: string
  onNameChange: (name: string) => void
  type: KeyType | undefined
  onTypeChange: (type: KeyType) => void
  taken: boolean
}) {
  const type = props.type ?? props.plan.newKey.type
  return (
    <div className="key-new-fields">
      <Field
        label="Name of the new key"
        hint={props.name.trim() ? undefined : `Leave empty to call it “${props.plan.newKey.name}”.`}
        error={props.taken ? 'A key with this name already exists. Choose another name.' : undefined}
      >
        {(control) => (
          <input
            {...control}
            type="text"
            value={props.name}
            maxLength={KEY_NAME_MAX}
            placeholder={props.plan.newKey.name}
            onChange={(event) => props.onNameChange(event.target.value)}
          />
        )}
      </Field>
      <FieldGroup legend="Type of the new key">
        <div className="choice-row">
          {(['rsa', 'ecdsa'] as const).map((option) => (
            <label key={option} className="choice">
              <input
                type="radio"
                name="replace-key-type"
                checked={type === option}
                onChange={() => props.onTypeChange(option)}
              />
              {KEY_TYPE_LABEL[option]}
            </label>
          ))}
        </div>
      </FieldGroup>
    </div>
  )
}

function ReviewStep(props: {
  request: RotateRequest
  onBack: () => void
  onDone: (result: RotateResult) => void
}) {
  const plan = useRead('keys.planRotate', props.request, { gcTime: 0 })
  const apply = useAction(async () => props.onDone(await call('keys.rotate', props.request)))
  if (plan.isPending && !plan.isError) return <p className="hint">Checking the plan once more…</p>
  const ready = plan.data !== undefined && plan.data.blocked.length === 0
  return (
    <>
      <ErrorNotice error={plan.error} />
      {plan.data && <RotatePlanView plan={plan.data} />}
      {apply.busy && (
        <div className="key-applying" role="status">
          <progress aria-label="Replacing the key" />
          <p>
            Replacing the key: making it, uploading it and saving each key group. Each group is saved only if
            nobody changed it since it was read.
          </p>
        </div>
      )}
      <ErrorNotice error={apply.error} />
      {apply.error !== undefined && (
        <p className="hint">Replacing again is safe: what was already done is found and not done twice.</p>
      )}
      <div className="form-actions">
        <button
          type="button"
          className="button primary"
          disabled={!ready || apply.busy}
          aria-busy={apply.busy}
          onClick={() => void apply.run()}
        >
          {apply.busy ? 'Replacing…' : apply.error !== undefined ? 'Replace again' : 'Replace key'}
        </button>
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
