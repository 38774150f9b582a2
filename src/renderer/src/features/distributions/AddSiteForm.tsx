// "Add a site": a site someone else restricted to signed links (another computer, the AWS console)
// joins this computer's list, so New link offers it. The user picks it from the account or types
// its address, then one of their keys it accepts (only those are offered), and which of its paths
// need a link. CloudFront is read, never changed.
import { useState } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { Field, FieldGroup } from '../../components/Field.tsx'
import { FormActions } from '../../components/FormActions.tsx'
import { call, submitTo, useAction, useRead } from '../../lib/server-state.ts'
import type { DistributionInfo, SignedSite, SiteKeyChoice } from '../../../../shared/contract/cloudfront.ts'
import { behaviorLabel } from './format.ts'

const TYPED = 'typed'

export function AddSiteForm(props: {
  profile: string | undefined
  distributions: DistributionInfo[]
  onAdded: (site: SignedSite) => void
  onCancel: () => void
}) {
  const [picked, setPicked] = useState('')
  const [address, setAddress] = useState('')
  // The typed address is looked up when the user asks (Enter or "Find"), not on every keystroke.
  const [lookedUp, setLookedUp] = useState('')
  const distribution = picked === TYPED ? lookedUp : picked
  const candidate = useRead(
    'cloudfront.siteCandidate',
    { profile: props.profile, distribution },
    { enabled: distribution !== '' },
  )
  const keys = candidate.data?.keys ?? []
  const [keyId, setKeyId] = useState<string>()
  const key = keys.find((k) => k.keyId === keyId) ?? keys[0]
  const [left, setLeft] = useState<string[]>([])
  const paths = key ? key.restrictedPaths.filter((p) => !left.includes(p)) : []

  const add = useAction(async () => {
    if (!candidate.data || !key) throw new Error('Choose a site and a key first.')
    if (paths.length === 0) throw new Error('Keep at least one place that needs a link.')
    props.onAdded(
      await call('cloudfront.addSite', {
        profile: props.profile,
        distribution: candidate.data.distributionId,
        key: key.keyId,
        paths,
      }),
    )
  })
  const choose = (next: SiteKeyChoice) => {
    setKeyId(next.keyId)
    setLeft([])
  }

  return (
    <form className="panel inset" aria-label="Add a site" onSubmit={submitTo(add.run)}>
      <p className="hint">
        For a site that already accepts only signed links — set up on another computer or by your admin — and
        one of your keys opens. Nothing changes in AWS.
      </p>
      <Field label="Site">
        {(control) => (
          <select
            {...control}
            value={picked}
            autoFocus
            onChange={(event) => {
              setPicked(event.target.value)
              setKeyId(undefined)
              setLeft([])
            }}
          >
            <option value="">Choose a site…</option>
            {props.distributions.map((d) => (
              <option key={d.id} value={d.id}>
                {[d.aliases[0] ?? d.domainName, d.comment].filter(Boolean).join(' — ')}
              </option>
            ))}
            <option value={TYPED}>Another site: type its address…</option>
          </select>
        )}
      </Field>
      {picked === TYPED && (
        <>
          <Field
            label="Its address"
            hint="As in its links, e.g. files.example.com or d111111abcdef8.cloudfront.net"
          >
            {(control) => (
              <input
                {...control}
                type="text"
                value={address}
                spellCheck={false}
                onChange={(event) => setAddress(event.target.value)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') {
                    event.preventDefault()
                    setLookedUp(address.trim())
                  }
                }}
              />
            )}
          </Field>
          <div className="form-actions">
            <button type="button" className="button" onClick={() => setLookedUp(address.trim())}>
              Find the site
            </button>
          </div>
        </>
      )}
      <ErrorNotice error={candidate.error} />
      {candidate.isFetching && <p role="status">Looking at the site…</p>}
      {candidate.data && keys.length === 0 && (
        <p className="notice notice-warn" role="status">
          None of your keys opens this site. Ask whoever set it up to share its setup with you, or restrict it
          to one of your keys with “Restrict to signed links”.
        </p>
      )}
      {key && (
        <>
          <FieldGroup legend="Key that makes its links">
            {keys.map((k) => (
              <label key={k.keyId} className="choice">
                <input
                  type="radio"
                  name="site-key"
                  checked={k.keyId === key.keyId}
                  onChange={() => choose(k)}
                />
                {k.keyName}
              </label>
            ))}
          </FieldGroup>
          <FieldGroup legend="Files that need a link" hint="Keyfront marks other files as open to anyone.">
            {key.restrictedPaths.map((path) => (
              <label key={path} className="choice">
                <input
                  type="checkbox"
                  checked={!left.includes(path)}
                  onChange={(event) =>
                    setLeft((was) => (event.target.checked ? was.filter((p) => p !== path) : [...was, path]))
                  }
                />
                {path === '*' ? behaviorLabel('default') : path}
              </label>
            ))}
          </FieldGroup>
        </>
      )}
      <ErrorNotice error={add.error} />
      <FormActions label="Save" busy={add.busy} disabled={!key} onCancel={props.onCancel} />
    </form>
  )
}
