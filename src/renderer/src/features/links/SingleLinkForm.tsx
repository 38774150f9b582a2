// One link: where the file is (a site and a path, or a pasted URL), the key when the site does not
// decide it, how long it works, an optional label, and the advanced restrictions folded away.
// Keyfront checks everything and says what to change; the finished link replaces the form until the
// user asks for another.
import { useEffect, useState } from 'react'
import type { SignedSite } from '../../../../shared/contract/cloudfront.ts'
import type { KeySummary } from '../../../../shared/contract/keys.ts'
import type { SignedLink } from '../../../../shared/contract/links.ts'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { Field } from '../../components/Field.tsx'
import { call, submitTo, useAction } from '../../lib/server-state.ts'
import { AdvancedOptions, NO_ADVANCED, type Advanced } from './AdvancedOptions.tsx'
import { expiryFromNow, localEpoch, type ExpiryChoice } from './expiry.ts'
import { ExpiryPicker } from './ExpiryPicker.tsx'
import { FileBrowser } from '../files/FileBrowser.tsx'
import { UploadPanel } from '../files/UploadPanel.tsx'
import { FileLocation, firstPlace, isPlaceEmpty, placeUrl, siteKey, type FilePlace } from './FileLocation.tsx'
import { KeyPicker, SiteKeyNote, defaultKey } from './KeyPicker.tsx'
import { LinkResult } from './LinkResult.tsx'

/** What a new form starts with (Settings): how long links work, and the site to offer first. */
export interface LinkDefaults {
  expiry: ExpiryChoice
  siteId?: string
}

export function SingleLinkForm(props: {
  keys: KeySummary[]
  sites: SignedSite[]
  defaults: LinkDefaults
  now: number
}) {
  const [place, setPlace] = useState<FilePlace>(() => firstPlace(props.sites, props.defaults.siteId))
  const [chosenKey, setKey] = useState(() => defaultKey(props.keys))
  const [expiry, setExpiry] = useState<ExpiryChoice>(props.defaults.expiry)
  const [advanced, setAdvanced] = useState<Advanced>(NO_ADVANCED)
  const [label, setLabel] = useState('')
  const [result, setResult] = useState<SignedLink>()
  const [browsing, setBrowsing] = useState<string>()
  // A site onboarded with a key this computer holds decides the key: no picker then.
  const decided = siteKey(props.keys, place)
  const key = decided?.id ?? chosenKey
  const sign = useAction(async () => {
    const expiresAt = expiryFromNow(expiry)
    if (expiresAt === undefined) throw new Error('Choose the date and time the link stops working.')
    const startsAt = localEpoch(advanced.starts)
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
        ...(advanced.cookies && advanced.cookieDomain.trim() && { cookieDomain: advanced.cookieDomain }),
        hash: advanced.sha256 ? 'sha256' : 'sha1',
        ...(label.trim() && { label }),
      }),
    )
  })
  // A refusal is about what was sent: once the user changes any of it, the message no longer applies.
  const { clearError } = sign
  useEffect(clearError, [place, chosenKey, expiry, advanced, label, clearError])

  if (result) {
    return (
      <LinkResult link={result} sites={props.sites} now={props.now} onAnother={() => setResult(undefined)} />
    )
  }

  return (
    <form className="panel link-form" noValidate onSubmit={submitTo(sign.run)}>
      <FileLocation
        sites={props.sites}
        value={place}
        onChange={(next) => {
          // Another site's browser starts closed: what was browsed on this one no longer applies.
          if (next.site?.distributionId !== place.site?.distributionId) setBrowsing(undefined)
          setPlace(next)
        }}
      />
      {place.site && (
        <FileBrowser
          key={place.site.distributionId}
          distributionId={place.site.distributionId}
          onPick={(file) => setPlace((now) => ({ ...now, path: file.path }))}
          onBrowse={setBrowsing}
        />
      )}
      {place.site && (
        <UploadPanel
          host={place.site.host}
          path={place.path}
          browsing={browsing}
          uploadFolder={
            props.sites.find((s) => s.distributionId === place.site?.distributionId)?.uploadFolder
          }
          expiresAt={() => expiryFromNow(expiry)}
          label={label}
        />
      )}
      {decided ? (
        <SiteKeyNote name={decided.name} />
      ) : (
        <KeyPicker keys={props.keys} value={chosenKey} onChange={setKey} />
      )}
      <ExpiryPicker value={expiry} onChange={setExpiry} now={props.now} />
      <Field label="Label (optional)" hint="Who or what it is for, to find it again in History.">
        {(control) => (
          <input
            {...control}
            type="text"
            maxLength={500}
            placeholder="For Ana, Q3 numbers"
            value={label}
            onChange={(event) => setLabel(event.target.value)}
          />
        )}
      </Field>
      <AdvancedOptions value={advanced} onChange={setAdvanced} now={props.now} />
      <ErrorNotice error={sign.error} />
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={sign.busy || isPlaceEmpty(place)}>
          {sign.busy ? 'Making the link…' : advanced.cookies ? 'Make signed cookies' : 'Make link'}
        </button>
      </div>
    </form>
  )
}
