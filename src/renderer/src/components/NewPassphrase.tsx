// A new passphrase, typed twice: for a file that leaves this computer encrypted with it (a key
// export, a shared setup). `checkedPassphrase` says what is wrong before anything is sent to main.
import { useState } from 'react'
import { EXPORT_PASSPHRASE_MIN } from '../../../shared/contract/key-facts.ts'
import { Field } from './Field.tsx'

export interface NewPassphraseState {
  passphrase: string
  repeat: string
}

export function useNewPassphrase() {
  return useState<NewPassphraseState>({ passphrase: '', repeat: '' })
}

/** The passphrase to use, or an error in the user's words. */
export function checkedPassphrase(state: NewPassphraseState): string {
  if (state.passphrase.length < EXPORT_PASSPHRASE_MIN) {
    throw new Error(`Choose a passphrase of at least ${EXPORT_PASSPHRASE_MIN} characters.`)
  }
  if (state.passphrase !== state.repeat) {
    throw new Error('The two passphrases differ. Type the same passphrase twice.')
  }
  return state.passphrase
}

export function NewPassphraseFields(props: {
  value: NewPassphraseState
  onChange: (value: NewPassphraseState) => void
}) {
  const { value, onChange } = props
  return (
    <>
      <Field label={`Passphrase (at least ${EXPORT_PASSPHRASE_MIN} characters)`}>
        {(control) => (
          <input
            {...control}
            type="password"
            autoComplete="new-password"
            value={value.passphrase}
            required
            autoFocus
            onChange={(event) => onChange({ ...value, passphrase: event.target.value })}
          />
        )}
      </Field>
      <Field label="Passphrase again">
        {(control) => (
          <input
            {...control}
            type="password"
            autoComplete="new-password"
            value={value.repeat}
            required
            onChange={(event) => onChange({ ...value, repeat: event.target.value })}
          />
        )}
      </Field>
    </>
  )
}
