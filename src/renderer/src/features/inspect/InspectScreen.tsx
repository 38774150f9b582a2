// Inspect: explain why a signed link works or fails.
import { EmptyState } from '../../components/EmptyState.tsx'
import { Screen } from '../../components/Screen.tsx'

export function InspectScreen(_props: { initialUrl?: string }) {
  return (
    <Screen title="Inspect a link">
      <EmptyState title="Paste a link to check it">
        <p>
          Keyfront tells you when a link expires, which key signed it, and why it might say “Access Denied”.
        </p>
      </EmptyState>
    </Screen>
  )
}
