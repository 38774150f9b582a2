// Records the Key-Pair-Id of a public key uploaded outside Keyfront (the CloudFront console, a
// script), so links can be signed with this key.
import { useState } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { Field } from '../../components/Field.tsx'
import { FormActions } from '../../components/FormActions.tsx'
import { call, submitTo, useAction } from '../../lib/server-state.ts'
import type { KeySummary } from '../../../../shared/contract/keys.ts'

export function KeyPairIdForm(props: {
  keyId: string
  onDone: (key: KeySummary) => void
  onCancel: () => void
}) {
  const [keyPairId, setKeyPairId] = useState('')
  const save = useAction(async () =>
    props.onDone(await call('keys.setKeyPairId', { ref: props.keyId, keyPairId })),
  )
  return (
    <form className="panel inset" aria-label="Set the Key-Pair-Id" onSubmit={submitTo(save.run)}>
      <Field
        label="Key-Pair-Id"
        hint="The ID CloudFront gave this public key (console: Public keys), like K2JCJMDEHXQW5F."
      >
        {(control) => (
          <input
            {...control}
            type="text"
            className="mono"
            value={keyPairId}
            maxLength={64}
            required
            autoFocus
            spellCheck={false}
            onChange={(event) => setKeyPairId(event.target.value.toUpperCase())}
          />
        )}
      </Field>
      <ErrorNotice error={save.error} />
      <FormActions label="Save Key-Pair-Id" busy={save.busy} onCancel={props.onCancel} />
    </form>
  )
}
