// New link: make a temporary link to a file.
import { EmptyState } from '../../components/EmptyState.tsx'
import { Screen } from '../../components/Screen.tsx'
import { useNavigate } from '../../app/navigation.tsx'

export function NewLinkScreen() {
  const navigate = useNavigate()
  return (
    <Screen
      title="New link"
      description="Make a link to a private file that works for as long as you choose."
    >
      <EmptyState
        title="Add a signing key first"
        action={
          <button type="button" className="button primary" onClick={() => navigate({ screen: 'keys' })}>
            Go to Keys
          </button>
        }
      >
        <p>Links are signed with a key that your CloudFront distribution trusts.</p>
      </EmptyState>
    </Screen>
  )
}
