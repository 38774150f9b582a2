// The frame of every screen: a heading that receives focus when the screen opens (so keyboard
// and screen-reader users land in the right place), an optional description, and actions.
import { useEffect, useRef, type ReactNode } from 'react'
import './screen.css'

export function Screen(props: {
  title: string
  /** False when the screen puts focus somewhere else as it opens (History's search, from the menu). */
  focusHeading?: boolean
  description?: ReactNode
  actions?: ReactNode
  children: ReactNode
}) {
  const heading = useRef<HTMLHeadingElement>(null)
  const focusHeading = props.focusHeading ?? true
  useEffect(() => {
    if (focusHeading) heading.current?.focus()
  }, [focusHeading])
  return (
    <section className="screen" aria-labelledby="screen-title">
      <header className="screen-header">
        <div>
          <h1 id="screen-title" tabIndex={-1} ref={heading}>
            {props.title}
          </h1>
          {props.description && <p className="screen-description">{props.description}</p>}
        </div>
        {props.actions && <div className="screen-actions">{props.actions}</div>}
      </header>
      {props.children}
    </section>
  )
}
