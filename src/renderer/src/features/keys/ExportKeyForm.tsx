// Exports the private key as encrypted PKCS#8: the user types a passphrase twice, then main asks
// where to save. The key's bytes never come to this page — only the saved path does.
import { useState } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { Field } from '../../components/Field.tsx'
import { FormActions } from '../../components/FormActions.tsx'
import { call, submitTo, useAction } from '../../lib/server-state.ts'
import { EXPORT_PASSPHRASE_MIN } from '../../../../shared/contract/key-facts.ts'

export function ExportKeyForm(props: {
  keyId: string
  onDone: (savedTo: string) => void
  onCancel: () => void
}) {
  const [passphrase, setPassphrase] = useState('')
  const [repeat, setRepeat] = useState('')
  const exportKey = useAction(async () => {
    if (passphrase.length < EXPORT_PASSPHRASE_MIN) {
      throw new Error(`Choose a passphrase of at least ${EXPORT_PASSPHRASE_MIN} characters.`)
    }
    if (passphrase !== repeat) throw new Error('The two passphrases differ. Type the same passphrase twice.')
    const result = await call('keys.exportPrivate', { ref: props.keyId, passphrase })
    if ('saved' in result) props.onDone(result.saved)
  })
  return (
    <form className="panel inset" aria-label="Export the private key" onSubmit={submitTo(exportKey.run)}>
      <p className="hint">
        The file is encrypted with this passphrase. Keep both safe: anyone with the file and the passphrase
        can sign links. Keyfront cannot recover a forgotten passphrase.
      </p>
      <Field label={`Passphrase (at least ${EXPORT_PASSPHRASE_MIN} characters)`}>
        {(control) => (
          <input
            {...control}
            type="password"
            autoComplete="new-password"
            value={passphrase}
            required
            autoFocus
            onChange={(event) => setPassphrase(event.target.value)}
          />
        )}
      </Field>
      <Field label="Passphrase again">
        {(control) => (
          <input
            {...control}
            type="password"
            autoComplete="new-password"
            value={repeat}
            required
            onChange={(event) => setRepeat(event.target.value)}
          />
        )}
      </Field>
      <ErrorNotice error={exportKey.error} />
      <FormActions label="Choose where to save…" busy={exportKey.busy} onCancel={props.onCancel} />
    </form>
  )
}
