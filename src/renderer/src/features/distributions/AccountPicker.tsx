// Which AWS identity Keyfront acts as: a profile from the AWS config files (SSO included), an
// access key added in Keyfront, or the default credentials — and who that is, from AWS itself. An
// access key added in Keyfront can be removed again here, once chosen.
import { useState } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { Field } from '../../components/Field.tsx'
import { useRead, type Read } from '../../lib/server-state.ts'
import type { AwsProfile, CallerIdentity } from '../../../../shared/contract/cloudfront.ts'
import { AddAccessKeyForm } from './AddAccessKeyForm.tsx'
import { RemoveAccessKeyConfirm } from './RemoveAccessKeyConfirm.tsx'

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
  identity: Read<CallerIdentity>
}) {
  const [open, setOpen] = useState<'add' | 'remove'>()
  const profiles = useRead('aws.profiles', undefined)
  const list = profiles.data?.profiles ?? []
  const defaultLabel = profiles.data?.environmentCredentials
    ? 'Default: environment credentials'
    : profiles.data?.defaultProfile
      ? `Default: profile “${profiles.data.defaultProfile}”`
      : 'Default credentials'
  const saved = list.find((p) => p.name === props.profile && p.source === 'keyfront')

  return (
    <section className="panel" aria-labelledby="account-title">
      <h2 id="account-title">AWS account</h2>
      <div className="dist-account">
        <Field label="Profile" hint="From ~/.aws/config and ~/.aws/credentials, as the AWS CLI uses them.">
          {(control) => (
            <select
              {...control}
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
          )}
        </Field>
        <div className="dist-identity" aria-live="polite">
          {props.identity.isPending && <p className="hint">Asking AWS who this is…</p>}
          {props.identity.data && (
            <dl className="facts">
              <dt>Account</dt>
              <dd className="mono">{props.identity.data.accountId}</dd>
              <dt>Signed in as</dt>
              <dd className="mono dist-wrap">{props.identity.data.arn}</dd>
            </dl>
          )}
        </div>
      </div>
      <ErrorNotice error={props.identity.error} />
      <ErrorNotice error={profiles.error} />
      {open === 'add' && (
        <AddAccessKeyForm
          onAdded={(name) => {
            setOpen(undefined)
            props.onChange(name)
          }}
          onCancel={() => setOpen(undefined)}
        />
      )}
      {open === 'remove' && saved && (
        <RemoveAccessKeyConfirm
          name={saved.name}
          onRemoved={() => {
            setOpen(undefined)
            props.onChange(undefined)
          }}
          onCancel={() => setOpen(undefined)}
        />
      )}
      {open === undefined && (
        <div className="dist-account-actions">
          <button type="button" className="link-button" onClick={() => setOpen('add')}>
            Add an access key
          </button>
          {saved && (
            <button type="button" className="link-button" onClick={() => setOpen('remove')}>
              Remove the access key “{saved.name}”…
            </button>
          )}
        </div>
      )}
    </section>
  )
}
