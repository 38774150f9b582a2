// What a screen shows when it has nothing yet: what the area is for, and the one next step.
import type { ReactNode } from 'react'
import './empty-state.css'

export function EmptyState(props: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty-state" role="status">
      <h2>{props.title}</h2>
      <div className="empty-state-text">{props.children}</div>
      {props.action && <div className="empty-state-action">{props.action}</div>}
    </div>
  )
}
