// The part of a plan both restricting and un-restricting show: each chosen behavior, who it trusts
// now and who it will trust after the change, then the consequences in plain words.
import type { TrustPlan } from '../../../../shared/contract/cloudfront.ts'
import { behaviorLabel } from './format.ts'
import { TrustChips } from './TrustChips.tsx'

export function TrustChanges({ plan }: { plan: TrustPlan }) {
  return (
    <>
      <table>
        <caption className="visually-hidden">Who may read each path, now and after the change</caption>
        <thead>
          <tr>
            <th scope="col">Path</th>
            <th scope="col">Now</th>
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
          {plan.behaviors.map((b) => (
            <tr key={b.selector} className={b.changes ? 'dist-changed' : undefined}>
              <td className="mono">{behaviorLabel(b.selector)}</td>
              <td>
                <TrustChips groups={b.before} trustedSigners={b.trustedSigners} />
              </td>
              <td>
                {b.changes ? <TrustChips groups={b.after} trustedSigners={b.trustedSigners} /> : 'No change'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {plan.warnings.length > 0 && (
        <div className="notice notice-warn dist-warnings" role="note" aria-label="Before you apply">
          {plan.warnings.map((warning) => (
            <p key={warning}>{warning}</p>
          ))}
        </div>
      )}
    </>
  )
}
