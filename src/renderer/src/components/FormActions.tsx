// The buttons under a form: its submit button, which says while the work runs ("Creating…"), and
// the way out (Cancel, Back) when there is one.
export function FormActions(props: {
  /** The submit button's words, e.g. "Create key". */
  label: string
  busy: boolean
  /** Shown on the submit button while busy; the label stays when there is none. */
  busyLabel?: string
  /** Blocks submitting (besides while busy), e.g. until the input is valid. */
  disabled?: boolean
  onCancel?: () => void
  cancelLabel?: string
}) {
  return (
    <div className="form-actions">
      <button
        type="submit"
        className="button primary"
        disabled={props.disabled === true || props.busy}
        aria-busy={props.busy}
      >
        {props.busy && props.busyLabel ? props.busyLabel : props.label}
      </button>
      {props.onCancel && (
        <button type="button" className="button" onClick={props.onCancel}>
          {props.cancelLabel ?? 'Cancel'}
        </button>
      )}
    </div>
  )
}
