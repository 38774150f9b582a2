// Distributions: the CloudFront distributions of the AWS account, and which keys they trust.
import { EmptyState } from '../../components/EmptyState.tsx'
import { Screen } from '../../components/Screen.tsx'

export function DistributionsScreen() {
  return (
    <Screen title="Distributions">
      <EmptyState title="Connect your AWS account">
        <p>Keyfront can set up a CloudFront distribution so that only links you sign can open its files.</p>
      </EmptyState>
    </Screen>
  )
}
