// Who a cache behavior trusts, at a glance: its key groups as chips, or that anyone may read it.
import type { TrustedGroup } from '../../../../shared/contract/cloudfront.ts'
import { groupName } from './format.ts'

export function TrustChips(props: { groups: TrustedGroup[]; trustedSigners?: string[] }) {
  const signers = props.trustedSigners ?? []
  if (props.groups.length === 0 && signers.length === 0) {
    return <span className="chip muted">Anyone — no signed link needed</span>
  }
  return (
    <span className="dist-chips">
      {props.groups.map((group) => (
        <span key={group.id ?? group.name} className="chip ok">
          {groupName(group)}
        </span>
      ))}
      {signers.length > 0 && (
        <span className="chip warn" title="Root-account CloudFront key pairs, the older way to sign">
          Legacy signers: {signers.join(', ')}
        </span>
      )}
    </span>
  )
}
