// "New key": a name, where the key is kept — this computer's keychain, or AWS KMS for a team — and
// one of the two key types CloudFront accepts, each explained in one line. Generation runs in the
// main process off its event loop (or in KMS); the form shows it is working meanwhile.
import { useState } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { Field, FieldGroup } from '../../components/Field.tsx'
import { FormActions } from '../../components/FormActions.tsx'
import { call, submitTo, useAction } from '../../lib/server-state.ts'
import { KEY_TYPE_LABEL } from '../../../../shared/contract/key-facts.ts'
import type { KeyCustody, KeyType, KmsKeyAdded } from '../../../../shared/contract/keys.ts'
import { KmsWhereFields, kmsWhereRequest, type KmsWhere } from './KmsWhereFields.tsx'

const TYPE_HINTS: Record<KeyType, string> = {
  rsa: 'Works everywhere: every AWS SDK and the AWS CLI can sign with it too.',
  ecdsa: 'Makes shorter links (about half as long); fewer tools outside Keyfront can sign with it.',
}

const CUSTODY: Record<KeyCustody, { label: string; hint: string }> = {
  keychain: {
    label: 'On this computer',
    hint: 'Kept in your system keychain. Only you sign with it.',
  },
  kms: {
    label: 'Kept by AWS KMS (for teams)',
    hint: 'Never leaves AWS; colleagues your AWS administrator allows can sign with it too, and AWS records each use.',
  },
}

export function NewKeyForm(props: { onCreated: (added: KmsKeyAdded) => void; onCancel: () => void }) {
  const [name, setName] = useState('')
  const [type, setType] = useState<KeyType>('rsa')
  const [custody, setCustody] = useState<KeyCustody>('keychain')
  const [where, setWhere] = useState<KmsWhere>({ profile: undefined, region: '' })
  const create = useAction(async () =>
    props.onCreated(
      custody === 'kms'
        ? await call('keys.createKms', { name, type, ...kmsWhereRequest(where) })
        : { key: await call('keys.create', { name, type }), warnings: [] },
    ),
  )
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
      <FieldGroup legend="Where is it kept?">
        {(['keychain', 'kms'] as const).map((option) => (
          <label key={option} className="choice">
            <input
              type="radio"
              name="new-key-custody"
              value={option}
              checked={custody === option}
              onChange={() => setCustody(option)}
            />
            <span>
              <strong>{CUSTODY[option].label}</strong>
              <span className="hint"> — {CUSTODY[option].hint}</span>
            </span>
          </label>
        ))}
      </FieldGroup>
      {custody === 'kms' && (
        <KmsWhereFields
          where={where}
          onChange={setWhere}
          regionHint="Where AWS keeps the key, like eu-west-1. Colleagues add it from the same region."
        />
      )}
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
