// The history as the screen scrolls through it: the first page for the current filters, more
// pages (keyset cursor) as the list nears its end, and local removal after a delete. A response
// for filters no longer current is dropped, so fast typing in the search box never shows stale rows.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { HistoryFilter, HistoryItem } from '../../../../shared/contract/history.ts'
import { call } from '../../lib/bridge.ts'

const PAGE_SIZE = 100

interface Pages {
  key: string
  entries: HistoryItem[]
  nextCursor?: string
  loading: boolean
  error?: unknown
}

export interface HistoryPages {
  entries: HistoryItem[]
  hasMore: boolean
  /** True until the first page for the current filters has arrived. */
  loading: boolean
  error: unknown
  loadMore: () => void
  remove: (id: number) => void
}

export function useHistoryPages(filter: HistoryFilter): HistoryPages {
  const key = JSON.stringify(filter)
  const [pages, setPages] = useState<Pages>({ key, entries: [], loading: true })
  const latest = useRef(key)
  const requested = useRef<string | undefined>(undefined)

  const load = useCallback(
    (cursor: string | undefined) => {
      const request = `${key}|${cursor ?? ''}`
      if (requested.current === request) return
      requested.current = request
      call('history.list', { ...filter, limit: PAGE_SIZE, ...(cursor !== undefined && { cursor }) }).then(
        (page) => {
          if (latest.current !== key) return
          setPages((previous) => ({
            key,
            entries:
              cursor !== undefined && previous.key === key
                ? [...previous.entries, ...page.entries]
                : page.entries,
            ...(page.nextCursor !== undefined && { nextCursor: page.nextCursor }),
            loading: false,
          }))
        },
        (error: unknown) => {
          if (latest.current === key) setPages({ key, entries: [], loading: false, error })
        },
      )
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` captures the filter
    [key],
  )

  useEffect(() => {
    latest.current = key
    load(undefined)
  }, [key, load])

  const current: Pages = pages.key === key ? pages : { key, entries: [], loading: true }
  const nextCursor = current.nextCursor
  const loadMore = useCallback(() => {
    if (nextCursor !== undefined) load(nextCursor)
  }, [load, nextCursor])
  const remove = useCallback(
    (id: number) =>
      setPages((previous) => ({ ...previous, entries: previous.entries.filter((entry) => entry.id !== id) })),
    [],
  )
  return {
    entries: current.entries,
    hasMore: nextCursor !== undefined,
    loading: current.loading,
    error: current.error,
    loadMore,
    remove,
  }
}
