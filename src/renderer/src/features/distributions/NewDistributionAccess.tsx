// Before anything else: does Keyfront have an AWS account to work in? With no credentials (or
// credentials AWS refuses), the flow says so and offers the way in first — add an access key (kept
// in the system keychain), pick another profile, or sign in with the AWS command line — next to the
// permissions the flow will need, so they can be granted before anything is tried.
import { useState } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { Field } from '../../components/Field.tsx'
import { useRead, type Read } from '../../lib/server-state.ts'
import type { CallerIdentity } from '../../../../shared/contract/cloudfront.ts'
import { AddAccessKeyForm } from './AddAccessKeyForm.tsx'
import { NewDistributionPermissions } from './NewDistributionPermissions.tsx'

export function NewDistributionAccess(props: {
  profile: string | undefined
  onProfileChange: (profile: string | undefined) => void
  identity: Read<CallerIdentity>
}) {
  const [adding, setAdding] = useState(false)
  const profiles = useRead('aws.profiles', undefined)
  const named = profiles.data?.profiles ?? []
  return (
    <div className="nd-access">
      <p>
        To create a distribution, Keyfront acts in your AWS account — and it cannot yet: it has no credentials
        that AWS accepts.
      </p>
      <ErrorNotice error={props.identity.error} />
      {adding ? (
        <AddAccessKeyForm
          onAdded={(name) => {
            setAdding(false)
            props.onProfileChange(name)
          }}
          onCancel={() => setAdding(false)}
        />
      ) : (
        <div className="form-actions">
          <button type="button" className="button primary" onClick={() => setAdding(true)}>
            Add an access key
          </button>
          <button
            type="button"
            className="button"
            disabled={props.identity.isFetching}
            onClick={() => void props.identity.refetch()}
          >
            {props.identity.isFetching ? 'Asking AWS…' : 'Try again'}
          </button>
        </div>
      )}
      <p>
        If you use the AWS command line, you can sign in there instead: <code>aws configure</code> for an
        access key, or <code>aws sso login --profile NAME</code> for single sign-on. Then choose Try again.
      </p>
      {named.length > 0 && (
        <Field label="Or use another AWS profile" className="nd-profile">
          {(control) => (
            <select
              {...control}
              value={props.profile ?? ''}
              onChange={(event) => props.onProfileChange(event.target.value || undefined)}
            >
              <option value="">Default credentials</option>
              {named.map((profile) => (
                <option key={profile.name} value={profile.name}>
                  {profile.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <NewDistributionPermissions scope={{}} open />
    </div>
  )
}
