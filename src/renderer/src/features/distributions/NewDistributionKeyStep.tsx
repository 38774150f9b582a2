// Step 2 of a new distribution: the key that will sign links — chosen from the keys held here, or
// made on the spot — before anything exists in AWS, and which files need a signed link: every file
// (the default), or only some paths, which leaves the others open to anyone and is said so, and
// needs a tick to agree.
import { useState, type FormEvent } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { Field, FieldGroup } from '../../components/Field.tsx'
import { FormActions } from '../../components/FormActions.tsx'
import { useRead } from '../../lib/server-state.ts'
import { KEY_TYPE_LABEL } from '../../../../shared/contract/key-facts.ts'
import { PathPattern } from '../../../../shared/contract/origin.ts'
import { NewKeyForm } from '../keys/NewKeyForm.tsx'

/** Who may open the files: the key, and the paths that need a link signed with it (all when absent). */
export interface AccessChoice {
  key: string
  paths?: string[]
}

export function NewDistributionKeyStep(props: {
  initial?: AccessChoice
  busy: boolean
  error: unknown
  onBack: () => void
  onNext: (choice: AccessChoice) => void
}) {
  const keys = useRead('keys.list', undefined)
  const usable = (keys.data ?? []).filter((key) => !key.legacy)
  const [keyId, setKeyId] = useState(props.initial?.key)
  const [creating, setCreating] = useState(false)
  const [some, setSome] = useState(props.initial?.paths !== undefined)
  const [pathsText, setPathsText] = useState(props.initial?.paths?.join('\n') ?? '')
  const [openAgreed, setOpenAgreed] = useState(props.initial?.paths !== undefined)
  const paths = pathsText
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
  const badPath = paths.map((path) => PathPattern.safeParse(path)).find((parsed) => !parsed.success)
  const pathsReady = !some || (paths.length > 0 && !badPath && openAgreed)
  const ready = keyId !== undefined && pathsReady

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (ready) props.onNext({ key: keyId, ...(some && { paths }) })
  }

  if (keys.isPending) return <p className="hint">Loading your keys…</p>
  const showForm = creating || (keys.data !== undefined && usable.length === 0)
  return (
    <>
      <p className="hint">
        The key is uploaded to CloudFront before the distribution exists, so the distribution accepts only
        links signed with it from its very first request. Its private half stays in your keychain.
      </p>
      <ErrorNotice error={keys.error} />
      {usable.length > 0 && (
        <FieldGroup legend="Signing key">
          {usable.map((key) => (
            <label key={key.id} className="choice">
              <input
                type="radio"
                name="nd-key"
                value={key.id}
                checked={keyId === key.id}
                onChange={() => setKeyId(key.id)}
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
          {usable.length === 0 && <p>You have no signing key yet. Make one now.</p>}
          <NewKeyForm
            onCreated={({ key }) => {
              setCreating(false)
              setKeyId(key.id)
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
      <form onSubmit={submit}>
        <FieldGroup legend="Which files need a signed link?">
          <label className="choice">
            <input type="radio" name="nd-paths" checked={!some} onChange={() => setSome(false)} />
            <span>
              <strong>Every file</strong> <span className="hint">(recommended)</span>
            </span>
          </label>
          <label className="choice">
            <input type="radio" name="nd-paths" checked={some} onChange={() => setSome(true)} />
            <span>
              <strong>Only files under some paths</strong>
              <span className="hint"> — every other file opens for anyone who knows the address</span>
            </span>
          </label>
          {some && (
            <div className="nd-indent">
              <Field
                label="Paths that need a signed link"
                hint="One path pattern per line, such as private/* or reports/*.pdf."
                error={badPath?.error?.issues[0]?.message}
              >
                {(control) => (
                  <textarea
                    {...control}
                    rows={3}
                    className="mono"
                    value={pathsText}
                    spellCheck={false}
                    onChange={(event) => setPathsText(event.target.value)}
                  />
                )}
              </Field>
              <label className="choice nd-consent">
                <input
                  type="checkbox"
                  checked={openAgreed}
                  onChange={(event) => setOpenAgreed(event.target.checked)}
                />
                <span>I understand that files outside these paths open without a signed link.</span>
              </label>
            </div>
          )}
        </FieldGroup>
        <ErrorNotice error={props.error} />
        <FormActions
          label="Review the plan"
          busyLabel="Preparing the plan…"
          busy={props.busy}
          disabled={!ready}
          onCancel={props.onBack}
          cancelLabel="Back"
        />
      </form>
    </>
  )
}
