// Which AWS identity Keyfront acts as: a profile from the AWS config files (SSO included), an
// access key added in Keyfront, or the default credentials — and who that is, from AWS itself.
import { useState } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import type { CallState } from '../../lib/use-call.ts'
import { useCall } from '../../lib/use-call.ts'
import type { AwsProfile, CallerIdentity } from '../../../../shared/contract/cloudfront.ts'
import { AddAccessKeyForm } from './AddAccessKeyForm.tsx'

const KIND: Record<AwsProfile['kind'], string> = {
  sso: 'SSO',
  'access-key': 'access key',
  keychain: 'access key in your keychain',
  'assume-role': 'role',
  process: 'credential process',
  'web-identity': 'web identity',
  other: 'profile',
}

export function AccountPicker(props: {
  profile: string | undefined
  onChange: (profile: string | undefined) => void
  identity: CallState<CallerIdentity>
}) {
  const [generation, setGeneration] = useState(0)
  const [adding, setAdding] = useState(false)
  const profiles = useCall('aws.profiles', undefined, [generation])
  const list = profiles.value?.profiles ?? []
  const defaultLabel = profiles.value?.environmentCredentials
    ? 'Default: environment credentials'
    : profiles.value?.defaultProfile
      ? `Default: profile “${profiles.value.defaultProfile}”`
      : 'Default credentials'

  return (
    <section className="panel" aria-labelledby="account-title">
      <h2 id="account-title">AWS account</h2>
      <div className="dist-account">
        <div className="field">
          <label htmlFor="aws-profile">Profile</label>
          <select
            id="aws-profile"
            value={props.profile ?? ''}
            onChange={(event) => props.onChange(event.target.value || undefined)}
          >
            <option value="">{defaultLabel}</option>
            {list.map((profile) => (
              <option key={profile.name} value={profile.name}>
                {profile.name} — {KIND[profile.kind]}
                {profile.ssoAccountId ? ` (${profile.ssoAccountId})` : ''}
              </option>
            ))}
          </select>
          <span className="hint">From ~/.aws/config and ~/.aws/credentials, as the AWS CLI uses them.</span>
        </div>
        <div className="dist-identity" aria-live="polite">
          {props.identity.loading && <p className="hint">Asking AWS who this is…</p>}
          {props.identity.value && (
            <dl className="facts">
              <dt>Account</dt>
              <dd className="mono">{props.identity.value.accountId}</dd>
              <dt>Signed in as</dt>
              <dd className="mono dist-wrap">{props.identity.value.arn}</dd>
            </dl>
          )}
        </div>
      </div>
      {!props.identity.loading && <ErrorNotice error={props.identity.error} />}
      <ErrorNotice error={profiles.error} />
      {adding ? (
        <AddAccessKeyForm
          onAdded={(name) => {
            setAdding(false)
            setGeneration((g) => g + 1)
            props.onChange(name)
          }}
          onCancel={() => setAdding(false)}
        />
      ) : (
        <button type="button" className="link-button" onClick={() => setAdding(true)}>
          Add an access key
        </button>
      )}
    </section>
  )
}
