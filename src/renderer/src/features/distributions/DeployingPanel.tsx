// Distributions with a change Keyfront made that is still deploying — also one started before the
// app was last closed, or from the command line. Main follows each until CloudFront says Deployed;
// a deployment seen here stays, marked deployed, until the screen is left.
import { useState } from 'react'
import { useRead } from '../../lib/server-state.ts'
import type { DeployingInfo } from '../../../../shared/contract/cloudfront.ts'
import { DeploymentProgress } from './DeploymentProgress.tsx'

export function DeployingPanel() {
  const deploying = useRead('cloudfront.deploying', undefined)
  const [seen, setSeen] = useState<DeployingInfo[]>([])
  const fresh = (deploying.data ?? []).filter((d) => !seen.some((s) => s.distributionId === d.distributionId))
  // Remembered during render (not in an effect) so one that is already done still gets its panel.
  if (fresh.length > 0) setSeen([...seen, ...fresh])
  if (seen.length === 0 && fresh.length === 0) return null
  return (
    <section aria-labelledby="deploying-title">
      <h2 id="deploying-title" className="dist-section-title">
        Deploying
      </h2>
      {[...seen, ...fresh].map((info) => (
        <DeploymentProgress
          key={info.distributionId}
          distributionId={info.distributionId}
          name={info.name}
          since={info.since}
        />
      ))}
    </section>
  )
}
