// Shows an error as a person-readable alert. The code is shown small, for support conversations.
import { BridgeError, errorMessage } from '../lib/bridge.ts'

export function ErrorNotice({ error }: { error: unknown }) {
  if (!error) return null
  return (
    <div className="notice notice-error" role="alert">
      <p>{errorMessage(error)}</p>
      {error instanceof BridgeError && <p className="notice-code">Error code: {error.code}</p>}
    </div>
  )
}
