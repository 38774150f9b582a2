// A list that renders only the rows in view (plus a few either side), so 100,000 entries scroll
// as smoothly as 10. Rows have one fixed height; the list fills the height it is given by CSS.
// It asks for more when the user nears the end, which suits keyset-paged data.
import { useEffect, useRef, useState, type ReactNode, type UIEvent } from 'react'
import './virtual-list.css'

const OVERSCAN = 4

export interface VirtualListProps<T> {
  items: readonly T[]
  rowHeight: number
  /** Names the list for screen readers. */
  label: string
  rowKey: (item: T) => string | number
  renderRow: (item: T, index: number) => ReactNode
  /** True while more items may follow: the set size is then announced as unknown. */
  hasMore?: boolean
  /** Called when the rows in view come within a screenful of the end. */
  onNearEnd?: () => void
  className?: string
}

/** The rows to render for a scroll position: those in view, and OVERSCAN more on each side. */
export function visibleRange(
  scrollTop: number,
  viewport: number,
  rowHeight: number,
  count: number,
): { start: number; end: number } {
  const start = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN)
  const end = Math.min(count, Math.ceil((scrollTop + viewport) / rowHeight) + OVERSCAN)
  return { start, end }
}

export function VirtualList<T>(props: VirtualListProps<T>) {
  const { items, rowHeight, onNearEnd } = props
  const outer = useRef<HTMLDivElement>(null)
  const [scrollTop, setScrollTop] = useState(0)
  // Until measured (and where layout is not computed, as in jsdom), assume one screenful.
  const [viewport, setViewport] = useState(800)

  useEffect(() => {
    const element = outer.current
    if (!element) return
    const measure = () => setViewport(element.clientHeight || 800)
    measure()
    if (typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  const { start, end } = visibleRange(scrollTop, viewport, rowHeight, items.length)
  const screenful = Math.ceil(viewport / rowHeight)

  useEffect(() => {
    if (end >= items.length - screenful) onNearEnd?.()
  }, [end, items.length, screenful, onNearEnd])

  const onScroll = (event: UIEvent<HTMLDivElement>) => setScrollTop(event.currentTarget.scrollTop)

  const rows: ReactNode[] = []
  for (let index = start; index < end; index++) {
    const item = items[index] as T
    rows.push(
      <div
        key={props.rowKey(item)}
        role="listitem"
        aria-posinset={index + 1}
        aria-setsize={props.hasMore ? -1 : items.length}
        className="virtual-row"
        style={{ top: index * rowHeight, height: rowHeight }}
      >
        {props.renderRow(item, index)}
      </div>,
    )
  }

  return (
    <div ref={outer} className={`virtual-list ${props.className ?? ''}`} onScroll={onScroll}>
      <div
        role="list"
        aria-label={props.label}
        className="virtual-track"
        style={{ height: items.length * rowHeight }}
      >
        {rows}
      </div>
    </div>
  )
}
