// "Make a new link like this…", opened from History: the same file, key, label and conditions as an
// earlier link, working for as long again (or as long as chosen). The file and conditions are
// shown as they will be signed; how long it works, the label — and the key, when the earlier one is
// gone — can be changed. The new link is recorded in History as renewing the earlier one.
import { useState } from 'react'
import type { SignedSite } from '../../../../shared/contract/cloudfront.ts'
import type { KeySummary } from '../../../../shared/contract/keys.ts'
import type { RenewalDraft, RenewedLink } from '../../../../shared/contract/renewal.ts'
import { describeDuration } from '../../../../shared/expiry.ts'
import { readableUrl, siteName } from '../../../../shared/site-link.ts'
import { useNavigate } from '../../app/navigation.tsx'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { Field } from '../../components/Field.tsx'
import { call, submitTo, useAction, useRead } from '../../lib/server-state.ts'
import { choiceForDuration, expiryFromNow, type ExpiryChoice } from './expiry.ts'
import { ExpiryPicker } from './ExpiryPicker.tsx'
import { KeyPicker, defaultKey } from './KeyPicker.tsx'
import { LinkResult } from './LinkResult.tsx'

export function RenewForm(props: {
  entryId: number
  keys: KeySummary[]
  sites: SignedSite[]
  now: number
  /** Leaves the renewal for an empty New link form. */
  onBlank: () => void
}) {
  const draft = useRead('history.renewal', { id: props.entryId })
  return (
    <>
      <ErrorNotice error={draft.error} />
      {draft.data && <RenewDraftForm {...props} draft={draft.data} />}
      {draft.error && (
        <button type="button" className="button" onClick={props.onBlank}>
          Start from an empty form
        </button>
      )}
    </>
  )
}

function RenewDraftForm(props: {
  draft: RenewalDraft
  keys: KeySummary[]
  sites: SignedSite[]
  now: number
  onBlank: () => void
}) {
  const { draft, now } = props
  const [expiry, setExpiry] = useState<ExpiryChoice>(() => choiceForDuration(draft.durationSeconds, now))
  const [label, setLabel] = useState(draft.label ?? '')
  const [otherKey, setOtherKey] = useState(() => draft.siteKey?.id ?? defaultKey(props.keys))
  const [result, setResult] = useState<RenewedLink>()
  const renew = useAction(async () => {
    const expiresAt = expiryFromNow(expiry)
    if (expiresAt === undefined) throw new Error('Choose the date and time the new link stops working.')
    setResult(
      await call('history.renew', {
        id: draft.from,
        expiresAt,
        label,
        ...(draft.key === undefined && otherKey && { key: otherKey }),
      }),
    )
  })

  if (result) return <LinkResult link={result} sites={props.sites} now={now} onAnother={props.onBlank} />

  const site = draft.site && props.sites.find((s) => s.distributionId === draft.site?.distributionId)
  return (
    <form
      className="panel link-form renew-form"
      noValidate
      aria-labelledby="renew-title"
      onSubmit={submitTo(renew.run)}
    >
      <h2 id="renew-title">A new link like {draft.label ? `“${draft.label}”` : 'the earlier one'}</h2>
      <p className="hint">
        The same file, for as long as before ({describeDuration(draft.durationSeconds)}) or as long as you
        choose. The earlier link stays in History as it was.
      </p>
      <dl className="facts renew-facts">
        <dt>File</dt>
        <dd>
          {draft.site ? (
            <>
              {site ? `${siteName(site)}: ` : `${draft.site.address}: `}
              <strong>{draft.site.path}</strong>
            </>
          ) : (
            readableUrl(draft.url)
          )}
        </dd>
        {draft.resource && (
          <>
            <dt>Opens</dt>
            <dd>Files matching {readableUrl(draft.resource)}</dd>
          </>
        )}
        {draft.kind === 'cookies' && (
          <>
            <dt>Made as</dt>
            <dd>Signed cookies</dd>
          </>
        )}
        {draft.startsAfterSeconds !== undefined && (
          <>
            <dt>Starts</dt>
            <dd>{describeDuration(draft.startsAfterSeconds)} after it is made</dd>
          </>
        )}
        {draft.ipAddress && (
          <>
            <dt>Only from</dt>
            <dd>{draft.ipAddress}</dd>
          </>
        )}
        {draft.key && (
          <>
            <dt>Key</dt>
            <dd>{draft.key.name}</dd>
          </>
        )}
      </dl>
      {!draft.key && <KeyGone draft={draft} keys={props.keys} value={otherKey} onChange={setOtherKey} />}
      <ExpiryPicker value={expiry} onChange={setExpiry} now={now} />
      <Field label="Label (optional)" hint="Who or what it is for, to find it again in History.">
        {(control) => (
          <input
            {...control}
            type="text"
            maxLength={500}
            value={label}
            onChange={(event) => setLabel(event.target.value)}
          />
        )}
      </Field>
      <ErrorNotice error={renew.error} />
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={renew.busy || (!draft.key && !otherKey)}>
          {renew.busy ? 'Making the link…' : 'Make the new link'}
        </button>
        <button type="button" className="button" onClick={props.onBlank}>
          Start from an empty form
        </button>
      </div>
    </form>
  )
}

/** The earlier link's key is not here: say why, and offer the keys Keyfront holds. */
function KeyGone(props: {
  draft: RenewalDraft
  keys: KeySummary[]
  value: string
  onChange: (id: string) => void
}) {
  const { draft } = props
  const navigate = useNavigate()
  const why =
    draft.keyMissing === 'key-file'
      ? 'The earlier link was made with a key file that Keyfront does not hold. Import that key in Keys to make the same link, or choose a key this site trusts.'
      : 'The key that made the earlier link was deleted from Keyfront. Choose another key this site trusts.'
  return (
    <div className="notice notice-warn renew-key-gone">
      <p>
        {why}
        {draft.siteKey ? ` “${draft.siteKey.name}” is the key the site was set up with.` : ''}
      </p>
      {props.keys.length > 0 ? (
        <KeyPicker keys={props.keys} value={props.value} onChange={props.onChange} />
      ) : (
        <>
          <p>Keyfront holds no key now: add or import one in Keys, then make the new link from History.</p>
          <button type="button" className="button" onClick={() => navigate({ screen: 'keys' })}>
            Go to Keys
          </button>
        </>
      )}
    </div>
  )
}
