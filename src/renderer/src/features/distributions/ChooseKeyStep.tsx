// Wizard step: the signing key links will be signed with (made here if there is none yet), and the
// key group that will hold it.
import { useState } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { useCall } from '../../lib/use-call.ts'
import { KEY_TYPE_LABEL } from '../../../../shared/contract/keys.ts'
import { NewKeyForm } from '../keys/NewKeyForm.tsx'

export function ChooseKeyStep(props: {
  selected: string | undefined
  onSelect: (keyId: string) => void
  keyGroup: string
  defaultKeyGroup: string
  onKeyGroupChange: (name: string) => void
}) {
  const [generation, setGeneration] = useState(0)
  const [creating, setCreating] = useState(false)
  const keys = useCall('keys.list', undefined, [generation])
  const list = keys.value ?? []
  if (keys.loading && !keys.value) return <p className="hint">Loading your keys…</p>
  const showForm = creating || (keys.value !== undefined && list.length === 0)
  return (
    <>
      <ErrorNotice error={keys.error} />
      {list.length > 0 && (
        <fieldset className="field">
          <legend>Signing key</legend>
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
        </fieldset>
      )}
      {showForm ? (
        <>
          {list.length === 0 && (
            <p>You have no signing key yet. Make one now: its private half stays in your keychain.</p>
          )}
          <NewKeyForm
            onCreated={(key) => {
              setCreating(false)
              setGeneration((g) => g + 1)
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
      <div className="field">
        <label htmlFor="onboard-key-group">Key group</label>
        <input
          id="onboard-key-group"
          type="text"
          className="mono"
          value={props.keyGroup}
          placeholder={props.defaultKeyGroup}
          maxLength={128}
          aria-describedby="onboard-key-group-hint"
          onChange={(event) => props.onKeyGroupChange(event.target.value)}
        />
        <span id="onboard-key-group-hint" className="hint">
          Created if it does not exist, or the key is added to it. Leave empty for “{props.defaultKeyGroup}”.
        </span>
      </div>
    </>
  )
}
