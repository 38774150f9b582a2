// Sites on this computer: the distributions onboarded from here, which New link offers under
// "Where is the file?". Read locally, so it shows even without a working AWS profile. Forgetting
// one only takes it off this computer's list — CloudFront is not changed and History keeps its links.
import { useRef, useState } from 'react'
import { ConfirmPanel } from '../../components/ConfirmPanel.tsx'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { call, useAction, useRead } from '../../lib/server-state.ts'
import type { SignedSite } from '../../../../shared/contract/cloudfront.ts'
import { siteAddresses } from '../../../../shared/site-link.ts'
import { behaviorLabel } from './format.ts'

export function SitesPanel() {
  const sites = useRead('cloudfront.sites', undefined)
  const [forgotten, setForgotten] = useState<string>()
  const heading = useRef<HTMLHeadingElement>(null)
  const list = sites.data ?? []
  if (list.length === 0 && !forgotten && !sites.error) return null

  const forgot = (address: string) => {
    setForgotten(address)
    // The item and its confirm are gone: keep keyboard users in this section.
    heading.current?.focus()
  }
  return (
    <section className="panel sites-panel" aria-labelledby="sites-title">
      <h2 id="sites-title" tabIndex={-1} ref={heading}>
        Sites on this computer
      </h2>
      <p>Distributions onboarded here. New link offers them under “Where is the file?”.</p>
      {forgotten && (
        <div className="notice notice-ok" role="status">
          <p>Forgot {forgotten}. New link no longer offers it.</p>
        </div>
      )}
      <ErrorNotice error={sites.error} />
      {list.length === 0 ? (
        <p>No site is remembered on this computer.</p>
      ) : (
        <ul className="sites-list">
          {list.map((site) => (
            <SiteItem key={site.distributionId} site={site} onForgotten={forgot} />
          ))}
        </ul>
      )}
    </section>
  )
}

function SiteItem(props: { site: SignedSite; onForgotten: (address: string) => void }) {
  const { site } = props
  const address = siteAddresses(site)[0] ?? site.distributionId
  const [confirming, setConfirming] = useState(false)
  const button = useRef<HTMLButtonElement>(null)
  const paths = site.restrictedPaths.map((p) => (p === '*' ? behaviorLabel('default') : p)).join(', ')
  return (
    <li>
      <div className="sites-item">
        <div>
          <span className="mono dist-wrap">{siteAddresses(site).join(', ')}</span>
          <p className="hint">
            {site.distributionId} · signed links only on {paths}
          </p>
        </div>
        <button
          type="button"
          ref={button}
          className="button"
          aria-label={`Forget ${address}…`}
          aria-expanded={confirming}
          onClick={() => setConfirming(true)}
        >
          Forget…
        </button>
      </div>
      {confirming && (
        <ForgetSiteConfirm
          site={site}
          address={address}
          onForgotten={() => props.onForgotten(address)}
          onCancel={() => {
            setConfirming(false)
            button.current?.focus()
          }}
        />
      )}
    </li>
  )
}

function ForgetSiteConfirm(props: {
  site: SignedSite
  address: string
  onForgotten: () => void
  onCancel: () => void
}) {
  const forget = useAction(async () => {
    await call('cloudfront.forgetSite', { distributionId: props.site.distributionId })
    props.onForgotten()
  })
  return (
    <ConfirmPanel
      questionId={`forget-site-${props.site.distributionId}`}
      question={
        <>
          <strong>Forget {props.address}?</strong> This only removes it from this computer’s list, so New link
          stops offering it — nothing changes in AWS, and its links stay in History.
        </>
      }
      action={forget}
      confirmLabel="Forget site"
      onCancel={props.onCancel}
    />
  )
}
