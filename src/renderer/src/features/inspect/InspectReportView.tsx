// What the inspector found: first a summary in plain words — does the link work, and if not, what
// happened and what to do — with the file it opens (on which site), its key and its times; then, for a link changed
// after it was made, where it changed; and under "Details" the facts an engineer asks for (key id,
// policy, algorithm, signature check, UTC times, CloudFront's own answer, notes).
import type { SignedSite } from '../../../../shared/contract/cloudfront.ts'
import type { InspectReport, UrlDifference } from '../../../../shared/contract/links.ts'
import { describeFromNow, formatUtc } from '../../../../shared/expiry.ts'
import { friendlyWhen } from '../../lib/when.ts'
import { whereOnSite } from '../../lib/where.ts'
import { plainVerdict } from './plain-verdict.ts'

const SIGNATURE_TEXT: Record<InspectReport['signature'], string> = {
  verified: 'Checks out with the key’s public key',
  mismatch: 'Does not match',
  'not-checked': 'Not checked — Keyfront does not hold this key',
}

function When(props: { epoch: number; now: number }) {
  return (
    <>
      <strong>{friendlyWhen(props.epoch, props.now)}</strong> ({describeFromNow(props.epoch, props.now)})
    </>
  )
}

function Difference({ difference }: { difference: UrlDifference }) {
  const mark = (text: string, at: number, part: string) => (
    <code className="inspect-diff">
      {text.slice(0, at)}
      <mark>{part || '∅'}</mark>
      {text.slice(at + part.length)}
    </code>
  )
  const from =
    difference.source === 'history'
      ? `from the history${difference.historyLabel ? ` (“${difference.historyLabel}”)` : ''}`
      : difference.source === 'policy'
        ? 'from what the link itself says it opens'
        : 'worked out from the link'
  return (
    <div className="panel inset inspect-difference">
      <h3>Where the link changed</h3>
      <p className="hint">How it was made comes {from}.</p>
      <dl className="facts">
        <dt>Made as</dt>
        <dd>{mark(difference.signed, difference.at, difference.signedPart)}</dd>
        <dt>Now reads</dt>
        <dd>{mark(difference.current, difference.at, difference.currentPart)}</dd>
      </dl>
    </div>
  )
}

export function InspectReportView(props: { report: InspectReport; sites: readonly SignedSite[] }) {
  const { report } = props
  const now = report.checkedAt * 1000
  const verdict = plainVerdict(report)
  const opens = report.requestUrl ?? report.resource
  return (
    <section className="panel inspect-report" aria-labelledby="inspect-verdict-title">
      <div className={`notice ${report.validNow ? 'notice-ok' : 'notice-error'}`}>
        <h2 id="inspect-verdict-title" className="inspect-verdict-title">
          {verdict.title}
        </h2>
        <p>{verdict.sentence}</p>
      </div>
      {report.difference && <Difference difference={report.difference} />}
      <dl className="facts inspect-facts">
        {opens && (
          <>
            <dt>Opens</dt>
            <dd className="inspect-opens">{whereOnSite(opens, props.sites)}</dd>
          </>
        )}
        <dt>Key</dt>
        <dd>{report.heldKey ? `Your key “${report.heldKey.name}”` : 'Not a key Keyfront holds'}</dd>
        {report.startsAt !== undefined && (
          <>
            <dt>Starts</dt>
            <dd>
              <When epoch={report.startsAt} now={now} />
            </dd>
          </>
        )}
        {report.expiresAt !== undefined && (
          <>
            <dt>{report.expiresAt * 1000 <= now ? 'Stopped working' : 'Works until'}</dt>
            <dd>
              <When epoch={report.expiresAt} now={now} />
            </dd>
          </>
        )}
        {report.ipAddress && (
          <>
            <dt>Only from</dt>
            <dd>{report.ipAddress}</dd>
          </>
        )}
      </dl>
      <InspectDetails report={report} />
    </section>
  )
}

/** The engineer's view, folded away: what CloudFront checks and what it would answer. */
function InspectDetails({ report }: { report: InspectReport }) {
  return (
    <details className="inspect-details">
      <summary>Details</summary>
      <p className="inspect-cloudfront">
        {report.cloudFrontCode ? `CloudFront would answer 403 ${report.cloudFrontCode}. ` : ''}
        {report.verdict}
      </p>
      <dl className="facts">
        {report.requestUrl && (
          <>
            <dt>URL</dt>
            <dd>
              <code>{report.requestUrl}</code>
            </dd>
          </>
        )}
        {report.canned !== undefined && (
          <>
            <dt>Policy</dt>
            <dd>{report.canned ? 'Canned (expiry only)' : 'Custom'}</dd>
          </>
        )}
        {report.resource && (
          <>
            <dt>Resource</dt>
            <dd>
              <code>{report.resource}</code>
            </dd>
          </>
        )}
        <dt>Key-Pair-Id</dt>
        <dd>
          {report.keyPairId ? <code>{report.keyPairId}</code> : 'missing'}
          {report.heldKey
            ? ` — your key “${report.heldKey.name}”`
            : report.keyPairId
              ? ' — not a key Keyfront holds'
              : ''}
        </dd>
        <dt>Algorithm</dt>
        <dd>
          {report.signatureAlgorithm
            ? `${report.signatureAlgorithm.startsWith('rsa') ? 'RSA' : 'ECDSA'} with ${report.hashAlgorithm === 'SHA256' ? 'SHA-256' : 'SHA-1'}`
            : report.hashAlgorithm === 'SHA256'
              ? 'SHA-256'
              : 'SHA-1'}
        </dd>
        {report.startsAt !== undefined && (
          <>
            <dt>Starts (UTC)</dt>
            <dd>{formatUtc(report.startsAt)}</dd>
          </>
        )}
        {report.expiresAt !== undefined && (
          <>
            <dt>Expires (UTC)</dt>
            <dd>{formatUtc(report.expiresAt)}</dd>
          </>
        )}
        <dt>Signature</dt>
        <dd>{SIGNATURE_TEXT[report.signature]}</dd>
      </dl>
      {report.notes.map((note) => (
        <p key={note} className="notice notice-warn inspect-note">
          {note}
        </p>
      ))}
      {report.policy && <pre className="inspect-policy">{report.policy}</pre>}
    </details>
  )
}
