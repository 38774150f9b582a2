// Distributions: the CloudFront distributions of the chosen AWS account, who each behavior trusts,
// what is still deploying, the sites onboarded from this computer — and the two flows that change
// them: restricting a distribution to signed links, and creating a new distribution for a private
// bucket. The welcome opens it straight into either flow (`initialFlow`), before the user has seen
// which AWS account is in use: the new-distribution flow then shows the account picker above it
// (the wizard has its own step).
import { useState } from 'react'
import { Screen } from '../../components/Screen.tsx'
import { useCall } from '../../lib/use-call.ts'
import { AccountPicker } from './AccountPicker.tsx'
import { DeployingPanel } from './DeployingPanel.tsx'
import { DistributionList } from './DistributionList.tsx'
import { KeyGroupsPanel } from './KeyGroupsPanel.tsx'
import { NewDistributionFlow } from './NewDistributionFlow.tsx'
import { OnboardWizard } from './OnboardWizard.tsx'
import { SitesPanel } from './SitesPanel.tsx'

type View = { show: 'list' } | { show: 'onboard'; distributionId?: string } | { show: 'new-distribution' }

const FLOWS: Record<'new-bucket' | 'onboard', View> = {
  'new-bucket': { show: 'new-distribution' },
  onboard: { show: 'onboard' },
}

export function DistributionsScreen(props: { initialFlow?: 'new-bucket' | 'onboard' }) {
  const [profile, setProfile] = useState<string>()
  const [view, setView] = useState<View>(props.initialFlow ? FLOWS[props.initialFlow] : { show: 'list' })
  const identity = useCall('aws.whoami', { profile }, [profile])
  const signedIn = identity.value !== undefined
  const distributions = useCall('cloudfront.distributions', { profile }, [profile, signedIn, view.show])

  const actions =
    view.show === 'list' && signedIn ? (
      <>
        <button type="button" className="button primary" onClick={() => setView({ show: 'onboard' })}>
          Restrict to signed links
        </button>
        <button type="button" className="button" onClick={() => setView({ show: 'new-distribution' })}>
          New distribution for a private bucket
        </button>
      </>
    ) : undefined

  return (
    <Screen
      title="Distributions"
      description="Make a CloudFront distribution accept only links you sign, path by path."
      actions={actions}
    >
      {view.show === 'onboard' && (
        <OnboardWizard
          profile={profile}
          onProfileChange={setProfile}
          identity={identity}
          distributions={distributions.value ?? []}
          distributionsLoading={distributions.loading}
          initialDistributionId={view.distributionId}
          onClose={() => setView({ show: 'list' })}
        />
      )}
      {view.show === 'new-distribution' && (props.initialFlow === 'new-bucket' || !signedIn) && (
        <AccountPicker profile={profile} onChange={setProfile} identity={identity} />
      )}
      {view.show === 'new-distribution' && (
        <NewDistributionFlow
          profile={profile}
          onDone={(distributionId: string) => setView({ show: 'onboard', distributionId })}
          onCancel={() => setView({ show: 'list' })}
        />
      )}
      {view.show === 'list' && (
        <>
          <AccountPicker profile={profile} onChange={setProfile} identity={identity} />
          {signedIn && (
            <>
              <DeployingPanel onDeployed={distributions.reload} />
              <DistributionList
                distributions={distributions}
                onRestrict={(distributionId) => setView({ show: 'onboard', distributionId })}
                onNewDistribution={() => setView({ show: 'new-distribution' })}
              />
              <KeyGroupsPanel profile={profile} />
            </>
          )}
          <SitesPanel />
        </>
      )}
    </Screen>
  )
}
