// "Works for": 1 hour, 1 day, 3 days, 7 days, 30 days, or until a date and time — and, under it,
// when exactly that is, in the user's own words and time, and how long from now.
import { useId } from 'react'
import { EXPIRY_PRESETS, describeFromNow } from '../../../../shared/expiry.ts'
import { Field, FieldGroup } from '../../components/Field.tsx'
import { friendlyWhen } from '../../lib/when.ts'
import { expiryEpoch, toLocalInput, type ExpiryChoice } from './expiry.ts'

export function ExpiryPicker(props: {
  value: ExpiryChoice
  onChange: (choice: ExpiryChoice) => void
  now: number
}) {
  const { value, now } = props
  const epoch = expiryEpoch(value, now)
  const name = useId()
  return (
    <FieldGroup legend="Works for">
      <div className="choice-row link-presets">
        {EXPIRY_PRESETS.map((preset) => (
          <label key={preset.id} className="choice">
            <input
              type="radio"
              name={name}
              checked={value.preset === preset.id}
              onChange={() => props.onChange({ preset: preset.id })}
            />
            {preset.label}
          </label>
        ))}
        <label className="choice">
          <input
            type="radio"
            name={name}
            checked={value.preset === 'date'}
            onChange={() => props.onChange({ preset: 'date', local: toLocalInput(now + 86_400_000) })}
          />
          Until a date and time
        </label>
      </div>
      {value.preset === 'date' && (
        <Field label="Stops working at (your time)" className="link-date">
          {(control) => (
            <input
              {...control}
              type="datetime-local"
              value={value.local}
              min={toLocalInput(now)}
              onChange={(event) => props.onChange({ preset: 'date', local: event.target.value })}
            />
          )}
        </Field>
      )}
      <p className="hint link-expiry-preview">
        {epoch === undefined ? (
          'Choose a date and time.'
        ) : epoch * 1000 > now ? (
          <>
            Stops working <strong>{friendlyWhen(epoch, now)}</strong> ({describeFromNow(epoch, now)}).
          </>
        ) : (
          <>
            <strong>{friendlyWhen(epoch, now)}</strong> is in the past: choose a later time.
          </>
        )}
      </p>
    </FieldGroup>
  )
}
