// Sites on this computer: the distributions onboarded from here, added by hand or imported from a
// colleague's setup file, which New link offers under "Where is the file?". Read locally, so it
// shows even without a working AWS profile (adding a site needs one; importing a setup does not).
// Forgetting one only takes it off this computer's list — CloudFront is not changed and History
// keeps its links. Sharing one writes its setup file for a colleague.
import { useRef, useState } from 'react'
import { ConfirmPanel } from '../../components/ConfirmPanel.tsx'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { call, useAction, useRead } from '../../lib/server-state.ts'
import type { DistributionInfo, SignedSite } from '../../../../shared/contract/cloudfront.ts'
import { siteAddresses, siteName } from '../../../../shared/site-link.ts'
import { ImportSetupForm, importedText } from '../setup/ImportSetupForm.tsx'
import { ShareSetupForm } from '../setup/ShareSetupForm.tsx'
import { AddSiteForm } from './AddSiteForm.tsx'
import { behaviorLabel } from './format.ts'

type Open = 'add' | 'import' | undefined

export function SitesPanel(props: {
  profile: string | undefined
  /** AWS said who this is: the account's sites can be listed, so one can be added. */
  signedIn: boolean
  distributions: DistributionInfo[]
}) {
  const sites = useRead('cloudfront.sites', undefined)
  const [notice, setNotice] = useState<string>()
  const [open, setOpen] = useState<Open>()
  const heading = useRef<HTMLHeadingElement>(null)
  const list = sites.data ?? []

  const done = (text: string) => {
    setNotice(text)
    setOpen(undefined)
    // The form or the item is gone: keep keyboard users in this section.
    heading.current?.focus()
  }
  const toggle = (which: Open) => {
    setNotice(undefined)
    setOpen(open === which ? undefined : which)
  }
  return (
    <section className="panel sites-panel" aria-labelledby="sites-title">
      <h2 id="sites-title" tabIndex={-1} ref={heading}>
        Sites on this computer
      </h2>
      <p>New link offers these under “Where is the file?”.</p>
      <div className="form-actions">
        {props.signedIn && (
          <button
            type="button"
            className="button"
            aria-expanded={open === 'add'}
            onClick={() => toggle('add')}
          >
            Add a site…
          </button>
        )}
        <button
          type="button"
          className="button"
          aria-expanded={open === 'import'}
          onClick={() => toggle('import')}
        >
          Import setup…
        </button>
      </div>
      {open === 'add' && (
        <AddSiteForm
          profile={props.profile}
          distributions={props.distributions}
          onAdded={(site) => done(`Added ${siteName(site)}. New link offers it now.`)}
          onCancel={() => setOpen(undefined)}
        />
      )}
      {open === 'import' && (
        <ImportSetupForm
          headingLevel={3}
          onImported={(result) => done(importedText(result, siteName(result.site)))}
          onCancel={() => setOpen(undefined)}
        />
      )}
      {notice && (
        <div className="notice notice-ok" role="status">
          <p>{notice}</p>
        </div>
      )}
      <ErrorNotice error={sites.error} />
      {list.length === 0 ? (
        <p>No site is remembered on this computer.</p>
      ) : (
        <ul className="sites-list">
          {list.map((site) => (
            <SiteItem key={site.distributionId} site={site} onDone={done} />
          ))}
        </ul>
      )}
    </section>
  )
}

function SiteItem(props: { site: SignedSite; onDone: (notice: string) => void }) {
  const { site } = props
  const address = siteAddresses(site)[0] ?? site.distributionId
  const [confirming, setConfirming] = useState(false)
  const [sharing, setSharing] = useState(false)
  const button = useRef<HTMLButtonElement>(null)
  const shareButton = useRef<HTMLButtonElement>(null)
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
        <div className="form-actions">
          <button
            type="button"
            ref={shareButton}
            className="button"
            aria-label={`Share this setup (${address})…`}
            aria-expanded={sharing}
            onClick={() => setSharing(true)}
          >
            Share this setup…
          </button>
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
      </div>
      {sharing && (
        <ShareSetupForm
          distributionId={site.distributionId}
          siteLabel={address}
          onDone={(savedTo) =>
            props.onDone(
              `Saved the setup of ${address} to ${savedTo}. Send the file, and tell its passphrase another way.`,
            )
          }
          onCancel={() => {
            setSharing(false)
            shareButton.current?.focus()
          }}
        />
      )}
      {confirming && (
        <ForgetSiteConfirm
          site={site}
          address={address}
          onForgotten={() => props.onDone(`Forgot ${address}. New link no longer offers it.`)}
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
