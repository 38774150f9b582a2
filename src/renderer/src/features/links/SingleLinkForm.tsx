// One link: where the file is (a site and a path, or a pasted URL), the key, how long it works, an optional label, and the advanced
// restrictions folded away. Keyfront checks everything and says what to change; the finished
// link replaces the form until the user asks for another.
import { useState, type FormEvent } from 'react'
import type { SignedSite } from '../../../../shared/contract/cloudfront.ts'
import type { KeySummary } from '../../../../shared/contract/keys.ts'
import type { SignedLink } from '../../../../shared/contract/links.ts'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { call } from '../../lib/bridge.ts'
import { AdvancedOptions, NO_ADVANCED, type Advanced } from './AdvancedOptions.tsx'
import { DEFAULT_EXPIRY, expiryFromNow, localEpoch, type ExpiryChoice } from './expiry.ts'
import { ExpiryPicker } from './ExpiryPicker.tsx'
import { FileLocation, firstPlace, isPlaceEmpty, placeUrl, siteKey, type FilePlace } from './FileLocation.tsx'
import { KeyPicker, defaultKey } from './KeyPicker.tsx'
import { LinkResult } from './LinkResult.tsx'

export function SingleLinkForm(props: { keys: KeySummary[]; sites: SignedSite[]; now: number }) {
  const [place, setPlace] = useState<FilePlace>(() => firstPlace(props.sites))
  const [key, setKey] = useState(() => siteKey(props.keys, place) ?? defaultKey(props.keys))
  const [expiry, setExpiry] = useState<ExpiryChoice>(DEFAULT_EXPIRY)
  const [advanced, setAdvanced] = useState<Advanced>(NO_ADVANCED)
  const [label, setLabel] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>()
  const [result, setResult] = useState<SignedLink>()

  if (result) return <LinkResult link={result} now={props.now} onAnother={() => setResult(undefined)} />

  // Choosing another site picks the key it was onboarded with (when this computer holds it).
  const choosePlace = (next: FilePlace) => {
    if (next.site && next.site.distributionId !== place.site?.distributionId) {
      setKey((current) => siteKey(props.keys, next) ?? current)
    }
    setPlace(next)
  }

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
          url: placeUrl(place),
          ...(place.site && { distributionId: place.site.distributionId }),
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
      <FileLocation id="link" sites={props.sites} value={place} onChange={choosePlace} />
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
        <button type="submit" className="button primary" disabled={busy || isPlaceEmpty(place)}>
          {busy ? 'Making the link…' : advanced.cookies ? 'Make signed cookies' : 'Make link'}
        </button>
      </div>
    </form>
  )
}
