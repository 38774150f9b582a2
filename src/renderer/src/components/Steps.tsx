// The frame of a guided flow: its title with a way out, the numbered steps with the current one
// marked, and the current step's heading, which takes focus each time the step changes (not when
// the flow opens), so keyboard and screen-reader users follow along. Escape leaves the flow, as
// its Cancel button does.
import { useEffect, useRef, type ReactNode } from 'react'
import './steps.css'

export function StepFlow(props: {
  /** Id of the flow's title, which names the region. */
  titleId: string
  title: string
  steps: readonly string[]
  /** The step shown now: one of `steps`. */
  step: string
  /** The current step's heading. */
  heading: ReactNode
  /** Leaves the flow; no Cancel button when undefined (e.g. once it is done). */
  onCancel?: () => void
  /** Steps that are finished: a checkmark instead of their number. */
  completed?: readonly string[]
  children: ReactNode
}) {
  const heading = useRef<HTMLHeadingElement>(null)
  const first = useRef(true)
  useEffect(() => {
    if (first.current) first.current = false
    else heading.current?.focus()
  }, [props.step])
  return (
    <section
      className="panel"
      aria-labelledby={props.titleId}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !props.onCancel) return
        event.stopPropagation()
        props.onCancel()
      }}
    >
      <div className="flow-header">
        <h2 id={props.titleId}>{props.title}</h2>
        {props.onCancel && (
          <button type="button" className="button" onClick={props.onCancel}>
            Cancel
          </button>
        )}
      </div>
      <ol className="steps" aria-label="Steps">
        {props.steps.map((step, index) => (
          <li key={step} aria-current={step === props.step ? 'step' : undefined}>
            <span
              className={props.completed?.includes(step) ? 'step-number step-done' : 'step-number'}
              aria-hidden="true"
            >
              {props.completed?.includes(step) ? '✓' : index + 1}
            </span>
            {step}
            {props.completed?.includes(step) && <span className="visually-hidden"> (done)</span>}
          </li>
        ))}
      </ol>
      <h3 className="step-title" tabIndex={-1} ref={heading}>
        {props.heading}
      </h3>
      {props.children}
    </section>
  )
}
