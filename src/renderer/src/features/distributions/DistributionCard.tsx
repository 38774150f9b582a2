// One distribution: where it answers (domain, aliases), what it serves (origins), whether a change
// is deploying, for each cache behavior who may read it — and the ways to restrict it to signed
// links, or to undo that.
import type { DistributionInfo } from '../../../../shared/contract/cloudfront.ts'
import { trustedGroups } from './DetachWizard.tsx'
import { behaviorLabel } from './format.ts'
import { TrustChips } from './TrustChips.tsx'

export function DistributionCard(props: {
  distribution: DistributionInfo
  onRestrict: () => void
  onDetach: () => void
}) {
  const d = props.distribution
  const titleId = `dist-${d.id}`
  return (
    <article className="panel dist-card" aria-labelledby={titleId}>
      <header className="dist-card-header">
        <div>
          <h3 id={titleId} className="mono">
            {d.domainName}
          </h3>
          <p className="hint">
            {d.id}
            {d.comment ? ` · ${d.comment}` : ''}
          </p>
        </div>
        <div className="dist-card-actions">
          <span className={`chip ${d.status === 'Deployed' ? 'ok' : 'warn'}`}>
            {d.status === 'Deployed' ? 'Deployed' : 'Deploying…'}
          </span>
          {!d.enabled && <span className="chip muted">Disabled</span>}
          <button type="button" className="button" onClick={props.onRestrict}>
            Restrict to signed links…
          </button>
          {trustedGroups(d).length > 0 && (
            <button type="button" className="button" onClick={props.onDetach}>
              Stop requiring signed links…
            </button>
          )}
        </div>
      </header>
      <dl className="facts dist-facts">
        {d.aliases.length > 0 && (
          <>
            <dt>Also answers at</dt>
            <dd className="mono">{d.aliases.join(', ')}</dd>
          </>
        )}
        <dt>Serves files from</dt>
        <dd className="mono dist-wrap">{d.origins.map((origin) => origin.domainName).join(', ')}</dd>
      </dl>
      <table>
        <caption className="visually-hidden">Cache behaviors of {d.domainName} and who may read them</caption>
        <thead>
          <tr>
            <th scope="col">Path</th>
            <th scope="col">Who may read</th>
          </tr>
        </thead>
        <tbody>
          {d.behaviors.map((b) => (
            <tr key={b.selector}>
              <td className="mono">{behaviorLabel(b.selector)}</td>
              <td>
                <TrustChips groups={b.trustedKeyGroups} trustedSigners={b.trustedSigners} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  )
}
