// The width an element is given, followed as the window is resized: for a layout whose height a
// script must know in advance (a virtual list's rows), which CSS alone cannot tell it.
import { useEffect, useState } from 'react'

/**
 * A ref to put on the element, and its width in CSS pixels: 0 until measured (and where layout is
 * not computed, as in jsdom). A callback ref, so an element that appears later is measured too.
 */
export function useWidth(): [(element: HTMLElement | null) => void, number] {
  const [element, setElement] = useState<HTMLElement | null>(null)
  const [width, setWidth] = useState(0)
  useEffect(() => {
    if (!element || typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(([entry]) => setWidth(entry?.contentRect.width ?? 0))
    observer.observe(element)
    return () => observer.disconnect()
  }, [element])
  return [setElement, width]
}
