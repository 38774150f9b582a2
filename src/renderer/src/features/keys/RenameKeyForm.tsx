// Renames a key. Names are unique (regardless of case); the core says so if one is taken.
import { useState } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { FormActions } from '../../components/FormActions.tsx'
import { call } from '../../lib/bridge.ts'
import type { KeySummary } from '../../../../shared/contract/keys.ts'
import { submitTo, useAction } from '../../lib/use-action.ts'

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
      <div className="field">
        <label htmlFor="rename-key-name">New name</label>
        <input
          id="rename-key-name"
          type="text"
          value={name}
          maxLength={64}
          required
          autoFocus
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      <ErrorNotice error={rename.error} />
      <FormActions label="Rename" busy={rename.busy} onCancel={props.onCancel} />
    </form>
  )
}
