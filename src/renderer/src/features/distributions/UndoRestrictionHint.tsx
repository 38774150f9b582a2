// The line every review that restricts paths to signed links ends with: where to undo it later.
export function UndoRestrictionHint() {
  return (
    <p className="hint">
      To undo it later: on Distributions, choose Stop requiring signed links… on this distribution.
    </p>
  )
}
