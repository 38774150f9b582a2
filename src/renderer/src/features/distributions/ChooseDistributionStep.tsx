// Wizard step: which distribution to restrict.
import type { DistributionInfo } from '../../../../shared/contract/cloudfront.ts'
import { FieldGroup } from '../../components/Field.tsx'

export function ChooseDistributionStep(props: {
  loading: boolean
  distributions: DistributionInfo[]
  selected: string | undefined
  onSelect: (distributionId: string) => void
}) {
  if (props.loading && props.distributions.length === 0) return <p className="hint">Loading distributions…</p>
  if (props.distributions.length === 0) {
    return <p>This account has no distributions. Create one for a private bucket first.</p>
  }
  return (
    <FieldGroup legend="Distribution">
      {props.distributions.map((d) => (
        <label key={d.id} className="choice">
          <input
            type="radio"
            name="onboard-distribution"
            value={d.id}
            checked={props.selected === d.id}
            onChange={() => props.onSelect(d.id)}
          />
          <span>
            <span className="mono">{d.domainName}</span>
            <span className="hint">
              {' '}
              — {d.id}
              {d.comment ? `, ${d.comment}` : ''}
              {d.aliases.length ? `, also ${d.aliases.join(', ')}` : ''}
            </span>
          </span>
        </label>
      ))}
    </FieldGroup>
  )
}
