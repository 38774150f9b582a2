// Which AWS profile a key's life is read and changed with (where it is used, upload, replace,
// retire), or a key in AWS KMS is made or reached with. The Keys screen starts with the profile the
// key's site on this computer was onboarded with; the user may pick another here.
import { Field } from '../../components/Field.tsx'
import { useRead } from '../../lib/server-state.ts'

export function ProfileSelect(props: {
  profile: string | undefined
  onChange: (profile: string | undefined) => void
  /** The account the profile answered for, once known. */
  accountId?: string
  /** What the profile is used for, when not reading CloudFront. */
  hint?: string
}) {
  const profiles = useRead('aws.profiles', undefined)
  const list = profiles.data?.profiles ?? []
  const fallback = profiles.data?.defaultProfile
    ? `Default (profile “${profiles.data.defaultProfile}”)`
    : 'Default credentials'
  return (
    <Field
      className="key-profile"
      label="AWS profile"
      hint={
        props.accountId
          ? `Account ${props.accountId}`
          : (props.hint ?? 'The AWS account CloudFront is read in.')
      }
      liveHint
    >
      {(control) => (
        <select
          {...control}
          value={props.profile ?? ''}
          onChange={(event) => props.onChange(event.target.value || undefined)}
        >
          <option value="">{fallback}</option>
          {list.map((profile) => (
            <option key={profile.name} value={profile.name}>
              {profile.name}
            </option>
          ))}
          {props.profile && !list.some((p) => p.name === props.profile) && (
            <option value={props.profile}>{props.profile}</option>
          )}
        </select>
      )}
    </Field>
  )
}
