// History: every link made with Keyfront, newest first — find one, copy it again (signed anew:
// for RSA keys the very same link), inspect it, delete the entry, or export the list as CSV.
import { useCallback, useEffect, useState } from 'react'
import type { HistoryFilter, HistoryItem } from '../../../../shared/contract/history.ts'
import { useNavigate } from '../../app/navigation.tsx'
import { EmptyState } from '../../components/EmptyState.tsx'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { Screen } from '../../components/Screen.tsx'
import { VirtualList } from '../../components/VirtualList.tsx'
import { call } from '../../lib/bridge.ts'
import { useCall } from '../../lib/use-call.ts'
import { ExportPanel } from './ExportPanel.tsx'
import { HistoryFilters } from './HistoryFilters.tsx'
import { HistoryRow, type RowActions } from './HistoryRow.tsx'
import { entryName } from './format.ts'
import { useHistoryPages } from './use-history-pages.ts'

const ROW_HEIGHT = 96

type Notice = { text: string; tone: 'ok' | 'warn' } | { error: unknown }

/** The clock the chips are computed against, moved on every minute. */
function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000)
    return () => clearInterval(timer)
  }, [])
  return now
}

export function HistoryScreen() {
  const navigate = useNavigate()
  const now = useMinuteClock()
  const [filter, setFilter] = useState<HistoryFilter>({})
  const [resets, setResets] = useState(0)
  const [exporting, setExporting] = useState(false)
  const [notice, setNotice] = useState<Notice>()
  const info = useCall('history.info', undefined)
  const keys = useCall('history.latestExpiryPerKey', undefined)
  // Only to name distributions by their address in the filter; ids are shown when unknown.
  const sites = useCall('cloudfront.sites', undefined)
  const pages = useHistoryPages(filter)

  const filtered = Object.values(filter).some((value) => value !== undefined)
  const changeFilter = useCallback((next: HistoryFilter) => setFilter(next), [])
  const clearFilters = () => {
    setFilter({})
    setResets((n) => n + 1)
  }

  const signAgain = async (item: HistoryItem) => call('history.copyAgain', { id: item.id })
  const actions: RowActions = {
    copy: (item) => {
      setNotice(undefined)
      signAgain(item)
        .then(async (signed) => {
          const text =
            signed.kind === 'url'
              ? signed.url
              : signed.cookies.map((cookie) => `Set-Cookie: ${cookie.setCookie}`).join('\n')
          await navigator.clipboard.writeText(text)
          const same = item.algorithm.startsWith('rsa')
            ? 'the same link as before'
            : 'a new link that works just like the first one'
          setNotice({ tone: 'ok', text: `Copied ${entryName(item)} to the clipboard: ${same}.` })
        })
        .catch((error: unknown) => setNotice({ error }))
    },
    inspect: (item) => {
      signAgain(item)
        .then((signed) => {
          if (signed.kind === 'url') navigate({ screen: 'inspect', param: signed.url })
        })
        .catch((error: unknown) => setNotice({ error }))
    },
    remove: (item) => {
      call('history.delete', { id: item.id })
        .then(() => {
          pages.remove(item.id)
          setNotice({
            tone: 'ok',
            text: `Deleted ${entryName(item)} from the history. The link itself still works until it expires.`,
          })
        })
        .catch((error: unknown) => setNotice({ error }))
    },
  }

  const empty = !pages.loading && !pages.error && pages.entries.length === 0
  return (
    <Screen
      title="History"
      description="Every link made with Keyfront. Keyfront keeps what it needs to make each link again — never the link itself."
      actions={
        !exporting && (pages.entries.length > 0 || filtered) ? (
          <button type="button" className="button history-export-button" onClick={() => setExporting(true)}>
            Export CSV…
          </button>
        ) : undefined
      }
    >
      {info.value?.recoveredFrom && (
        <div className="notice notice-warn" role="status">
          <p>
            Keyfront could not read its history file, so it moved it to{' '}
            <code>{info.value.recoveredFrom}</code> and started a new history. The links made before are kept
            in that file.
          </p>
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
            keys={keys.value ?? []}
            distributionIds={info.value?.distributionIds ?? []}
            sites={sites.value ?? []}
          />
          {empty ? (
            <EmptyState
              title="No links match"
              action={
                <button type="button" className="button" onClick={clearFilters}>
                  Show all links
                </button>
              }
            >
              <p>Try fewer words, or another status, key or distribution.</p>
            </EmptyState>
          ) : (
            <VirtualList
              label="Links made with Keyfront, newest first"
              className="history-list"
              items={pages.entries}
              rowHeight={ROW_HEIGHT}
              hasMore={pages.hasMore}
              onNearEnd={pages.loadMore}
              rowKey={(item) => item.id}
              renderRow={(item) => <HistoryRow item={item} now={now} actions={actions} />}
            />
          )}
        </>
      )}
    </Screen>
  )
}
