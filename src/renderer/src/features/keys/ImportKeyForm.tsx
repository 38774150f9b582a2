// "Import a key": a PEM private key from a file (read here, refused above 64 KiB before anything
// is sent) or pasted. When the key turns out to be encrypted, a passphrase field appears. Its
// Key-Pair-Id, when the person has it, is stored with the key in the same request.
import { useEffect, useRef, useState, type ChangeEvent } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { FormActions } from '../../components/FormActions.tsx'
import { Field, FieldGroup } from '../../components/Field.tsx'
import { BridgeError } from '../../lib/bridge.ts'
import { call, submitTo, useAction } from '../../lib/server-state.ts'
import { KEY_PAIR_ID_PATTERN, MAX_KEY_TEXT_BYTES } from '../../../../shared/contract/key-facts.ts'
import type { KeySummary } from '../../../../shared/contract/keys.ts'

type Source = 'file' | 'paste'

const TOO_LARGE = new BridgeError(
  'KEY_FILE_TOO_LARGE',
  'This file is larger than 64 KiB, far larger than any private key. Choose the key file itself (usually a .pem of 1–3 KiB).',
)

export function ImportKeyForm(props: { onImported: (key: KeySummary) => void; onCancel: () => void }) {
  const [name, setName] = useState('')
  const [source, setSource] = useState<Source>('file')
  const [fileText, setFileText] = useState<string>()
  const [pasted, setPasted] = useState('')
  const [passphrase, setPassphrase] = useState('')
  const [keyPairId, setKeyPairId] = useState('')
  const [fileError, setFileError] = useState<unknown>()
  const passphraseInput = useRef<HTMLInputElement>(null)
  const pem = source === 'file' ? fileText : pasted
  const typedId = keyPairId.trim()
  const idValid = typedId === '' || KEY_PAIR_ID_PATTERN.test(typedId)
  const submit = useAction(async () => {
    const key = await call('keys.import', {
      name,
      pem: pem ?? '',
      passphrase: passphrase || undefined,
      keyPairId: typedId || undefined,
    })
    props.onImported(key)
  })
  const code = submit.error instanceof BridgeError ? submit.error.code : undefined
  const asksPassphrase =
    code === 'KEY_PASSPHRASE_REQUIRED' || code === 'KEY_WRONG_PASSPHRASE' || passphrase !== ''
  useEffect(() => {
    if (code === 'KEY_PASSPHRASE_REQUIRED' || code === 'KEY_WRONG_PASSPHRASE')
      passphraseInput.current?.focus()
  }, [code, submit.error])

  const chooseFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    setFileText(undefined)
    setFileError(undefined)
    submit.clearError()
    if (!file) return
    if (file.size > MAX_KEY_TEXT_BYTES) {
      setFileError(TOO_LARGE)
      return
    }
    setFileText(await file.text())
    if (!name) setName(file.name.replace(/\.(pem|key|txt)$/i, ''))
  }

  return (
    <form className="panel" aria-labelledby="import-key-title" onSubmit={submitTo(submit.run)}>
      <h2 id="import-key-title">Import a signing key</h2>
      <p className="hint">
        A PEM private key: RSA 2048 or ECDSA P-256, in PKCS#1, PKCS#8 or SEC1 form, encrypted or not.
      </p>
      <FieldGroup legend="Where is the key?">
        <div className="choice-row">
          <label className="choice">
            <input
              type="radio"
              name="import-source"
              checked={source === 'file'}
              onChange={() => setSource('file')}
            />
            In a file
          </label>
          <label className="choice">
            <input
              type="radio"
              name="import-source"
              checked={source === 'paste'}
              onChange={() => setSource('paste')}
            />
            I will paste it
          </label>
        </div>
      </FieldGroup>
      {source === 'file' ? (
        <Field label="Key file">
          {(control) => (
            <input {...control} type="file" accept=".pem,.key,.txt" onChange={(e) => void chooseFile(e)} />
          )}
        </Field>
      ) : (
        <Field
          label="Private key"
          hint="A PEM private key (RSA 2048 or ECDSA P-256). It goes to your system keychain, not to a file."
        >
          {(control) => (
            <textarea
              {...control}
              rows={8}
              spellCheck={false}
              autoComplete="off"
              value={pasted}
              maxLength={MAX_KEY_TEXT_BYTES}
              placeholder="Paste the whole key, from its BEGIN line to its END line"
              onChange={(event) => setPasted(event.target.value)}
            />
          )}
        </Field>
      )}
      <Field label="Name">
        {(control) => (
          <input
            {...control}
            type="text"
            value={name}
            maxLength={64}
            required
            onChange={(event) => setName(event.target.value)}
          />
        )}
      </Field>
      <Field
        label="Key-Pair-Id (if you have it)"
        hint="CloudFront shows it as the ID of the public key, e.g. K2JCJMDEHXQW5F (a legacy key pair’s starts with APKA). Leave it empty if you do not have it yet."
        error={
          idValid
            ? undefined
            : 'A Key-Pair-Id is "K" followed by 13 capital letters or digits, e.g. K2JCJMDEHXQW5F; a legacy key pair’s is "APKA" and 16 more.'
        }
      >
        {(control) => (
          <input
            {...control}
            type="text"
            className="mono"
            value={keyPairId}
            maxLength={64}
            spellCheck={false}
            autoComplete="off"
            onChange={(event) => setKeyPairId(event.target.value.toUpperCase())}
          />
        )}
      </Field>
      {asksPassphrase && (
        <Field label="Passphrase of the key">
          {(control) => (
            <input
              {...control}
              ref={passphraseInput}
              type="password"
              autoComplete="off"
              value={passphrase}
              onChange={(event) => setPassphrase(event.target.value)}
            />
          )}
        </Field>
      )}
      {code === 'KEY_PASSPHRASE_REQUIRED' ? (
        <div className="notice notice-warn" role="status">
          <p>This key is protected by a passphrase. Enter it above, then import again.</p>
        </div>
      ) : (
        <ErrorNotice error={fileError ?? submit.error} />
      )}
      <FormActions
        label="Import key"
        busyLabel="Importing…"
        busy={submit.busy}
        disabled={!pem || !idValid}
        onCancel={props.onCancel}
      />
    </form>
  )
}
