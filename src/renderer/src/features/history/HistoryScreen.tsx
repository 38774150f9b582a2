// History: every link made with Keyfront.
import { EmptyState } from '../../components/EmptyState.tsx'
import { Screen } from '../../components/Screen.tsx'
import { useNavigate } from '../../app/navigation.tsx'

export function HistoryScreen() {
  const navigate = useNavigate()
  return (
    <Screen title="History">
      <EmptyState
        title="No links yet"
        action={
          <button type="button" className="button primary" onClick={() => navigate({ screen: 'links' })}>
            Make a new link
          </button>
        }
      >
        <p>Every link you make appears here, so you can copy it again or see when it stops working.</p>
      </EmptyState>
    </Screen>
  )
}
