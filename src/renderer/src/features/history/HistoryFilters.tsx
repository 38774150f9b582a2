// The History screen's search box and filters: status, key (including deleted ones that signed
// links) and distribution. Typing searches after a short pause, not on every key press.
import { useEffect, useState } from 'react'
import type { SignedSite } from '../../../../shared/contract/cloudfront.ts'
import type { HistoryFilter, KeyExpiry } from '../../../../shared/contract/history.ts'
import { siteAddresses } from '../../../../shared/site-link.ts'

const TYPING_PAUSE_MS = 200

export function HistoryFilters(props: {
  filter: HistoryFilter
  onChange: (filter: HistoryFilter) => void
  keys: KeyExpiry[]
  distributionIds: string[]
  /** Sites onboarded here: a distribution is shown by its address when it is one of them. */
  sites: SignedSite[]
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
      <div className="field history-search">
        <label htmlFor="history-search">Search labels and URLs</label>
        <input
          id="history-search"
          type="search"
          value={text}
          placeholder="e.g. invoice 42, report.pdf"
          onChange={(event) => setText(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="history-status">Status</label>
        <select
          id="history-status"
          value={filter.status ?? ''}
          onChange={(event) =>
            onChange({ ...filter, status: (event.target.value || undefined) as HistoryFilter['status'] })
          }
        >
          <option value="">All links</option>
          <option value="active">Still working</option>
          <option value="expired">Expired</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="history-key">Key</label>
        <select
          id="history-key"
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
      </div>
      {props.distributionIds.length > 0 && (
        <div className="field">
          <label htmlFor="history-distribution">Distribution</label>
          <select
            id="history-distribution"
            value={filter.distributionId ?? ''}
            onChange={(event) => onChange({ ...filter, distributionId: event.target.value || undefined })}
          >
            <option value="">All distributions</option>
            {props.distributionIds.map((id) => {
              const site = props.sites.find((s) => s.distributionId === id)
              return (
                <option key={id} value={id}>
                  {site ? `${siteAddresses(site)[0] ?? id} (${id})` : id}
                </option>
              )
            })}
          </select>
        </div>
      )}
    </form>
  )
}
