// One distribution's deployment, as the app follows it: main polls CloudFront whatever screen is
// open (src/main/deployments.ts) and sends each poll as a `cloudfront.deployment` event; this shows
// the time since the change beside how long it usually takes, the last check and CloudFront's
// status, and says when it is deployed. Leaving the screen stops nothing.
import { useEffect, useState } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { on } from '../../lib/bridge.ts'
import { useRead } from '../../lib/server-state.ts'
import { useNow } from '../../lib/use-now.ts'
import type { DeploymentProgress as Progress } from '../../../../shared/contract/cloudfront.ts'
import { USUAL_DEPLOY_TIME } from '../../../../shared/deployment-time.ts'
import { formatClock, formatElapsed } from './format.ts'

export function DeploymentProgress(props: {
  distributionId: string
  /** How to call it until the list of deployments says (site name or address). */
  name?: string
  /** When the change started (epoch ms), until the list of deployments says. */
  since?: number
  onDeployed?: () => void
}) {
  const { distributionId, onDeployed } = props
  const list = useRead('cloudfront.deploying', undefined)
  const [polled, setPolled] = useState<Progress>()
  const now = useNow(1000)

  useEffect(
    () =>
      on('cloudfront.deployment', (progress) => {
        if (progress.distributionId === distributionId) setPolled(progress)
      }),
    [distributionId],
  )

  const info = list.data?.find((d) => d.distributionId === distributionId)
  const last = newest(polled, info?.last)
  // Off the list once read afresh: main saw it Deployed before this screen listened.
  const deployed = last?.done === true || (list.isFetchedAfterMount && list.data !== undefined && !info)
  useEffect(() => {
    if (deployed) onDeployed?.()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a notification, not an input
  }, [deployed])

  const name = info?.name ?? props.name ?? distributionId
  const since = info?.since ?? props.since
  const title = deployed ? `${name} is deployed` : `Deploying ${name}`
  return (
    <section className="panel dist-deploy" aria-label={title}>
      <h3>{title}</h3>
      {!deployed && <progress className="dist-progress" aria-label="Deployment in progress" />}
      <p role="status">
        {deployed
          ? 'Deployed: CloudFront serves the change everywhere.'
          : `CloudFront says: ${last?.status ?? 'checking…'}`}
      </p>
      {!deployed && (
        <p className="hint">
          {since !== undefined && `${formatElapsed(Math.max(0, now - since))} so far · `}
          {USUAL_DEPLOY_TIME}
          {last && ` · last checked ${formatClock(last.lastPollAt)}`}
        </p>
      )}
      {!deployed && (
        <p className="hint">
          You can leave this screen: Keyfront keeps following the deployment and tells you when it is done.
        </p>
      )}
      <ErrorNotice error={list.error} />
    </section>
  )
}

function newest(a: Progress | undefined, b: Progress | undefined): Progress | undefined {
  if (!a || !b) return a ?? b
  return a.lastPollAt >= b.lastPollAt ? a : b
}
