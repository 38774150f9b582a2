// An inline "are you sure?" before an action that cannot be undone: the question, any warning
// under it, the error if the action failed, and two buttons — the safe one ("Keep it") focused,
// so pressing Enter straight away does no harm. Escape keeps it, like the button.
import type { ReactNode } from 'react'
import type { Action } from '../lib/server-state.ts'
import { ErrorNotice } from './ErrorNotice.tsx'

export function ConfirmPanel(props: {
  /** Names the group for assistive technology: the question's element id. */
  questionId: string
  question: ReactNode
  /** Warnings shown under the question. */
  children?: ReactNode
  action: Action<[]>
  /** The destructive button's words, e.g. "Delete key". */
  confirmLabel: string
  onCancel: () => void
}) {
  const { action } = props
  return (
    <div
      className="panel inset"
      role="group"
      aria-labelledby={props.questionId}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || action.busy) return
        event.stopPropagation()
        props.onCancel()
      }}
    >
      <p id={props.questionId}>{props.question}</p>
      {props.children}
      <ErrorNotice error={action.error} />
      <div className="form-actions">
        <button
          type="button"
          className="button danger"
          disabled={action.busy}
          onClick={() => void action.run()}
        >
          {props.confirmLabel}
        </button>
        <button type="button" className="button" autoFocus onClick={props.onCancel}>
          Keep it
        </button>
      </div>
    </div>
  )
}
