// Step 1 of a new distribution: the account's buckets with their regions, filtered by what the user
// types — or any bucket name typed in full (the list may be empty when the profile may not list).
import { useState, type FormEvent } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { Field, FieldGroup } from '../../components/Field.tsx'
import { FormActions } from '../../components/FormActions.tsx'
import { call, useAction, useRead } from '../../lib/server-state.ts'
import { BucketName, type BucketInspection } from '../../../../shared/contract/origin.ts'

const SHOWN_MAX = 50

export interface PickedBucket {
  name: string
  region?: string
}

export function NewDistributionBucketStep(props: {
  profile?: string
  initial?: PickedBucket
  onChecked: (bucket: PickedBucket, inspection: BucketInspection) => void
}) {
  const buckets = useRead('origin.listBuckets', { profile: props.profile })
  const [name, setName] = useState(props.initial?.name ?? '')
  const query = name.trim().toLowerCase()
  const matching = (buckets.data ?? []).filter((b) => b.name.includes(query))
  const listed = buckets.data?.find((b) => b.name === name.trim())
  const valid = BucketName.safeParse(name.trim())

  const check = useAction(async (bucket: PickedBucket) => {
    props.onChecked(
      bucket,
      await call('origin.inspectBucket', {
        bucket: bucket.name,
        region: bucket.region,
        profile: props.profile,
      }),
    )
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (valid.success) void check.run({ name: valid.data, region: listed?.region })
  }

  return (
    <form onSubmit={submit}>
      <p className="hint">
        Keyfront creates a CloudFront distribution that reads this bucket on your behalf. The bucket itself
        stays private: only that distribution may read it.
      </p>
      <Field
        label="Bucket name"
        hint="Type to filter the list below, or type the full name of a bucket that is not listed."
      >
        {(control) => (
          <input
            {...control}
            type="text"
            value={name}
            maxLength={63}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => setName(event.target.value)}
          />
        )}
      </Field>
      {buckets.isPending && <p role="status">Loading the buckets of this account…</p>}
      {buckets.isError && (
        <>
          <ErrorNotice error={buckets.error} />
          <p className="hint">You can still type a bucket name above.</p>
        </>
      )}
      {buckets.data && (
        <FieldGroup
          className="nd-bucket-list"
          legend={
            <>
              Buckets in this account{' '}
              <span className="hint">
                (
                {matching.length === buckets.data.length
                  ? buckets.data.length
                  : `${matching.length} of ${buckets.data.length}`}
                )
              </span>
            </>
          }
        >
          {buckets.data.length === 0 && <p className="hint">This account has no buckets yet.</p>}
          {matching.slice(0, SHOWN_MAX).map((bucket) => (
            <label key={bucket.name} className="choice">
              <input
                type="radio"
                name="nd-bucket"
                value={bucket.name}
                checked={name.trim() === bucket.name}
                onChange={() => setName(bucket.name)}
              />
              <span>
                <span className="mono">{bucket.name}</span>
                <span className="hint"> — {bucket.region ?? 'region unknown'}</span>
              </span>
            </label>
          ))}
          {matching.length > SHOWN_MAX && (
            <p className="hint">
              {matching.length - SHOWN_MAX} more: type more of the name to narrow the list.
            </p>
          )}
        </FieldGroup>
      )}
      {name.trim() !== '' && !valid.success && (
        <p className="hint" role="status">
          {valid.error.issues[0]?.message}
        </p>
      )}
      <ErrorNotice error={check.error} />
      <FormActions
        label="Check this bucket"
        busyLabel="Checking the bucket…"
        busy={check.busy}
        disabled={!valid.success}
      />
    </form>
  )
}
