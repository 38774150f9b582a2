// "Deploying" beside Distributions in the sidebar while CloudFront deploys a change Keyfront made,
// from the app's start and whatever screen is open, with the time it has taken so far beside how
// long it usually takes. Main follows the deployments; when one is done (a `cloudfront.deployment`
// event), or main follows one this list does not show yet, the list is read again; and once a
// minute anyway. Its own small module: the sidebar is in the first bundle.
import { useEffect } from 'react'
import { USUAL_DEPLOY_TIME } from '../../../../shared/deployment-time.ts'
import { on } from '../../lib/bridge.ts'
import { refresh, useRead } from '../../lib/server-state.ts'
import { useNow } from '../../lib/use-now.ts'
import './deploying-badge.css'

const MINUTE = 60_000

export function DeployingBadge() {
  const deploying = useRead('cloudfront.deploying', undefined, { refetchInterval: 60_000 })
  // Whole minutes only: a sidebar that ticks every second would pull the eye for nothing.
  const now = useNow(15_000)
  const listed = deploying.data
  useEffect(
    () =>
      on('cloudfront.deployment', (progress) => {
        // Done, or one this list does not know yet (started elsewhere: a key replaced, the CLI).
        const known = listed?.some((d) => d.distributionId === progress.distributionId)
        if (progress.done || !known) void refresh(['cloudfront.deploying', 'cloudfront.distributions'])
      }),
    [listed],
  )
  const count = listed?.length ?? 0
  if (!listed || count === 0) return null
  // With several, the one waiting longest: that is the wait worth knowing about.
  const since = Math.min(...listed.map((d) => d.since))
  return (
    <>
      <span className="nav-count nav-deploying" aria-hidden="true">
        {count === 1 ? 'Deploying' : `Deploying ${count}`}
      </span>
      <span className="visually-hidden">
        , {count === 1 ? 'a distribution is' : `${count} distributions are`} deploying:
      </span>
      <span className="nav-deploying-time">
        {elapsedMinutes(now - since)} so far · {USUAL_DEPLOY_TIME}
      </span>
    </>
  )
}

function elapsedMinutes(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / MINUTE)
  return minutes < 1 ? 'under a minute' : `${minutes} min`
}
