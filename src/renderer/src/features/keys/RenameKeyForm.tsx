// Renames a key. Names are unique (regardless of case); the core says so if one is taken.
import { useState } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { Field } from '../../components/Field.tsx'
import { FormActions } from '../../components/FormActions.tsx'
import { call, submitTo, useAction } from '../../lib/server-state.ts'
import type { KeySummary } from '../../../../shared/contract/keys.ts'

export function RenameKeyForm(props: {
  keyId: string
  current: string
  onDone: (key: KeySummary) => void
  onCancel: () => void
}) {
  const [name, setName] = useState(props.current)
  const rename = useAction(async () => props.onDone(await call('keys.rename', { ref: props.keyId, name })))
  return (
    <form className="panel inset" aria-label="Rename the key" onSubmit={submitTo(rename.run)}>
      <Field label="New name">
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
      <ErrorNotice error={rename.error} />
      <FormActions label="Rename" busy={rename.busy} onCancel={props.onCancel} />
    </form>
  )
}
