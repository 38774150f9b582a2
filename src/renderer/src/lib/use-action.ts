// Runs one user action against the bridge (create, import, check a bucket, export…): whether it is
// running, and the error it ended with, so every form shows progress and failure the same way.
import { useCallback, useState, type FormEvent } from 'react'

export interface Action<A extends unknown[]> {
  run: (...args: A) => Promise<void>
  busy: boolean
  error: unknown
  clearError: () => void
}

export function useAction<A extends unknown[]>(work: (...args: A) => Promise<void>): Action<A> {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>()
  const run = useCallback(
    async (...args: A) => {
      setBusy(true)
      setError(undefined)
      try {
        await work(...args)
      } catch (caught) {
        setError(caught)
      } finally {
        setBusy(false)
      }
    },
    [work],
  )
  const clearError = useCallback(() => setError(undefined), [])
  return { run, busy, error, clearError }
}

/** A form's onSubmit: runs the action in place of the browser's own submission. */
export function submitTo(run: () => Promise<void>): (event: FormEvent) => void {
  return (event) => {
    event.preventDefault()
    void run()
  }
}
