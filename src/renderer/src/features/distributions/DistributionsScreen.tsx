// Distributions: the CloudFront distributions of the chosen AWS account, who each behavior trusts,
// what is still deploying, the sites onboarded from this computer — and the flows that change
// them: restricting a distribution to signed links (and undoing that), and creating a new
// distribution for a private bucket. The welcome opens it straight into either flow (`initialFlow`),
// before the user has seen which AWS account is in use: the new-distribution flow then shows the
// account above it, or (no AWS access yet) starts with the way in (the wizard has its own step).
import { useState } from 'react'
import { Screen } from '../../components/Screen.tsx'
import { useRead } from '../../lib/server-state.ts'
import { AccountPicker } from './AccountPicker.tsx'
import { DeployingPanel } from './DeployingPanel.tsx'
import { DetachWizard } from './DetachWizard.tsx'
import { DistributionList } from './DistributionList.tsx'
import { KeyGroupsPanel } from './KeyGroupsPanel.tsx'
import { NewDistributionFlow } from './NewDistributionFlow.tsx'
import { OnboardWizard } from './OnboardWizard.tsx'
import { SitesPanel } from './SitesPanel.tsx'
import './distributions.css'

type View =
  | { show: 'list' }
  | { show: 'onboard'; distributionId?: string }
  | { show: 'detach'; distributionId: string }
  | { show: 'new-distribution' }

const FLOWS: Record<'new-bucket' | 'onboard', View> = {
  'new-bucket': { show: 'new-distribution' },
  onboard: { show: 'onboard' },
}

export function DistributionsScreen(props: { initialFlow?: 'new-bucket' | 'onboard' }) {
  const [profile, setProfile] = useState<string>()
  const [view, setView] = useState<View>(props.initialFlow ? FLOWS[props.initialFlow] : { show: 'list' })
  const identity = useRead('aws.whoami', { profile })
  const signedIn = identity.data !== undefined
  // Asked only once AWS has said who this is: without an identity it could only fail the same way.
  const distributions = useRead('cloudfront.distributions', { profile }, { enabled: signedIn })
  const detaching =
    view.show === 'detach' ? distributions.data?.find((d) => d.id === view.distributionId) : undefined

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
          distributions={distributions.data ?? []}
          distributionsLoading={distributions.isLoading}
          initialDistributionId={view.distributionId}
          onClose={() => setView({ show: 'list' })}
        />
      )}
      {view.show === 'detach' && detaching && (
        <DetachWizard profile={profile} distribution={detaching} onClose={() => setView({ show: 'list' })} />
      )}
      {view.show === 'new-distribution' && signedIn && (
        <AccountPicker profile={profile} onChange={setProfile} identity={identity} />
      )}
      {view.show === 'new-distribution' && (
        <NewDistributionFlow
          profile={profile}
          onProfileChange={setProfile}
          identity={identity}
          onClose={() => setView({ show: 'list' })}
        />
      )}
      {view.show === 'list' && (
        <>
          <AccountPicker profile={profile} onChange={setProfile} identity={identity} />
          {signedIn && (
            <>
              <DeployingPanel />
              <DistributionList
                distributions={distributions}
                onRestrict={(distributionId) => setView({ show: 'onboard', distributionId })}
                onDetach={(distributionId) => setView({ show: 'detach', distributionId })}
                onNewDistribution={() => setView({ show: 'new-distribution' })}
              />
              <KeyGroupsPanel profile={profile} />
            </>
          )}
          <SitesPanel profile={profile} signedIn={signedIn} distributions={distributions.data ?? []} />
        </>
      )}
    </Screen>
  )
}
