// "Add an access key", for people without an AWS CLI set-up: the secret goes straight to the
// system keychain (through the core), never to a file, and is never shown again.
import { useState } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { Field } from '../../components/Field.tsx'
import { FormActions } from '../../components/FormActions.tsx'
import { call, submitTo, useAction } from '../../lib/server-state.ts'

export function AddAccessKeyForm(props: { onAdded: (name: string) => void; onCancel: () => void }) {
  const [name, setName] = useState('')
  const [accessKeyId, setAccessKeyId] = useState('')
  const [secretAccessKey, setSecret] = useState('')
  const add = useAction(async () => {
    const profile = await call('aws.addAccessKey', {
      name: name.trim(),
      accessKeyId: accessKeyId.trim(),
      secretAccessKey,
    })
    props.onAdded(profile.name)
  })
  return (
    <form className="panel inset" aria-labelledby="add-key-title" onSubmit={submitTo(add.run)}>
      <h3 id="add-key-title">Add an access key</h3>
      <p className="hint">
        The secret access key is kept in your system keychain, never in a file. Prefer an AWS profile or SSO
        when you have one.
      </p>
      <Field label="Name">
        {(control) => (
          <input
            {...control}
            type="text"
            value={name}
            required
            maxLength={128}
            onChange={(e) => setName(e.target.value)}
          />
        )}
      </Field>
      <Field label="Access key ID">
        {(control) => (
          <input
            {...control}
            type="text"
            className="mono"
            value={accessKeyId}
            required
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setAccessKeyId(e.target.value)}
          />
        )}
      </Field>
      <Field label="Secret access key">
        {(control) => (
          <input
            {...control}
            type="password"
            value={secretAccessKey}
            required
            autoComplete="off"
            onChange={(e) => setSecret(e.target.value)}
          />
        )}
      </Field>
      <ErrorNotice error={add.error} />
      <FormActions label="Save to keychain" busyLabel="Saving…" busy={add.busy} onCancel={props.onCancel} />
    </form>
  )
}
