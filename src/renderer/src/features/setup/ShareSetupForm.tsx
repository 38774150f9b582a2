// "Share this setup": the user types a passphrase twice, then main asks where to save the file that
// carries this site and its signing key to a colleague's computer. The key never comes to this
// page — only the path it was saved to.
import { useState } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { Field } from '../../components/Field.tsx'
import { FormActions } from '../../components/FormActions.tsx'
import { call, submitTo, useAction } from '../../lib/server-state.ts'
import { EXPORT_PASSPHRASE_MIN } from '../../../../shared/contract/key-facts.ts'

export function ShareSetupForm(props: {
  distributionId: string
  siteLabel: string
  onDone: (savedTo: string) => void
  onCancel: () => void
}) {
  const [passphrase, setPassphrase] = useState('')
  const [repeat, setRepeat] = useState('')
  const share = useAction(async () => {
    if (passphrase.length < EXPORT_PASSPHRASE_MIN) {
      throw new Error(`Choose a passphrase of at least ${EXPORT_PASSPHRASE_MIN} characters.`)
    }
    if (passphrase !== repeat) throw new Error('The two passphrases differ. Type the same passphrase twice.')
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
      <ErrorNotice error={share.error} />
      <FormActions label="Choose where to save…" busy={share.busy} onCancel={props.onCancel} />
    </form>
  )
}
