// Wizard step: which cache behaviors will require signed links (all of them unless unticked).
import type { DistributionInfo } from '../../../../shared/contract/cloudfront.ts'
import { FieldGroup } from '../../components/Field.tsx'
import { behaviorLabel } from './format.ts'
import { TrustChips } from './TrustChips.tsx'

export function ChooseBehaviorsStep(props: {
  distribution: DistributionInfo
  selected: string[]
  onChange: (selected: string[]) => void
}) {
  const toggle = (selector: string, on: boolean) =>
    props.onChange(on ? [...props.selected, selector] : props.selected.filter((s) => s !== selector))
  return (
    <FieldGroup
      legend="Paths that will need a signed link"
      hint={`Each line is a cache behavior of ${props.distribution.domainName}. Untick the ones that should stay as they are.`}
    >
      {props.distribution.behaviors.map((b) => (
        <label key={b.selector} className="choice dist-behavior-choice">
          <input
            type="checkbox"
            checked={props.selected.includes(b.selector)}
            onChange={(event) => toggle(b.selector, event.target.checked)}
          />
          <span className="mono">{behaviorLabel(b.selector)}</span>
          <span className="hint">now:</span>
          <TrustChips groups={b.trustedKeyGroups} trustedSigners={b.trustedSigners} />
        </label>
      ))}
    </FieldGroup>
  )
}
