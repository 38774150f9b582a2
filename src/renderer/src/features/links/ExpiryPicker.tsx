// "Works for": 1 hour, 1 day, 7 days, 30 days, or until a date and time — and, under it, when
// exactly that is, in the user's own time with its zone, in UTC, and how long from now.
import { EXPIRY_PRESETS, describeFromNow, formatLocal, formatUtc } from '../../../../shared/expiry.ts'
import { expiryEpoch, toLocalInput, type ExpiryChoice } from './expiry.ts'

export function ExpiryPicker(props: {
  id: string
  value: ExpiryChoice
  onChange: (choice: ExpiryChoice) => void
  now: number
}) {
  const { value, now } = props
  const epoch = expiryEpoch(value, now)
  const name = `${props.id}-preset`
  return (
    <fieldset className="field">
      <legend>Works for</legend>
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
        <div className="field link-date">
          <label htmlFor={`${props.id}-date`}>Stops working at (your time)</label>
          <input
            id={`${props.id}-date`}
            type="datetime-local"
            value={value.local}
            min={toLocalInput(now)}
            onChange={(event) => props.onChange({ preset: 'date', local: event.target.value })}
          />
        </div>
      )}
      <p className="hint link-expiry-preview">
        {epoch === undefined ? (
          'Choose a date and time.'
        ) : (
          <>
            Stops working on <strong>{formatLocal(epoch)}</strong> ({formatUtc(epoch)}) —{' '}
            {epoch * 1000 > now ? `expires ${describeFromNow(epoch, now)}` : 'that is in the past'}.
          </>
        )}
      </p>
    </fieldset>
  )
}
