// Records the Key-Pair-Id of a public key uploaded outside Keyfront (the CloudFront console, a
// script), so links can be signed with this key.
import { useState } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { FormActions } from '../../components/FormActions.tsx'
import { call } from '../../lib/bridge.ts'
import type { KeySummary } from '../../../../shared/contract/keys.ts'
import { submitTo, useAction } from '../../lib/use-action.ts'

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
      <div className="field">
        <label htmlFor="key-pair-id">Key-Pair-Id</label>
        <input
          id="key-pair-id"
          type="text"
          className="mono"
          value={keyPairId}
          maxLength={64}
          required
          autoFocus
          spellCheck={false}
          aria-describedby="key-pair-id-hint"
          onChange={(event) => setKeyPairId(event.target.value.toUpperCase())}
        />
        <span id="key-pair-id-hint" className="hint">
          The ID CloudFront gave this public key (console: Public keys), like K2JCJMDEHXQW5F.
        </span>
      </div>
      <ErrorNotice error={save.error} />
      <FormActions label="Save Key-Pair-Id" busy={save.busy} onCancel={props.onCancel} />
    </form>
  )
}
