// What the inspector found: the verdict first (works, or the cause of the 403 and what to do),
// then the facts — resource, key, algorithm, times, IP, signature — and, for a link changed after
// signing, where it changed.
import type { InspectReport, UrlDifference } from '../../../../shared/contract/links.ts'
import { describeFromNow, formatLocal, formatUtc } from '../../../../shared/expiry.ts'

const SIGNATURE_TEXT: Record<InspectReport['signature'], string> = {
  verified: 'Checks out with the key’s public key',
  mismatch: 'Does not match',
  'not-checked': 'Not checked — Keyfront does not hold this key',
}

function When(props: { epoch: number; now: number }) {
  return (
    <>
      <strong>{describeFromNow(props.epoch, props.now)}</strong> — {formatLocal(props.epoch)} (
      {formatUtc(props.epoch)})
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
      ? `the history${difference.historyLabel ? ` (“${difference.historyLabel}”)` : ''}`
      : difference.source === 'policy'
        ? 'the link’s own policy'
        : 'the form its signature matches'
  return (
    <div className="panel inset inspect-difference">
      <h3>Where the link changed</h3>
      <p className="hint">The signed form comes from {from}.</p>
      <dl className="facts">
        <dt>Signed as</dt>
        <dd>{mark(difference.signed, difference.at, difference.signedPart)}</dd>
        <dt>Now reads</dt>
        <dd>{mark(difference.current, difference.at, difference.currentPart)}</dd>
      </dl>
    </div>
  )
}

export function InspectReportView({ report }: { report: InspectReport }) {
  const now = report.checkedAt * 1000
  return (
    <section className="panel inspect-report" aria-labelledby="inspect-verdict-title">
      <div className={`notice ${report.validNow ? 'notice-ok' : 'notice-error'}`}>
        <h2 id="inspect-verdict-title" className="inspect-verdict-title">
          {report.validNow
            ? 'This link works'
            : `CloudFront would refuse this link${report.cloudFrontCode ? ` (403 ${report.cloudFrontCode})` : ''}`}
        </h2>
        <p>{report.verdict}</p>
      </div>
      {report.difference && <Difference difference={report.difference} />}
      <dl className="facts inspect-facts">
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
            <dt>Opens</dt>
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
            <dt>Starts</dt>
            <dd>
              <When epoch={report.startsAt} now={now} />
            </dd>
          </>
        )}
        {report.expiresAt !== undefined && (
          <>
            <dt>{report.expiresAt * 1000 <= now ? 'Expired' : 'Expires'}</dt>
            <dd>
              <When epoch={report.expiresAt} now={now} />
            </dd>
          </>
        )}
        {report.ipAddress && (
          <>
            <dt>Only from</dt>
            <dd>
              <code>{report.ipAddress}</code>
            </dd>
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
    </section>
  )
}
