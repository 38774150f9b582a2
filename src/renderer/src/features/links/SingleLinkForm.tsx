// One link: the key, the file's URL, how long it works, an optional label, and the advanced
// restrictions folded away. Keyfront checks everything and says what to change; the finished
// link replaces the form until the user asks for another.
import { useState, type FormEvent } from 'react'
import type { KeySummary } from '../../../../shared/contract/keys.ts'
import type { SignedLink } from '../../../../shared/contract/links.ts'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { call } from '../../lib/bridge.ts'
import { AdvancedOptions, NO_ADVANCED, type Advanced } from './AdvancedOptions.tsx'
import { DEFAULT_EXPIRY, expiryFromNow, localEpoch, type ExpiryChoice } from './expiry.ts'
import { ExpiryPicker } from './ExpiryPicker.tsx'
import { KeyPicker, defaultKey } from './KeyPicker.tsx'
import { LinkResult } from './LinkResult.tsx'

export function SingleLinkForm(props: { keys: KeySummary[]; now: number }) {
  const [key, setKey] = useState(() => defaultKey(props.keys))
  const [url, setUrl] = useState('')
  const [expiry, setExpiry] = useState<ExpiryChoice>(DEFAULT_EXPIRY)
  const [advanced, setAdvanced] = useState<Advanced>(NO_ADVANCED)
  const [label, setLabel] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>()
  const [result, setResult] = useState<SignedLink>()

  if (result) return <LinkResult link={result} now={props.now} onAnother={() => setResult(undefined)} />

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setError(undefined)
    const expiresAt = expiryFromNow(expiry)
    if (expiresAt === undefined) {
      setError(new Error('Choose the date and time the link stops working.'))
      return
    }
    const startsAt = localEpoch(advanced.starts)
    setBusy(true)
    try {
      setResult(
        await call('links.sign', {
          key,
          url,
          expiresAt,
          ...(startsAt !== undefined && { startsAt }),
          ...(advanced.ip.trim() && { ipAddress: advanced.ip }),
          ...(advanced.resource.trim() && { resource: advanced.resource }),
          cookies: advanced.cookies,
          hash: advanced.sha256 ? 'sha256' : 'sha1',
          ...(label.trim() && { label }),
        }),
      )
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="panel link-form" noValidate onSubmit={(event) => void submit(event)}>
      <div className="field">
        <label htmlFor="link-url">Link to the file</label>
        <input
          id="link-url"
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="https://d111111abcdef8.cloudfront.net/reports/annual-report.pdf"
          value={url}
          aria-describedby="link-url-hint"
          onChange={(event) => setUrl(event.target.value)}
        />
        <span id="link-url-hint" className="hint">
          The file’s address on your CloudFront distribution. Paste it as it is — spaces and accents are fine.
        </span>
      </div>
      <KeyPicker id="link-key" keys={props.keys} value={key} onChange={setKey} />
      <ExpiryPicker id="link-expiry" value={expiry} onChange={setExpiry} now={props.now} />
      <div className="field">
        <label htmlFor="link-label">Label (optional)</label>
        <input
          id="link-label"
          type="text"
          maxLength={500}
          placeholder="For Ana, Q3 numbers"
          value={label}
          aria-describedby="link-label-hint"
          onChange={(event) => setLabel(event.target.value)}
        />
        <span id="link-label-hint" className="hint">
          Who or what it is for, to find it again in History.
        </span>
      </div>
      <AdvancedOptions id="link-advanced" value={advanced} onChange={setAdvanced} now={props.now} />
      <ErrorNotice error={error} />
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy || !url.trim()}>
          {busy ? 'Making the link…' : advanced.cookies ? 'Make signed cookies' : 'Make link'}
        </button>
      </div>
    </form>
  )
}
