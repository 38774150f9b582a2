// Keys: the signing keys Keyfront holds.
import { EmptyState } from '../../components/EmptyState.tsx'
import { Screen } from '../../components/Screen.tsx'

export function KeysScreen() {
  return (
    <Screen title="Keys">
      <EmptyState title="No signing keys yet">
        <p>A signing key lets Keyfront make links to your private files that stop working when you say.</p>
        <p>CloudFront checks each link against the public half of the key, which you upload once.</p>
      </EmptyState>
    </Screen>
  )
}
