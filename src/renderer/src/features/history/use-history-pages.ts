// The history as the screen scrolls through it: the first page for the current filters, then the
// next page (keyset cursor) each time the list nears its end. Answers for filters no longer current
// never show: each set of filters is its own cached read.
import { useCallback } from 'react'
import type { HistoryFilter, HistoryItem } from '../../../../shared/contract/history.ts'
import { useReadPages } from '../../lib/server-state.ts'

const PAGE_SIZE = 100

export interface HistoryPages {
  entries: HistoryItem[]
  hasMore: boolean
  /** True until the first page for the current filters has arrived. */
  loading: boolean
  error: unknown
  loadMore: () => void
}

export function useHistoryPages(filter: HistoryFilter): HistoryPages {
  const pages = useReadPages('history.list', { ...filter, limit: PAGE_SIZE })
  const { hasNextPage, isFetching, fetchNextPage } = pages
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetching) void fetchNextPage()
  }, [hasNextPage, isFetching, fetchNextPage])
  return {
    entries: pages.data?.pages.flatMap((page) => page.entries) ?? [],
    hasMore: hasNextPage,
    loading: pages.isPending,
    error: pages.error ?? undefined,
    loadMore,
  }
}
