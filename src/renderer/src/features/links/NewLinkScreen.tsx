// New link: a temporary link to a private file, for people who have never heard of a policy —
// "One link" (the default) or "Many links" (a list or a CSV file, signed in one go). Without a key
// there is nothing to sign with, so the screen points to Keys first, or back to the welcome.
import { useRef, useState, type KeyboardEvent } from 'react'
import { useNavigate } from '../../app/navigation.tsx'
import { EmptyState } from '../../components/EmptyState.tsx'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { Screen } from '../../components/Screen.tsx'
import { useCall } from '../../lib/use-call.ts'
import { BatchPanel } from './BatchPanel.tsx'
import { SingleLinkForm } from './SingleLinkForm.tsx'
import { useNow } from './use-now.ts'

const TABS = [
  { id: 'one', label: 'One link' },
  { id: 'many', label: 'Many links' },
] as const
type Tab = (typeof TABS)[number]['id']

export function NewLinkScreen() {
  const navigate = useNavigate()
  const keys = useCall('keys.list', undefined)
  // Sites onboarded here; if the file cannot be read, the form still works with a pasted URL.
  const sites = useCall('cloudfront.sites', undefined)
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

  const list = keys.value ?? []
  return (
    <Screen
      title="New link"
      description="Make a link to a private file that works for as long as you choose."
    >
      <ErrorNotice error={keys.error ?? sites.error} />
      {keys.value && list.length === 0 && (
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
          <p>Links are signed with a key that your CloudFront distribution trusts.</p>
        </EmptyState>
      )}
      {list.length > 0 && !sites.loading && (
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
            <SingleLinkForm keys={list} sites={sites.value ?? []} now={now} />
          </div>
          <div role="tabpanel" id="link-panel-many" aria-labelledby="link-tab-many" hidden={tab !== 'many'}>
            <BatchPanel keys={list} sites={sites.value ?? []} now={now} />
          </div>
        </>
      )}
    </Screen>
  )
}
