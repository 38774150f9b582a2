// The finished link: the URL (or Set-Cookie values) to copy, a QR code, when it stops working in
// plain words, and what to do next.
import { useEffect, useRef, useState } from 'react'
import type { SignedLink } from '../../../../shared/contract/links.ts'
import { describeFromNow, formatLocal, formatUtc } from '../../../../shared/expiry.ts'
import { useNavigate } from '../../app/navigation.tsx'
import { QrCode } from './QrCode.tsx'

export function LinkResult(props: { link: SignedLink; now: number; onAnother: () => void }) {
  const { link, now } = props
  const navigate = useNavigate()
  const heading = useRef<HTMLHeadingElement>(null)
  const [copied, setCopied] = useState<string>()
  useEffect(() => heading.current?.focus(), [])
  const text =
    link.signedUrl ?? (link.cookies ?? []).map((cookie) => `Set-Cookie: ${cookie.setCookie}`).join('\n')
  const what = link.kind === 'url' ? 'link' : 'cookies'
  const copy = () =>
    navigator.clipboard.writeText(text).then(
      () => setCopied(`Copied the ${what} to the clipboard.`),
      () => setCopied('Keyfront could not use the clipboard: select the text and copy it.'),
    )
  const expired = link.expiresAt * 1000 <= now
  return (
    <section className="panel link-result" aria-labelledby="link-result-title">
      <h2 id="link-result-title" tabIndex={-1} ref={heading}>
        {link.kind === 'url' ? 'Your link is ready' : 'Your signed cookies are ready'}
        {link.label ? ` — ${link.label}` : ''}
      </h2>
      <div className="link-result-body">
        <div className="link-result-main">
          <label htmlFor="link-result-text" className="visually-hidden">
            {link.kind === 'url' ? 'Signed link' : 'Set-Cookie values'}
          </label>
          <textarea
            id="link-result-text"
            className="link-output"
            readOnly
            rows={link.kind === 'url' ? 5 : 8}
            value={text}
          />
          <div className="form-actions">
            <button type="button" className="button primary" onClick={() => void copy()}>
              {link.kind === 'url' ? 'Copy link' : 'Copy cookies'}
            </button>
            {link.signedUrl && (
              <button
                type="button"
                className="button"
                onClick={() => navigate({ screen: 'inspect', param: link.signedUrl })}
              >
                Inspect it
              </button>
            )}
            <button type="button" className="button" onClick={props.onAnother}>
              Make another link
            </button>
          </div>
          <p role="status" className="link-copied">
            {copied}
          </p>
          <dl className="facts">
            <dt>{expired ? 'Stopped working' : 'Expires'}</dt>
            <dd>
              <strong>{describeFromNow(link.expiresAt, now)}</strong> — {formatLocal(link.expiresAt)} (
              {formatUtc(link.expiresAt)})
            </dd>
            {link.startsAt !== undefined && (
              <>
                <dt>Starts</dt>
                <dd>
                  {describeFromNow(link.startsAt, now)} — {formatLocal(link.startsAt)}
                </dd>
              </>
            )}
            <dt>Opens</dt>
            <dd>
              <code>{link.resource}</code>
            </dd>
            <dt>Signed with</dt>
            <dd>
              {link.keyName} <span className="hint">(Key-Pair-Id {link.keyPairId})</span>
            </dd>
          </dl>
          {link.warnings.map((warning) => (
            <p key={warning} className="notice notice-warn link-warning">
              {warning}
            </p>
          ))}
        </div>
        {link.signedUrl && <QrCode text={link.signedUrl} />}
      </div>
    </section>
  )
}
