// A form field: its label, the control, a hint under it and, when the value cannot be used, an error
// in the hint's place. The wiring assistive technology needs is done here once: the label names the
// control, the hint (or error) describes it, and an error marks it invalid. The control itself is
// the caller's (input, select, textarea, or one inside a wrapper), given the props to spread on it.
// FieldGroup is the same for a group of choices (radio buttons, checkboxes) under a legend.
import { useId, type ReactNode } from 'react'
import './field.css'

/** Spread these on the control: `<input {...control} … />`. */
export interface ControlProps {
  id: string
  'aria-describedby'?: string
  'aria-invalid'?: true
}

export function Field(props: {
  label: ReactNode
  /** Says what to type; replaced by `error` while there is one. */
  hint?: ReactNode
  /** What is wrong with the value as it is now. */
  error?: ReactNode
  /** Announce hint changes as they happen (e.g. a preview of what the value will do). */
  liveHint?: boolean
  /** Only where something else must refer to the control; an id is made up otherwise. */
  id?: string
  className?: string
  children: (control: ControlProps) => ReactNode
}) {
  const madeUp = useId()
  const id = props.id ?? madeUp
  const describedBy = `${id}-hint`
  const note = props.error ?? props.hint
  const control: ControlProps = {
    id,
    ...(note !== undefined && { 'aria-describedby': describedBy }),
    ...(props.error !== undefined && { 'aria-invalid': true }),
  }
  return (
    <div className={props.className ? `field ${props.className}` : 'field'}>
      <label htmlFor={id}>{props.label}</label>
      {props.children(control)}
      {note !== undefined && (
        <span
          id={describedBy}
          className={props.error !== undefined ? 'hint field-error' : 'hint'}
          {...(props.liveHint && { 'aria-live': 'polite' as const })}
        >
          {note}
        </span>
      )}
    </div>
  )
}

export function FieldGroup(props: {
  legend: ReactNode
  /** Said once for the whole group, under the legend. */
  hint?: ReactNode
  className?: string
  children: ReactNode
}) {
  const hintId = `${useId()}-hint`
  return (
    <fieldset
      className={props.className ? `field ${props.className}` : 'field'}
      {...(props.hint !== undefined && { 'aria-describedby': hintId })}
    >
      <legend>{props.legend}</legend>
      {props.hint !== undefined && (
        <p id={hintId} className="hint">
          {props.hint}
        </p>
      )}
      {props.children}
    </fieldset>
  )
}
