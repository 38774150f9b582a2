// "Used by": where a key is used and what its links still need — the key's life at a glance, with
// what can be done next (upload it, replace it, retire it, stop its links). What this computer knows
// shows at once: its status, the links in History still working and the last one's expiry, the sites
// here that sign with it. What CloudFront holds — the key groups with the key, and the distributions
// and paths that trust them — is read from the chosen AWS account.
import { useState } from 'react'
import { useNavigate } from '../../app/navigation.tsx'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { call, useAction, useRead } from '../../lib/server-state.ts'
import { useNow } from '../../lib/use-now.ts'
import { friendlyWhen, friendlyWhenFromNow } from '../../lib/when.ts'
import type { UploadResult } from '../../../../shared/contract/cloudfront.ts'
import type { KeyStatusInfo, UsageGroup } from '../../../../shared/contract/key-lifecycle.ts'
import type { KeyDetails } from '../../../../shared/contract/keys.ts'
import { siteName } from '../../../../shared/site-link.ts'
import { links, pathLabel, shortDay } from './lifecycle-words.ts'
import { ProfileSelect } from './ProfileSelect.tsx'
import './lifecycle.css'

export type LifecycleAction = 'replace' | 'retire' | 'stop'

export function KeyUsagePanel(props: {
  details: KeyDetails
  status: KeyStatusInfo | undefined
  profile: string | undefined
  onProfileChange: (profile: string | undefined) => void
  onAction: (action: LifecycleAction) => void
}) {
  if (props.details.legacy) return <LegacyUsage />
  return <KeyGroupUsage {...props} />
}

/**
 * A legacy key pair is one of the account's trusted signers, in no key group: there is nothing to
 * upload, replace in or retire from, so the panel says where it stands and what to do instead.
 */
function LegacyUsage() {
  const navigate = useNavigate()
  return (
    <section className="key-usage" aria-labelledby="key-usage-title">
      <h3 id="key-usage-title">Used by</h3>
      <div className="notice notice-warn" role="note" aria-label="Legacy key pair">
        <p>
          This is a legacy key pair: CloudFront trusts it through the AWS account’s trusted signers, not
          through a key group, so Keyfront cannot show where it is used, replace it or retire it. To move off
          it, make a new key and restrict your distributions with it; then remove the old key pair in the AWS
          console (Security credentials → CloudFront key pairs).
        </p>
        <button
          type="button"
          className="button"
          onClick={() => navigate({ screen: 'distributions', param: 'onboard' })}
        >
          Restrict a distribution with a new key…
        </button>
      </div>
    </section>
  )
}

