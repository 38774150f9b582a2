// The finished link: the URL (or Set-Cookie values) to copy as it is or as a message saying until
// when it works, to open in the browser, or to scan; when it stops working and which file it opens
// (on which site), in plain words; and the technical facts (the address signed, key id, policy,
// times in UTC) folded away under "Details".
import { useEffect, useRef, useState } from 'react'
import type { SignedSite } from '../../../../shared/contract/cloudfront.ts'
import type { SignedLink } from '../../../../shared/contract/links.ts'
import { describeFromNow, formatUtc } from '../../../../shared/expiry.ts'
import { linkMessage } from '../../../../shared/link-message.ts'
import { readableUrl } from '../../../../shared/site-link.ts'
import { useNavigate } from '../../app/navigation.tsx'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { useCommand } from '../../lib/commands.ts'
import { call } from '../../lib/server-state.ts'
import { useShortcutTitle } from '../../lib/shortcuts.ts'
import { friendlyWhen } from '../../lib/when.ts'
import { whereOnSite } from '../../lib/where.ts'
import { QrCode } from './QrCode.tsx'

const ALGORITHM: Record<SignedLink['algorithm'], string> = {
  'rsa-sha1': 'RSA with SHA-1',
  'rsa-sha256': 'RSA with SHA-256',
  'ecdsa-sha1': 'ECDSA with SHA-1',
  'ecdsa-sha256': 'ECDSA with SHA-256',
}

/**
 * Whether the link opens just the address given: the resource is that address as signed (host in
 * lower case, spaces encoded…), so both are compared in the form a browser normalizes them to.
 */
function sameAddress(url: string, resource: string): boolean {
  const normal = (address: string) => {
    try {
      return readableUrl(new URL(address).href)
    } catch {
      return address
    }
  }
  return normal(url) === normal(resource)
}

/** A file name for the link's QR code: its label, else the file it opens. */
function qrFileName(link: SignedLink): string {
  const file = link.label ?? readableUrl(link.url).split(/[?#]/)[0]?.split('/').pop() ?? ''
  return `QR code ${file}`.replace(/[\\/:*?"<>|\p{Cc}]+/gu, '-').trim()
}

export function LinkResult(props: {
  link: SignedLink
  /** The sites set up here, to name the one the link opens a file on. */
  sites: readonly SignedSite[]
  now: number
  onAnother: () => void
}) {
  const { link, now } = props
  const navigate = useNavigate()
  const shortcutTitle = useShortcutTitle('copy-link')
  const heading = useRef<HTMLHeadingElement>(null)
  const [said, setSaid] = useState<string>()
  const [openError, setOpenError] = useState<unknown>()
  useEffect(() => heading.current?.focus(), [])
  const text =
    link.signedUrl ?? (link.cookies ?? []).map((cookie) => `Set-Cookie: ${cookie.setCookie}`).join('\n')
  const what = link.kind === 'url' ? 'link' : 'cookies'
  const toClipboard = (content: string, done: string) =>
    navigator.clipboard.writeText(content).then(
      () => setSaid(done),
      () => setSaid('Keyfront could not use the clipboard: select the text and copy it.'),
    )
  const copy = () => toClipboard(text, `Copied the ${what} to the clipboard.`)
  useCommand('copy-link', () => {
    void copy()
    return true
  })
  const signedUrl = link.signedUrl
  const copyMessage = (url: string) =>
    toClipboard(
      linkMessage(url, link, { nowMs: Date.now() }),
      'Copied the link with a sentence saying until when it works, ready to paste into a message.',
    )
  const openInBrowser = (url: string) => {
    setOpenError(undefined)
    call('app.openExternal', { url }).then(
      () => setSaid('Opened the link in your browser.'),
      (error: unknown) => setOpenError(error),
    )
  }
  const expired = link.expiresAt * 1000 <= now
  const opens = sameAddress(link.url, link.resource)
    ? whereOnSite(link.url, props.sites)
    : `Files matching ${readableUrl(link.resource)}`
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
            <button
              type="button"
              className="button primary"
              title={shortcutTitle(link.kind === 'url' ? 'Copy link' : 'Copy cookies')}
              onClick={() => void copy()}
            >
              {link.kind === 'url' ? 'Copy link' : 'Copy cookies'}
            </button>
            {signedUrl && (
              <>
                <button type="button" className="button" onClick={() => void copyMessage(signedUrl)}>
                  Copy as message
                </button>
                <button type="button" className="button" onClick={() => openInBrowser(signedUrl)}>
                  Open in browser
                </button>
                <button
                  type="button"
                  className="button"
                  onClick={() => navigate({ screen: 'inspect', param: signedUrl })}
                >
                  Inspect it
                </button>
              </>
            )}
            <button type="button" className="button" onClick={props.onAnother}>
              Make another link
            </button>
          </div>
          <p role="status" className="link-copied">
            {said}
          </p>
          <ErrorNotice error={openError} />
          <dl className="facts">
            <dt>{expired ? 'Stopped working' : 'Works until'}</dt>
            <dd>
              <strong>{friendlyWhen(link.expiresAt, now)}</strong> ({describeFromNow(link.expiresAt, now)})
            </dd>
            {link.startsAt !== undefined && (
              <>
                <dt>Starts</dt>
                <dd>
                  {friendlyWhen(link.startsAt, now)} ({describeFromNow(link.startsAt, now)})
                </dd>
              </>
            )}
            <dt>Opens</dt>
            <dd className="link-opens">{opens}</dd>
            <dt>Key</dt>
            <dd>{link.keyName}</dd>
          </dl>
          {link.warnings.map((warning) => (
            <p key={warning} className="notice notice-warn link-warning">
              {warning}
            </p>
          ))}
          <LinkDetails link={link} />
        </div>
        {signedUrl && <QrCode text={signedUrl} name={qrFileName(link)} />}
      </div>
    </section>
  )
}

/** The facts an engineer asks for, folded away: what CloudFront checks, exactly as signed. */
function LinkDetails({ link }: { link: SignedLink }) {
  return (
    <details className="link-details">
      <summary>Details</summary>
      <dl className="facts">
        <dt>Address signed</dt>
        <dd>
          <code>{link.url}</code>
        </dd>
        <dt>Resource</dt>
        <dd>
          <code>{link.resource}</code>
        </dd>
        <dt>Policy</dt>
        <dd>{link.canned ? 'Canned (expiry only)' : 'Custom'}</dd>
        <dt>Key-Pair-Id</dt>
        <dd>
          <code>{link.keyPairId}</code>
        </dd>
        <dt>Signature</dt>
        <dd>{ALGORITHM[link.algorithm]}</dd>
        <dt>Expires (UTC)</dt>
        <dd>{formatUtc(link.expiresAt)}</dd>
        {link.startsAt !== undefined && (
          <>
            <dt>Starts (UTC)</dt>
            <dd>{formatUtc(link.startsAt)}</dd>
          </>
        )}
      </dl>
      <pre className="link-policy">{link.policy}</pre>
    </details>
  )
}
