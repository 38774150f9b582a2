// "Import a key": a PEM private key from a file (read here, refused above 64 KiB before anything
// is sent) or pasted. When the key turns out to be encrypted, a passphrase field appears. Its
// Key-Pair-Id, when the person has it, is stored with the key in the same request.
import { useEffect, useRef, useState, type ChangeEvent } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { FormActions } from '../../components/FormActions.tsx'
import { BridgeError, call } from '../../lib/bridge.ts'
import { KEY_PAIR_ID_PATTERN, MAX_KEY_TEXT_BYTES, type KeySummary } from '../../../../shared/contract/keys.ts'
import { submitTo, useAction } from '../../lib/use-action.ts'

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
      <fieldset className="field">
        <legend>Where is the key?</legend>
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
      </fieldset>
      {source === 'file' ? (
        <div className="field">
          <label htmlFor="import-key-file">Key file</label>
          <input
            id="import-key-file"
            type="file"
            accept=".pem,.key,.txt"
            onChange={(e) => void chooseFile(e)}
          />
        </div>
      ) : (
        <div className="field">
          <label htmlFor="import-key-text">Private key</label>
          <textarea
            id="import-key-text"
            rows={8}
            spellCheck={false}
            autoComplete="off"
            value={pasted}
            maxLength={MAX_KEY_TEXT_BYTES}
            placeholder="Paste the whole key, from its BEGIN line to its END line"
            aria-describedby="import-key-text-hint"
            onChange={(event) => setPasted(event.target.value)}
          />
          <span id="import-key-text-hint" className="hint">
            A PEM private key (RSA 2048 or ECDSA P-256). It goes to your system keychain, not to a file.
          </span>
        </div>
      )}
      <div className="field">
        <label htmlFor="import-key-name">Name</label>
        <input
          id="import-key-name"
          type="text"
          value={name}
          maxLength={64}
          required
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="import-key-pair-id">Key-Pair-Id (if you have it)</label>
        <input
          id="import-key-pair-id"
          type="text"
          className="mono"
          value={keyPairId}
          maxLength={64}
          spellCheck={false}
          autoComplete="off"
          aria-describedby="import-key-pair-id-hint"
          aria-invalid={!idValid}
          onChange={(event) => setKeyPairId(event.target.value.toUpperCase())}
        />
        <span id="import-key-pair-id-hint" className="hint">
          {idValid
            ? 'CloudFront shows it as the ID of the public key, e.g. K2JCJMDEHXQW5F. Leave it empty if you do not have it yet.'
            : 'A Key-Pair-Id is "K" followed by 13 capital letters or digits, e.g. K2JCJMDEHXQW5F.'}
        </span>
      </div>
      {asksPassphrase && (
        <div className="field">
          <label htmlFor="import-key-passphrase">Passphrase of the key</label>
          <input
            id="import-key-passphrase"
            ref={passphraseInput}
            type="password"
            autoComplete="off"
            value={passphrase}
            onChange={(event) => setPassphrase(event.target.value)}
          />
        </div>
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
