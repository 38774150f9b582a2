// "New key": a name and one of the two key types CloudFront accepts, each explained in one line.
// Generation runs in the main process off its event loop; the form shows it is working meanwhile.
import { useState } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { Field, FieldGroup } from '../../components/Field.tsx'
import { FormActions } from '../../components/FormActions.tsx'
import { call, submitTo, useAction } from '../../lib/server-state.ts'
import { KEY_TYPE_LABEL } from '../../../../shared/contract/key-facts.ts'
import type { KeySummary, KeyType } from '../../../../shared/contract/keys.ts'

const TYPE_HINTS: Record<KeyType, string> = {
  rsa: 'Works everywhere: every AWS SDK and the AWS CLI can sign with it too.',
  ecdsa: 'Makes shorter links (about half as long); fewer tools outside Keyfront can sign with it.',
}

export function NewKeyForm(props: { onCreated: (key: KeySummary) => void; onCancel: () => void }) {
  const [name, setName] = useState('')
  const [type, setType] = useState<KeyType>('rsa')
  const create = useAction(async () => props.onCreated(await call('keys.create', { name, type })))
  return (
    <form className="panel" aria-labelledby="new-key-title" onSubmit={submitTo(create.run)}>
      <h2 id="new-key-title">New signing key</h2>
      <Field label="Name" hint={'For you to recognise it, e.g. "Production downloads".'}>
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
      <FieldGroup legend="Type">
        {(['rsa', 'ecdsa'] as const).map((option) => (
          <label key={option} className="choice">
            <input
              type="radio"
              name="new-key-type"
              value={option}
              checked={type === option}
              onChange={() => setType(option)}
            />
            <span>
              <strong>{KEY_TYPE_LABEL[option]}</strong>
              <span className="hint"> — {TYPE_HINTS[option]}</span>
            </span>
          </label>
        ))}
      </FieldGroup>
      <ErrorNotice error={create.error} />
      <FormActions label="Create key" busyLabel="Creating…" busy={create.busy} onCancel={props.onCancel} />
    </form>
  )
}
