// Distributions with a change Keyfront made that was still deploying when last seen — also after
// the app was closed and opened again. Each is followed until CloudFront says Deployed.
import { useState } from 'react'
import { useCall } from '../../lib/use-call.ts'
import { DeploymentProgress } from './DeploymentProgress.tsx'

export function DeployingPanel(props: { onDeployed: () => void }) {
  const deploying = useCall('cloudfront.deploying', undefined)
  const [stopped, setStopped] = useState<string[]>([])
  const records = deploying.value ?? []
  if (records.length === 0) return null
  return (
    <section aria-labelledby="deploying-title">
      <h2 id="deploying-title" className="dist-section-title">
        Still deploying
      </h2>
      {records.map((record) =>
        stopped.includes(record.distributionId) ? (
          <div key={record.distributionId} className="panel dist-deploy">
            <p>
              {record.distributionId} is still deploying (changed {new Date(record.since).toLocaleString()}).{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => setStopped((ids) => ids.filter((id) => id !== record.distributionId))}
              >
                Follow again
              </button>
            </p>
          </div>
        ) : (
          <DeploymentProgress
            key={record.distributionId}
            distributionId={record.distributionId}
            profile={record.profile}
            onDeployed={props.onDeployed}
            onStopped={() => setStopped((ids) => [...ids, record.distributionId])}
          />
        ),
      )}
    </section>
  )
}
