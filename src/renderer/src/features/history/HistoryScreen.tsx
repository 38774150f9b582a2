// History: every link made with Keyfront, newest first — find one (or those expiring soon), make a
// new link like it, copy it again while it works (signed anew: for RSA keys the very same link),
// inspect it, delete the entry, or export the list as CSV.
import { useCallback, useRef, useState } from 'react'
import type { HistoryFilter } from '../../../../shared/contract/history.ts'
import { EXPIRING_SOON_SECONDS } from '../../../../shared/expiry.ts'
import { useNavigate } from '../../app/navigation.tsx'
import { EmptyState } from '../../components/EmptyState.tsx'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { Screen } from '../../components/Screen.tsx'
import { VirtualList } from '../../components/VirtualList.tsx'
import { useCommand } from '../../lib/commands.ts'
import { call, useRead } from '../../lib/server-state.ts'
import { useShortcutTitle } from '../../lib/shortcuts.ts'
import { useNow } from '../../lib/use-now.ts'
import { useWidth } from '../../lib/use-width.ts'
import { ExportPanel } from './ExportPanel.tsx'
import { HistoryFilters } from './HistoryFilters.tsx'
import { HistoryRow, ROW_HEIGHT, rowLayout, type RowActions } from './HistoryRow.tsx'
import { copiedAgainText, entryName } from './format.ts'
import { useHistoryPages } from './use-history-pages.ts'
import './history.css'

type Notice = { text: string; tone: 'ok' | 'warn' } | { error: unknown }

export function HistoryScreen(props: { focusSearch?: boolean }) {
  const navigate = useNavigate()
  // The clock the status chips are computed against, moved on every minute.
  const now = useNow(60_000)
  const [filter, setFilter] = useState<HistoryFilter>({})
  const [resets, setResets] = useState(0)
  const [exporting, setExporting] = useState(false)
  const [notice, setNotice] = useState<Notice>()
  const search = useRef<HTMLInputElement>(null)
  const info = useRead('history.info', undefined)
  const keys = useRead('history.latestExpiryPerKey', undefined)
  const expiring = useRead('history.expiringCount', undefined).data?.count ?? 0
  // To name sites in the filter and the rows; addresses are shown when a site is not known.
  const sites = useRead('cloudfront.sites', undefined)
  const pages = useHistoryPages(filter)
  const copyTitle = useShortcutTitle('copy-link')('Copy again')
  // The rows' layout (and so their height) follows the width the list is given.
  const [measured, listWidth] = useWidth()
  const layout = rowLayout(listWidth)

  const filtered = Object.values(filter).some((value) => value !== undefined)
  const changeFilter = useCallback((next: HistoryFilter) => setFilter(next), [])
  const showFilter = (next: HistoryFilter) => {
    setFilter(next)
    setResets((n) => n + 1)
  }

  const actions: RowActions = {
    renew: (item) => navigate({ screen: 'links', param: String(item.id) }),
    copy: (item) => {
      setNotice(undefined)
      call('history.copyAgain', { id: item.id })
        .then(async (signed) => {
          const text =
            signed.kind === 'url'
              ? signed.url
              : signed.cookies.map((cookie) => `Set-Cookie: ${cookie.setCookie}`).join('\n')
          await navigator.clipboard.writeText(text)
          setNotice({ tone: 'ok', text: copiedAgainText(item, signed.sameLink, Date.now()) })
        })
        .catch((error: unknown) => setNotice({ error }))
    },
    inspect: (item) => {
      call('history.copyAgain', { id: item.id })
        .then((signed) => {
          if (signed.kind === 'url') navigate({ screen: 'inspect', param: signed.url })
        })
        .catch((error: unknown) => setNotice({ error }))
    },
    remove: (item) => {
      call('history.delete', { id: item.id })
        .then(() => {
          setNotice({
            tone: 'ok',
            text: `Deleted ${entryName(item)} from the history. The link itself still works until it expires.`,
          })
        })
        .catch((error: unknown) => setNotice({ error }))
    },
  }

  // The menu's Search History, while History is open; Copy the Link copies the row that has focus.
  useCommand('search-history', () => {
    search.current?.focus()
    return search.current !== null
  })
  useCommand('copy-link', () => {
    const row = document.activeElement?.closest<HTMLElement>('[data-entry-id]')
    const item = pages.entries.find((entry) => String(entry.id) === row?.dataset.entryId)
    if (!item?.canCopyAgain) return false
    actions.copy(item)
    return true
  })

  const empty = !pages.loading && !pages.error && pages.entries.length === 0
  return (
    <Screen
      title="History"
      focusHeading={!props.focusSearch}
      description="Every link made with Keyfront. Keyfront keeps what it needs to make each link again — never the link itself."
      actions={
        !exporting && (pages.entries.length > 0 || filtered) ? (
          <button type="button" className="button history-export-button" onClick={() => setExporting(true)}>
            Export CSV…
          </button>
        ) : undefined
      }
    >
      {expiring > 0 && filter.expiringWithin === undefined && (
        <div className="notice notice-warn history-expiring">
          <p>
            {expiring === 1 ? '1 link stops' : `${expiring.toLocaleString()} links stop`} working in the next
            48 hours.
          </p>
          <button
            type="button"
            className="button"
            onClick={() => showFilter({ expiringWithin: EXPIRING_SOON_SECONDS })}
          >
            Show {expiring === 1 ? 'it' : 'them'}
          </button>
        </div>
      )}
      {notice && 'error' in notice && <ErrorNotice error={notice.error} />}
      <div
        role="status"
        className={notice && 'text' in notice ? `notice notice-${notice.tone}` : 'visually-hidden'}
      >
        {notice && 'text' in notice && <p>{notice.text}</p>}
      </div>
      {exporting && (
        <ExportPanel
          filter={filter}
          onCancel={() => setExporting(false)}
          onDone={(text) => {
            setExporting(false)
            setNotice({ tone: 'ok', text })
          }}
        />
      )}
      <ErrorNotice error={pages.error} />
      {empty && !filtered ? (
        <EmptyState
          title="No links yet"
          action={
            <button type="button" className="button primary" onClick={() => navigate({ screen: 'links' })}>
              Make a new link
            </button>
          }
        >
          <p>Every link you make appears here, so you can copy it again or see when it stops working.</p>
        </EmptyState>
      ) : (
        <>
          <HistoryFilters
            key={resets}
            filter={filter}
            onChange={changeFilter}
            keys={keys.data ?? []}
            distributionIds={info.data?.distributionIds ?? []}
            sites={sites.data ?? []}
            searchRef={search}
            focusSearch={props.focusSearch}
          />
          {empty ? (
            <EmptyState
              title="No links match"
              action={
                <button type="button" className="button" onClick={() => showFilter({})}>
                  Show all links
                </button>
              }
            >
              <p>Try fewer words, or another status, key or site.</p>
            </EmptyState>
          ) : (
            <div ref={measured}>
              <VirtualList
                label="Links made with Keyfront, newest first"
                className={`history-list history-${layout}`}
                items={pages.entries}
                rowHeight={ROW_HEIGHT[layout]}
                hasMore={pages.hasMore}
                onNearEnd={pages.loadMore}
                rowKey={(item) => item.id}
                renderRow={(item) => (
                  <HistoryRow
                    item={item}
                    sites={sites.data ?? []}
                    now={now}
                    actions={actions}
                    copyTitle={copyTitle}
                  />
                )}
              />
            </div>
          )}
        </>
      )}
    </Screen>
  )
}
