// The History screen's search box and filters: status (including "expiring soon"), key (including
// deleted ones that signed links) and site. Typing searches after a short pause, not on every key
// press.
import { useEffect, useState, type Ref } from 'react'
import type { SignedSite } from '../../../../shared/contract/cloudfront.ts'
import type { HistoryFilter, KeyExpiry } from '../../../../shared/contract/history.ts'
import { EXPIRING_SOON_SECONDS } from '../../../../shared/expiry.ts'
import { siteName } from '../../../../shared/site-link.ts'
import { Field } from '../../components/Field.tsx'

type StatusChoice = '' | 'active' | 'expiring' | 'expired'

function statusChoice(filter: HistoryFilter): StatusChoice {
  return filter.expiringWithin !== undefined ? 'expiring' : (filter.status ?? '')
}

/** The filter for a status choice: "expiring soon" is its own filter, not a status. */
function withStatus(filter: HistoryFilter, choice: StatusChoice): HistoryFilter {
  const { status: _status, expiringWithin: _within, ...rest } = filter
  if (choice === 'expiring') return { ...rest, expiringWithin: EXPIRING_SOON_SECONDS }
  return choice ? { ...rest, status: choice } : rest
}

const TYPING_PAUSE_MS = 200

export function HistoryFilters(props: {
  filter: HistoryFilter
  onChange: (filter: HistoryFilter) => void
  keys: KeyExpiry[]
  distributionIds: string[]
  /** Sites onboarded here: a site is shown by its name when it is one of them. */
  sites: SignedSite[]
  /** The search box, for the menu's Search History. */
  searchRef?: Ref<HTMLInputElement>
  /** Put the cursor in the search box as the filters appear. */
  focusSearch?: boolean
}) {
  const { filter, onChange } = props
  const [text, setText] = useState(filter.search ?? '')

  useEffect(() => {
    const search = text.trim()
    if (search === (filter.search ?? '')) return
    const timer = setTimeout(() => onChange({ ...filter, search: search || undefined }), TYPING_PAUSE_MS)
    return () => clearTimeout(timer)
  }, [text, filter, onChange])

  return (
    <form
      className="history-filters"
      role="search"
      aria-label="Find links"
      onSubmit={(event) => event.preventDefault()}
    >
      <Field label="Search labels and URLs" className="history-search">
        {(control) => (
          <input
            {...control}
            ref={props.searchRef}
            autoFocus={props.focusSearch}
            type="search"
            value={text}
            placeholder="e.g. invoice 42, report.pdf"
            onChange={(event) => setText(event.target.value)}
          />
        )}
      </Field>
      <Field label="Status">
        {(control) => (
          <select
            {...control}
            value={statusChoice(filter)}
            onChange={(event) => onChange(withStatus(filter, event.target.value as StatusChoice))}
          >
            <option value="">All links</option>
            <option value="active">Still working</option>
            <option value="expiring">Expiring soon (48 hours)</option>
            <option value="expired">Expired</option>
          </select>
        )}
      </Field>
      <Field label="Key">
        {(control) => (
          <select
            {...control}
            value={filter.keyId ?? ''}
            onChange={(event) => onChange({ ...filter, keyId: event.target.value || undefined })}
          >
            <option value="">All keys</option>
            {props.keys.map((key) => (
              <option key={key.keyId} value={key.keyId}>
                {key.keyName ?? `${key.keyFile ? 'Key file' : 'Deleted key'} (${key.keyPairIds.join(', ')})`}
              </option>
            ))}
          </select>
        )}
      </Field>
      {props.distributionIds.length > 0 && (
        <Field label="Site">
          {(control) => (
            <select
              {...control}
              value={filter.distributionId ?? ''}
              onChange={(event) => onChange({ ...filter, distributionId: event.target.value || undefined })}
            >
              <option value="">All sites</option>
              {props.distributionIds.map((id) => {
                const site = props.sites.find((s) => s.distributionId === id)
                return (
                  <option key={id} value={id}>
                    {site ? siteName(site) : `Forgotten site (${id})`}
                  </option>
                )
              })}
            </select>
          )}
        </Field>
      )}
    </form>
  )
}
