// "Add a KMS key": what a colleague does with a team key someone made in AWS KMS — its ARN or alias,
// the profile that reaches it and, for an alias, its region. Keyfront reads its public half from KMS
// and finds it in CloudFront; nothing secret is kept on this computer.
import { useState } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { Field } from '../../components/Field.tsx'
import { FormActions } from '../../components/FormActions.tsx'
import { call, submitTo, useAction } from '../../lib/server-state.ts'
import type { KmsKeyAdded } from '../../../../shared/contract/keys.ts'
import { KmsWhereFields, kmsWhereRequest, type KmsWhere } from './KmsWhereFields.tsx'

export function AddKmsKeyForm(props: { onAdded: (added: KmsKeyAdded) => void; onCancel: () => void }) {
  const [name, setName] = useState('')
  const [keyId, setKeyId] = useState('')
  const [where, setWhere] = useState<KmsWhere>({ profile: undefined, region: '' })
  const add = useAction(async () =>
    props.onAdded(await call('keys.addKms', { name, keyId, ...kmsWhereRequest(where) })),
  )
  return (
    <form className="panel" aria-labelledby="add-kms-title" onSubmit={submitTo(add.run)}>
      <h2 id="add-kms-title">Add a key kept by AWS KMS</h2>
      <p className="hint">
        For a team key a colleague made: ask them for its name in AWS (it starts with alias/ or arn:aws:kms:).
      </p>
      <Field label="Name" hint={'How it is listed here, e.g. "Team downloads".'}>
        {(control) => (
          <input
            {...control}
            type="text"
            value={name}
            maxLength={64}
            required
            autoFocus
            onChange={(event) => setName(event.target.value)}
          />
        )}
      </Field>
      <Field
        label="KMS key (ARN or alias)"
        hint="Like alias/keyfront/Team-downloads or arn:aws:kms:eu-west-1:…"
      >
        {(control) => (
          <input
            {...control}
            type="text"
            value={keyId}
            maxLength={2048}
            required
            spellCheck={false}
            onChange={(event) => setKeyId(event.target.value)}
          />
        )}
      </Field>
      <KmsWhereFields
        where={where}
        onChange={setWhere}
        regionHint="Needed for an alias, like eu-west-1; an ARN already says it."
      />
      <ErrorNotice error={add.error} />
      <FormActions label="Add key" busyLabel="Adding…" busy={add.busy} onCancel={props.onCancel} />
    </form>
  )
}
