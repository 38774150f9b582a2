// The account's distributions, each with its behaviors and who is trusted to read them.
import { EmptyState } from '../../components/EmptyState.tsx'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import type { Read } from '../../lib/server-state.ts'
import type { DistributionInfo } from '../../../../shared/contract/cloudfront.ts'
import { DistributionCard } from './DistributionCard.tsx'

export function DistributionList(props: {
  distributions: Read<DistributionInfo[]>
  onRestrict: (distributionId: string) => void
  onDetach: (distributionId: string) => void
  onNewDistribution: () => void
}) {
  const { distributions } = props
  if (distributions.isPending) return <p className="hint">Loading distributions…</p>
  if (distributions.isError) return <ErrorNotice error={distributions.error} />
  const list = distributions.data
  if (list.length === 0) {
    return (
      <EmptyState
        title="No distributions in this account"
        action={
          <button type="button" className="button primary" onClick={props.onNewDistribution}>
            New distribution for a private bucket
          </button>
        }
      >
        <p>A CloudFront distribution serves your files. Create one for a private S3 bucket to get started.</p>
      </EmptyState>
    )
  }
  return (
    <section aria-labelledby="dist-list-title">
      <h2 id="dist-list-title" className="dist-section-title">
        Distributions ({list.length})
      </h2>
      <p className="hint">
        A distribution is the CloudFront address your files are served from; each of its paths can require a
        signed link or let anyone in.
      </p>
      {list.map((distribution) => (
        <DistributionCard
          key={distribution.id}
          distribution={distribution}
          onRestrict={() => props.onRestrict(distribution.id)}
          onDetach={() => props.onDetach(distribution.id)}
        />
      ))}
    </section>
  )
}
