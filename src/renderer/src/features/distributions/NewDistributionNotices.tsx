// Warnings and notes about a bucket (encryption, public access, other distributions), each with
// what to do and, where it helps, a JSON statement to copy into the right policy.
import { useState } from 'react'
import type { OriginNotice } from '../../../../shared/contract/origin.ts'

export function NewDistributionNotices(props: {
  notices: OriginNotice[]
  /** Statements name the distribution's ARN: show them only once it exists. */
  snippets?: boolean
}) {
  const { notices, snippets = true } = props
  if (notices.length === 0) return null
  return (
    <ul className="nd-notices">
      {notices.map((notice) => (
        <li key={notice.title} className={`notice ${notice.level === 'warning' ? 'notice-warn' : 'nd-note'}`}>
          <p>
            <strong>
              {notice.level === 'warning' ? 'Warning: ' : 'Note: '}
              {notice.title}
            </strong>
          </p>
          <p>{notice.message}</p>
          {notice.fix && <p>{notice.fix}</p>}
          {notice.snippet &&
            (snippets ? (
              <Snippet text={notice.snippet} label={`Key policy statement for: ${notice.title}`} />
            ) : (
              <p>Keyfront shows the key policy statement to add once the distribution exists.</p>
            ))}
        </li>
      ))}
    </ul>
  )
}

function Snippet({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false)
  return (
    <div className="nd-snippet">
      <pre tabIndex={0} aria-label={label}>
        {text}
      </pre>
      <button
        type="button"
        className="button"
        onClick={() => void navigator.clipboard.writeText(text).then(() => setCopied(true))}
      >
        Copy statement
      </button>
      <span role="status" className="hint">
        {copied ? 'Copied.' : ''}
      </span>
    </div>
  )
}
