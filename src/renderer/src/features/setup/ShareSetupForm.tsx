// "Share this setup": the user types a passphrase twice, then main asks where to save the file that
// carries this site and its signing key to a colleague's computer. The key never comes to this
// page — only the path it was saved to.
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { FormActions } from '../../components/FormActions.tsx'
import { NewPassphraseFields, checkedPassphrase, useNewPassphrase } from '../../components/NewPassphrase.tsx'
import { call, submitTo, useAction } from '../../lib/server-state.ts'

export function ShareSetupForm(props: {
  distributionId: string
  siteLabel: string
  onDone: (savedTo: string) => void
  onCancel: () => void
}) {
  const [typed, setTyped] = useNewPassphrase()
  const share = useAction(async () => {
    const passphrase = checkedPassphrase(typed)
    const result = await call('setup.export', { distributionId: props.distributionId, passphrase })
    if ('saved' in result) props.onDone(result.saved)
  })
  return (
    <form
      className="panel inset"
      aria-label={`Share the setup of ${props.siteLabel}`}
      onSubmit={submitTo(share.run)}
    >
      <p className="hint">
        One file with this site and the key that makes its links, locked with a passphrase. Your colleague
        imports it and can make links at once. Send the file, and tell them the passphrase another way (say,
        by phone): anyone with both can make links to this site.
      </p>
      <NewPassphraseFields value={typed} onChange={setTyped} />
      <ErrorNotice error={share.error} />
      <FormActions label="Choose where to save…" busy={share.busy} onCancel={props.onCancel} />
    </form>
  )
}
