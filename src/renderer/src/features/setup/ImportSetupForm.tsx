// "Import setup": the user picks the file a colleague sent (main's open dialog; this page holds
// only a token for it) and types its passphrase. A wrong passphrase can be typed again without
// choosing the file again; nothing changes until the passphrase opens it.
import { useState } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { Field } from '../../components/Field.tsx'
import { FormActions } from '../../components/FormActions.tsx'
import { call, submitTo, useAction } from '../../lib/server-state.ts'
import type { ChosenFile } from '../../../../shared/contract/files.ts'
import type { SetupImported } from '../../../../shared/contract/setup.ts'
import './setup.css'

export function ImportSetupForm(props: {
  /** h2 on a screen of its own (Keys), h3 inside a section (Sites on this computer). */
  headingLevel: 2 | 3
  onImported: (result: SetupImported) => void
  onCancel: () => void
}) {
  const Heading = props.headingLevel === 2 ? 'h2' : 'h3'
  const [file, setFile] = useState<ChosenFile>()
  const [passphrase, setPassphrase] = useState('')
  const choose = useAction(async () => {
    const chosen = (await call('setup.chooseFile', undefined)).file
    if (chosen) setFile(chosen)
  })
  const importSetup = useAction(async () => {
    if (!file) throw new Error('Choose the setup file first.')
    if (!passphrase) throw new Error('Enter the passphrase the file was saved with.')
    props.onImported(await call('setup.import', { token: file.token, passphrase }))
  })
  return (
    <form
      className={props.headingLevel === 2 ? 'panel' : 'panel inset'}
      aria-labelledby="import-setup-title"
      onSubmit={submitTo(importSetup.run)}
    >
      <Heading id="import-setup-title">Import a setup from a colleague</Heading>
      <p className="hint">
        A setup file holds a site and the key that makes its links. Whoever sent it tells you its passphrase.
      </p>
      <div className="field">
        <span id="setup-file-label">Setup file</span>
        <div className="form-actions setup-file">
          <button
            type="button"
            className="button"
            aria-describedby="setup-file-label setup-file-name"
            autoFocus
            onClick={() => void choose.run()}
          >
            {file ? 'Choose another file…' : 'Choose the file…'}
          </button>
          <span id="setup-file-name" className="mono" aria-live="polite">
            {file ? file.name : 'No file chosen'}
          </span>
        </div>
      </div>
      <ErrorNotice error={choose.error} />
      <Field label="Passphrase">
        {(control) => (
          <input
            {...control}
            type="password"
            autoComplete="off"
            value={passphrase}
            required
            onChange={(event) => {
              setPassphrase(event.target.value)
              importSetup.clearError()
            }}
          />
        )}
      </Field>
      <ErrorNotice error={importSetup.error} />
      <FormActions label="Import" busyLabel="Importing…" busy={importSetup.busy} onCancel={props.onCancel} />
    </form>
  )
}

/** What the import did, in a sentence for the notice shown after it. */
export function importedText(result: SetupImported, siteLabel: string): string {
  const key = result.keyReused
    ? `This computer already had its key (“${result.key.name}”), so that one is used.`
    : `Its key “${result.key.name}” is now in your system keychain.`
  const site = result.siteUpdated ? `${siteLabel} was already here; it is up to date now.` : ''
  return `You can make links to ${siteLabel} now. ${key} ${site}`.trim()
}
