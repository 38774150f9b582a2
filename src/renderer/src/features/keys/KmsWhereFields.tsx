// Where a key kept in AWS KMS is: the AWS profile that reaches it and its region. Shared by "New
// key → Kept by AWS KMS" and "Add a KMS key".
import { Field } from '../../components/Field.tsx'
import { ProfileSelect } from './ProfileSelect.tsx'

export interface KmsWhere {
  profile: string | undefined
  region: string
}

export function KmsWhereFields(props: {
  where: KmsWhere
  onChange: (where: KmsWhere) => void
  regionHint: string
}) {
  const { where } = props
  return (
    <>
      <ProfileSelect
        profile={where.profile}
        onChange={(profile) => props.onChange({ ...where, profile })}
        hint="The AWS account the key is kept in. Your AWS administrator decides who may use it."
      />
      <Field label="AWS region" hint={props.regionHint}>
        {(control) => (
          <input
            {...control}
            type="text"
            value={where.region}
            maxLength={64}
            placeholder="eu-west-1"
            onChange={(event) => props.onChange({ ...where, region: event.target.value })}
          />
        )}
      </Field>
    </>
  )
}

/** The request's profile and region, leaving out what was not given. */
export function kmsWhereRequest(where: KmsWhere): { profile?: string; region?: string } {
  return {
    ...(where.profile !== undefined && { profile: where.profile }),
    ...(where.region.trim() && { region: where.region.trim() }),
  }
}
