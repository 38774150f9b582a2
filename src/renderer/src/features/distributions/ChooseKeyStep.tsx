// Wizard step: the signing key links will be signed with (made here if there is none yet), and the
// key group that will hold it.
import { useState } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { Field, FieldGroup } from '../../components/Field.tsx'
import { useRead } from '../../lib/server-state.ts'
import { KEY_TYPE_LABEL } from '../../../../shared/contract/key-facts.ts'
import { NewKeyForm } from '../keys/NewKeyForm.tsx'

export function ChooseKeyStep(props: {
  selected: string | undefined
  onSelect: (keyId: string) => void
  keyGroup: string
  defaultKeyGroup: string
  onKeyGroupChange: (name: string) => void
}) {
  const [creating, setCreating] = useState(false)
  const keys = useRead('keys.list', undefined)
  const list = keys.data ?? []
  if (keys.isPending) return <p className="hint">Loading your keys…</p>
  const showForm = creating || (keys.data !== undefined && list.length === 0)
  return (
    <>
      <ErrorNotice error={keys.error} />
      {list.length > 0 && (
        <FieldGroup legend="Signing key">
          {list.map((key) => (
            <label key={key.id} className="choice">
              <input
                type="radio"
                name="onboard-key"
                value={key.id}
                checked={props.selected === key.id}
                onChange={() => props.onSelect(key.id)}
              />
              <span>
                <strong>{key.name}</strong>
                <span className="hint">
                  {' '}
                  — {KEY_TYPE_LABEL[key.type]}
                  {key.keyPairId ? `, uploaded as ${key.keyPairId}` : ', not uploaded yet'}
                </span>
              </span>
            </label>
          ))}
        </FieldGroup>
      )}
      {showForm ? (
        <>
          {list.length === 0 && (
            <p>You have no signing key yet. Make one now: its private half stays in your keychain.</p>
          )}
          <NewKeyForm
            onCreated={({ key }) => {
              setCreating(false)
              props.onSelect(key.id)
            }}
            onCancel={() => setCreating(false)}
          />
        </>
      ) : (
        <p>
          <button type="button" className="link-button" onClick={() => setCreating(true)}>
            Make a new key instead
          </button>
        </p>
      )}
      <Field
        label="Key group"
        hint={`Created if it does not exist, or the key is added to it. Leave empty for “${props.defaultKeyGroup}”.`}
      >
        {(control) => (
          <input
            {...control}
            type="text"
            className="mono"
            value={props.keyGroup}
            placeholder={props.defaultKeyGroup}
            maxLength={128}
            onChange={(event) => props.onKeyGroupChange(event.target.value)}
          />
        )}
      </Field>
    </>
  )
}
