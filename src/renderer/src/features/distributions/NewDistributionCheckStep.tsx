// Step 2 of a new distribution: how the bucket is protected (Block Public Access) and encrypted —
// with a warning when CloudFront could not read its objects — and the optional root object.
import { useState, type FormEvent } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { FormActions } from '../../components/FormActions.tsx'
import { call } from '../../lib/bridge.ts'
import { useAction } from '../../lib/use-action.ts'
import { RootObject, type BucketInspection, type OriginPlan } from '../../../../shared/contract/origin.ts'
import { NewDistributionNotices } from './NewDistributionNotices.tsx'

export const PUBLIC_ACCESS_TEXT: Record<BucketInspection['publicAccess']['state'], string> = {
  blocked: 'Blocked — files are reachable only with permission',
  partial: 'Partly blocked',
  off: 'Not blocked at the bucket level',
  unknown: 'Could not be read',
}

export const ENCRYPTION_TEXT: Record<BucketInspection['encryption']['kind'], string> = {
  none: 'No default encryption — fine for CloudFront',
  'sse-s3': 'SSE-S3 (Amazon S3 managed keys) — fine for CloudFront',
  'kms-aws-managed': 'SSE-KMS with the AWS-managed key aws/s3 — CloudFront cannot read these objects',
  'kms-customer': 'SSE-KMS with your own KMS key — its key policy must allow the distribution',
  unknown: 'Could not be read',
}

export function NewDistributionCheckStep(props: {
  profile?: string
  inspection: BucketInspection
  onBack: () => void
  onPlanned: (plan: OriginPlan, rootObject?: string) => void
}) {
  const { inspection } = props
  const [useRoot, setUseRoot] = useState(false)
  const [rootObject, setRootObject] = useState('index.html')
  const root = RootObject.safeParse(rootObject.trim())
  const ready = !useRoot || root.success

  const makePlan = useAction(async (chosenRoot: string | undefined) => {
    const plan = await call('origin.plan', {
      bucket: inspection.name,
      region: inspection.region,
      rootObject: chosenRoot,
      profile: props.profile,
    })
    props.onPlanned(plan, chosenRoot)
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (ready) void makePlan.run(useRoot && root.success ? root.data : undefined)
  }

  return (
    <form onSubmit={submit}>
      <dl className="facts nd-facts">
        <dt>Bucket</dt>
        <dd className="mono">{inspection.name}</dd>
        <dt>Region</dt>
        <dd>{inspection.region}</dd>
        <dt>Public access</dt>
        <dd>
          <span className={`chip ${inspection.publicAccess.state === 'blocked' ? 'ok' : 'warn'}`}>
            {PUBLIC_ACCESS_TEXT[inspection.publicAccess.state]}
          </span>
        </dd>
        <dt>Encryption</dt>
        <dd>
          <span className={`chip ${['none', 'sse-s3'].includes(inspection.encryption.kind) ? 'ok' : 'warn'}`}>
            {ENCRYPTION_TEXT[inspection.encryption.kind]}
          </span>
          {inspection.encryption.kind === 'kms-customer' && (
            <span className="mono hint"> {inspection.encryption.kmsKeyId}</span>
          )}
        </dd>
        <dt>Origin address</dt>
        <dd className="mono">{inspection.endpoint}</dd>
      </dl>
      <NewDistributionNotices notices={inspection.notices} snippets={false} />
      <fieldset className="field">
        <legend>Root object</legend>
        <label className="choice">
          <input type="checkbox" checked={useRoot} onChange={(event) => setUseRoot(event.target.checked)} />
          <span>Show a file when someone opens the distribution's address without a path</span>
        </label>
        {useRoot && (
          <div className="field nd-indent">
            <label htmlFor="nd-root-object">File name</label>
            <input
              id="nd-root-object"
              type="text"
              value={rootObject}
              maxLength={255}
              aria-describedby="nd-root-hint"
              aria-invalid={!root.success}
              onChange={(event) => setRootObject(event.target.value)}
            />
            <span id="nd-root-hint" className="hint">
              {root.success ? 'A key in the bucket, e.g. index.html.' : root.error.issues[0]?.message}
            </span>
          </div>
        )}
      </fieldset>
      <ErrorNotice error={makePlan.error} />
      <FormActions
        label="Review the plan"
        busyLabel="Preparing the plan…"
        busy={makePlan.busy}
        disabled={!ready}
        onCancel={props.onBack}
        cancelLabel="Back"
      />
    </form>
  )
}
