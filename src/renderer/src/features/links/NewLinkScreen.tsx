// New link: a temporary link to a private file, for people who have never heard of a policy —
// "One link" (the default) or "Many links" (a list or a CSV file, signed in one go), starting from
// the duration and site chosen in Settings. Opened from a History entry, it makes a new link like
// that one instead. Without a key there is nothing to sign with, so the screen points to Keys
// first, or back to the welcome.
import { useRef, useState, type KeyboardEvent } from 'react'
import { DEFAULT_SETTINGS } from '../../../../shared/settings-defaults.ts'
import { useNavigate } from '../../app/navigation.tsx'
import { EmptyState } from '../../components/EmptyState.tsx'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { Screen } from '../../components/Screen.tsx'
import { useRead } from '../../lib/server-state.ts'
import { useNow } from '../../lib/use-now.ts'
import { BatchPanel } from './BatchPanel.tsx'
import { RenewForm } from './RenewForm.tsx'
import { SingleLinkForm, type LinkDefaults } from './SingleLinkForm.tsx'
import './links.css'

const TABS = [
  { id: 'one', label: 'One link' },
  { id: 'many', label: 'Many links' },
] as const
type Tab = (typeof TABS)[number]['id']

export function NewLinkScreen(props: { renewFrom?: number }) {
  const navigate = useNavigate()
  const keys = useRead('keys.list', undefined)
  // Sites onboarded here; if the file cannot be read, the form still works with a pasted URL.
  const sites = useRead('cloudfront.sites', undefined)
  // The defaults chosen in Settings; Keyfront's own when they cannot be read.
  const settings = useRead('settings.get', undefined)
  const now = useNow()
  const [tab, setTab] = useState<Tab>('one')
  const tabRefs = useRef<Record<Tab, HTMLButtonElement | null>>({ one: null, many: null })

  // Arrow keys move between tabs, as in any tab list.
  const onTabKey = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return
    const next: Tab = tab === 'one' ? 'many' : 'one'
    setTab(next)
    tabRefs.current[next]?.focus()
  }

  const list = keys.data ?? []
  // The forms take their first choices (site, key) from these lists when they open: wait for this
  // visit's answers rather than start from what an earlier visit read.
  const fresh = keys.isFetchedAfterMount && sites.isFetchedAfterMount && settings.isFetchedAfterMount
  const saved = settings.data ?? DEFAULT_SETTINGS
  const defaults: LinkDefaults = {
    expiry: { preset: saved.defaultDuration },
    ...(saved.defaultSite && { siteId: saved.defaultSite }),
  }
  return (
    <Screen
      title="New link"
      description="Make a link to a private file that works for as long as you choose."
    >
      <ErrorNotice error={keys.error ?? sites.error} />
      {fresh && props.renewFrom !== undefined && (
        <RenewForm
          entryId={props.renewFrom}
          keys={list}
          sites={sites.data ?? []}
          now={now}
          onBlank={() => navigate({ screen: 'links', visit: Date.now() })}
        />
      )}
      {fresh && keys.data && list.length === 0 && props.renewFrom === undefined && (
        <EmptyState
          title="Add a signing key first"
          action={
            <div className="form-actions centered">
              <button type="button" className="button primary" onClick={() => navigate({ screen: 'keys' })}>
                Go to Keys
              </button>
              <button type="button" className="button" onClick={() => navigate({ screen: 'welcome' })}>
                Help me get started
              </button>
            </div>
          }
        >
          <p>Every link is made with a key that your CloudFront site trusts.</p>
        </EmptyState>
      )}
      {fresh && list.length > 0 && props.renewFrom === undefined && (
        <>
          <div className="link-tabs" role="tablist" aria-label="What to make">
            {TABS.map((t) => (
              <button
                key={t.id}
                ref={(element) => {
                  tabRefs.current[t.id] = element
                }}
                type="button"
                role="tab"
                id={`link-tab-${t.id}`}
                aria-selected={tab === t.id}
                aria-controls={`link-panel-${t.id}`}
                tabIndex={tab === t.id ? 0 : -1}
                className="link-tab"
                onClick={() => setTab(t.id)}
                onKeyDown={onTabKey}
              >
                {t.label}
              </button>
            ))}
          </div>
          {/* Both stay mounted, so switching tabs loses nothing (a batch keeps its progress). */}
          <div role="tabpanel" id="link-panel-one" aria-labelledby="link-tab-one" hidden={tab !== 'one'}>
            <SingleLinkForm keys={list} sites={sites.data ?? []} defaults={defaults} now={now} />
          </div>
          <div role="tabpanel" id="link-panel-many" aria-labelledby="link-tab-many" hidden={tab !== 'many'}>
            <BatchPanel keys={list} sites={sites.data ?? []} defaults={defaults} now={now} />
          </div>
        </>
      )}
    </Screen>
  )
}
