// Step 1, second half: how the bucket is protected (Block Public Access) and encrypted, the
// optional root object — and, for a bucket that encrypts with aws/s3 (which CloudFront cannot
// read), a choice that must be made before going on: switch to SSE-S3, or keep it knowingly.
import { useState, type FormEvent } from 'react'
import { Field, FieldGroup } from '../../components/Field.tsx'
import { FormActions } from '../../components/FormActions.tsx'
import { AWS_MANAGED_KEY, reencryptCommand } from '../../../../shared/aws-managed-key.ts'
import {
  RootObject,
  type BucketInspection,
  type EncryptionChoice,
} from '../../../../shared/contract/origin.ts'
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
  'kms-aws-managed': 'SSE-KMS with the AWS-managed key aws/s3 — CloudFront cannot read these files',
  'kms-customer': 'SSE-KMS with your own KMS key — its key policy must allow the distribution',
  unknown: 'Could not be read',
}

export interface BucketChoices {
  rootObject?: string
  encryption?: EncryptionChoice
}

export function NewDistributionCheckStep(props: {
  inspection: BucketInspection
  initial: BucketChoices
  onBack: () => void
  onNext: (choices: BucketChoices) => void
}) {
  const { inspection } = props
  const [useRoot, setUseRoot] = useState(props.initial.rootObject !== undefined)
  const [rootObject, setRootObject] = useState(props.initial.rootObject ?? 'index.html')
  const [encryption, setEncryption] = useState(props.initial.encryption)
  const root = RootObject.safeParse(rootObject.trim())
  const awsManaged = inspection.encryption.kind === 'kms-aws-managed'
  const ready = (!useRoot || root.success) && (!awsManaged || encryption !== undefined)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!ready) return
    props.onNext({
      ...(useRoot && root.success && { rootObject: root.data }),
      ...(awsManaged && { encryption }),
    })
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
      {awsManaged && (
        <AwsManagedKeyChoice bucket={inspection.name} choice={encryption} onChange={setEncryption} />
      )}
      <NewDistributionNotices
        notices={inspection.notices.filter((n) => n.title !== AWS_MANAGED_KEY.title)}
        snippets={false}
      />
      <FieldGroup legend="Root object">
        <label className="choice">
          <input type="checkbox" checked={useRoot} onChange={(event) => setUseRoot(event.target.checked)} />
          <span>Show a file when someone opens the distribution's address without a path</span>
        </label>
        {useRoot && (
          <Field
            label="File name"
            className="nd-indent"
            hint="A key in the bucket, e.g. index.html."
            error={root.success ? undefined : (root.error.issues[0]?.message ?? 'This is not a file name.')}
          >
            {(control) => (
              <input
                {...control}
                type="text"
                value={rootObject}
                maxLength={255}
                onChange={(event) => setRootObject(event.target.value)}
              />
            )}
          </Field>
        )}
      </FieldGroup>
      <FormActions
        label="Continue"
        busy={false}
        disabled={!ready}
        onCancel={props.onBack}
        cancelLabel="Back"
      />
    </form>
  )
}

/** The aws/s3 warning with its two ways on; nothing goes further until one is chosen. */
function AwsManagedKeyChoice(props: {
  bucket: string
  choice: EncryptionChoice | undefined
  onChange: (choice: EncryptionChoice) => void
}) {
  return (
    <FieldGroup
      className="notice notice-warn nd-kms"
      legend={<strong>{AWS_MANAGED_KEY.title}</strong>}
      hint={`${AWS_MANAGED_KEY.explanation} ${AWS_MANAGED_KEY.choose}`}
    >
      <label className="choice">
        <input
          type="radio"
          name="nd-kms"
          checked={props.choice === 'switch-to-sse-s3'}
          onChange={() => props.onChange('switch-to-sse-s3')}
        />
        <span>
          <strong>{AWS_MANAGED_KEY.switchLabel}</strong>
          <span className="nd-choice-detail">
            {AWS_MANAGED_KEY.switchDetail} {AWS_MANAGED_KEY.reencryptHint}
          </span>
          <code className="nd-command">{reencryptCommand(props.bucket)}</code>
          <span className="nd-choice-detail">
            Keyfront changes the setting only when you create the distribution, after you agree to it in the
            review.
          </span>
        </span>
      </label>
      <label className="choice">
        <input
          type="radio"
          name="nd-kms"
          checked={props.choice === 'keep'}
          onChange={() => props.onChange('keep')}
        />
        <span>
          <strong>{AWS_MANAGED_KEY.keepLabel}</strong>
          <span className="nd-choice-detail">{AWS_MANAGED_KEY.keepDetail}</span>
        </span>
      </label>
    </FieldGroup>
  )
}
