// Exports the private key as encrypted PKCS#8: the user types a passphrase twice, then main asks
// where to save. The key's bytes never come to this page — only the saved path does.
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { FormActions } from '../../components/FormActions.tsx'
import { NewPassphraseFields, checkedPassphrase, useNewPassphrase } from '../../components/NewPassphrase.tsx'
import { call, submitTo, useAction } from '../../lib/server-state.ts'

export function ExportKeyForm(props: {
  keyId: string
  onDone: (savedTo: string) => void
  onCancel: () => void
}) {
  const [typed, setTyped] = useNewPassphrase()
  const exportKey = useAction(async () => {
    const passphrase = checkedPassphrase(typed)
    const result = await call('keys.exportPrivate', { ref: props.keyId, passphrase })
    if ('saved' in result) props.onDone(result.saved)
  })
  return (
    <form className="panel inset" aria-label="Export the private key" onSubmit={submitTo(exportKey.run)}>
      <p className="hint">
        The file is encrypted with this passphrase. Keep both safe: anyone with the file and the passphrase
        can sign links. Keyfront cannot recover a forgotten passphrase.
      </p>
      <NewPassphraseFields value={typed} onChange={setTyped} />
      <ErrorNotice error={exportKey.error} />
      <FormActions label="Choose where to save…" busy={exportKey.busy} onCancel={props.onCancel} />
    </form>
  )
}
