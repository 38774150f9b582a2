// Shows an error as a person-readable alert. The code is shown small, for support conversations.
// Commands in messages are marked `like this` (which reads well in a terminal); here they are set
// as code instead of showing the backticks.
import { BridgeError, errorMessage } from '../lib/bridge.ts'

export function ErrorNotice({ error }: { error: unknown }) {
  if (!error) return null
  return (
    <div className="notice notice-error" role="alert">
      <p>{withCommands(errorMessage(error))}</p>
      {error instanceof BridgeError && <p className="notice-code">Error code: {error.code}</p>}
    </div>
  )
}

function withCommands(message: string) {
  const parts = message.split('`')
  if (parts.length % 2 === 0) return message
  return parts.map((part, index) => (index % 2 === 1 ? <code key={index}>{part}</code> : part))
}
