// The virtual list renders only the rows in view (100,000 items → a screenful of rows), follows
// scrolling, announces position and size to screen readers, and asks for more near the end.
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { VirtualList, visibleRange } from '../../src/renderer/src/components/VirtualList.tsx'

const items = Array.from({ length: 100_000 }, (_, i) => ({ id: i + 1, name: `link ${i + 1}` }))

function renderList(props: { hasMore?: boolean; onNearEnd?: () => void; list?: typeof items } = {}) {
  return render(
    <VirtualList
      label="Links"
      items={props.list ?? items}
      rowHeight={100}
      rowKey={(item) => item.id}
      renderRow={(item) => <span>{item.name}</span>}
      hasMore={props.hasMore}
      onNearEnd={props.onNearEnd}
    />,
  )
}

describe('VirtualList', () => {
  afterEach(cleanup)

  it('computes the rows in view plus a few either side', () => {
    expect(visibleRange(0, 800, 100, 100_000)).toEqual({ start: 0, end: 12 })
    expect(visibleRange(50_000, 800, 100, 100_000)).toEqual({ start: 496, end: 512 })
    expect(visibleRange(9_999_500, 800, 100, 100_000)).toEqual({ start: 99_991, end: 100_000 })
  })

  it('renders a screenful of 100,000 rows, sized for all of them', () => {
    renderList()
    const rows = screen.getAllByRole('listitem')
    expect(rows.length).toBe(12)
    expect(rows[0]?.textContent).toBe('link 1')
    expect(screen.getByRole('list', { name: 'Links' }).style.height).toBe('10000000px')
    expect(rows[3]?.getAttribute('aria-posinset')).toBe('4')
    expect(rows[3]?.getAttribute('aria-setsize')).toBe('100000')
  })

  it('follows scrolling: the rows in view change, the count stays small', () => {
    const { container } = renderList()
    const scroller = container.querySelector('.virtual-list') as HTMLElement
    fireEvent.scroll(scroller, { target: { scrollTop: 5_000_000 } })
    const rows = screen.getAllByRole('listitem')
    expect(rows.length).toBeLessThan(20)
    expect(screen.getByText('link 50001')).toBeTruthy()
    expect(screen.queryByText('link 1')).toBeNull()
    expect((rows[0] as HTMLElement).style.top).toBe(`${(50_001 - 1 - 4) * 100}px`)
  })

  it('asks for more when the end comes into view, and says the size is not known yet', () => {
    const onNearEnd = vi.fn()
    const { container } = renderList({ list: items.slice(0, 100), hasMore: true, onNearEnd })
    expect(onNearEnd).not.toHaveBeenCalled()
    expect(screen.getAllByRole('listitem')[0]?.getAttribute('aria-setsize')).toBe('-1')
    fireEvent.scroll(container.querySelector('.virtual-list') as HTMLElement, {
      target: { scrollTop: 8_500 },
    })
    expect(onNearEnd).toHaveBeenCalled()
  })
})