function KeyGroupUsage(props: Parameters<typeof KeyUsagePanel>[0]) {
  const { details, status } = props
  const now = useNow()
  const navigate = useNavigate()
  const uploaded = details.uploads.length > 0
  const sites = useRead('cloudfront.sites', undefined)
  const keyPairIds = details.uploads.map((u) => u.keyPairId)
  const ownSites = (sites.data ?? []).filter(
    (site) => site.keyId === details.id || keyPairIds.includes(site.keyPairId),
  )
  const usage = useRead('keys.usage', { key: details.id, profile: props.profile }, { enabled: uploaded })
  const [uploadedAs, setUploadedAs] = useState<UploadResult>()
  const upload = useAction(async () => {
    setUploadedAs(await call('cloudfront.upload', { key: details.id, profile: props.profile }))
  })
  const live = status?.liveLinks ?? 0
  const lastExpiry = status?.lastLinkExpiresAt
  const state = status?.status ?? (uploaded ? 'in-use' : 'not-uploaded')

  return (
    <section className="key-usage" aria-labelledby="key-usage-title">
      <h3 id="key-usage-title">Used by</h3>
      <p className="hint">
        CloudFront accepts a link when the path asked for trusts a key group — a set of up to five public keys
        — that holds the key it was signed with.
      </p>
      <StatusNote status={status} now={now} />
      <div className="key-usage-account">
        <ProfileSelect
          profile={props.profile}
          onChange={props.onProfileChange}
          accountId={usage.data?.accountId}
        />
      </div>
      {!uploaded && (
        <div className="notice notice-warn" role="note" aria-label="Not uploaded">
          <p>
            CloudFront does not have this key yet, so no link signed with it works. Upload its public key,
            then restrict a distribution with it.
          </p>
        </div>
      )}
      <dl className="facts key-usage-facts">
        <dt>Links still working</dt>
        <dd>
          {live === 0 || lastExpiry === undefined
            ? 'None in History'
            : `${links(live)}, the last until ${friendlyWhenFromNow(lastExpiry, now)}`}
        </dd>
        <dt>Sites on this computer</dt>
        <dd>{ownSites.length === 0 ? 'None' : ownSites.map((site) => siteName(site)).join(', ')}</dd>
        {uploaded && (
          <>
            <dt>Key groups</dt>
            <dd aria-busy={usage.isPending}>
              {usage.isPending && <span className="hint">Reading CloudFront…</span>}
              {usage.data && <GroupList groups={usage.data.keyGroups} />}
            </dd>
          </>
        )}
      </dl>
      {uploadedAs && (
        <div className="notice notice-ok" role="status">
          <p>
            {uploadedAs.reused
              ? `CloudFront already had this public key, as ${uploadedAs.publicKeyId}: Keyfront now signs with it.`
              : `Uploaded to CloudFront as ${uploadedAs.publicKeyId}.`}{' '}
            For CloudFront to check links against it, restrict a distribution with this key.
          </p>
          <button
            type="button"
            className="button"
            onClick={() => navigate({ screen: 'distributions', param: 'onboard' })}
          >
            Restrict a distribution…
          </button>
        </div>
      )}
      <ErrorNotice error={usage.error} />
      <ErrorNotice error={upload.error} />
      <div className="form-actions key-usage-actions">
        {!uploaded && (
          <button
            type="button"
            className="button primary"
            disabled={upload.busy}
            aria-busy={upload.busy}
            onClick={() => void upload.run()}
          >
            {upload.busy ? 'Uploading…' : 'Upload to CloudFront'}
          </button>
        )}
        {state === 'in-use' && (
          <button type="button" className="button primary" onClick={() => props.onAction('replace')}>
            Replace key…
          </button>
        )}
        {uploaded && (
          <button
            type="button"
            className={state === 'can-be-retired' ? 'button primary' : 'button'}
            onClick={() => props.onAction('retire')}
          >
            Retire…
          </button>
        )}
        {uploaded && (
          <button type="button" className="button danger" onClick={() => props.onAction('stop')}>
            Stop all links signed with this key…
          </button>
        )}
      </div>
    </section>
  )
}

/** Where the key is in its life, when that is more than "in use". */
function StatusNote(props: { status: KeyStatusInfo | undefined; now: number }) {
  const { status, now } = props
  if (!status || (status.status !== 'retiring' && status.status !== 'can-be-retired')) return null
  const replaced = status.replacedBy ? `, replaced by “${status.replacedBy.name}”` : ''
  const since =
    status.retiringSince === undefined
      ? ''
      : ` since ${shortDay(Math.floor(status.retiringSince / 1000), now)}`
  if (status.status === 'can-be-retired') {
    return (
      <div className="notice notice-ok" role="note" aria-label="Can be retired">
        <p>
          Retiring{since}
          {replaced}. Its last link has expired, so retiring it now stops nothing.
        </p>
      </div>
    )
  }
  return (
    <div className="notice notice-warn" role="note" aria-label="Retiring">
      <p>
        Retiring{since}
        {replaced}. It stays in its key groups while links signed with it still work
        {status.lastLinkExpiresAt === undefined
          ? ''
          : `: the last until ${friendlyWhen(status.lastLinkExpiresAt, now)}`}
        . Keyfront tells you when it can be retired.
      </p>
    </div>
  )
}

function GroupList(props: { groups: UsageGroup[] }) {
  if (props.groups.length === 0) {
    return <span>None: no distribution trusts this key yet.</span>
  }
  return (
    <ul className="key-usage-groups">
      {props.groups.map((group) => (
        <li key={group.id}>
          <span className="mono">{group.name}</span>{' '}
          <span className="hint">({group.keys.length} of 5 keys)</span>
          {group.distributions.length === 0 ? (
            <span className="key-usage-paths hint">No distribution trusts this group.</span>
          ) : (
            group.distributions.map((d) => (
              <span key={d.id} className="key-usage-paths">
                Trusted by <span className="mono">{d.domainName}</span> for{' '}
                {d.behaviors.map(pathLabel).join(', ')}
              </span>
            ))
          )}
        </li>
      ))}
    </ul>
  )
}
