// One link of the history, in a fixed-height row: status chip and label, the URL, key and dates,
// and its actions — copy again, inspect, delete (asked once more, in place). A link whose key was
// deleted says it cannot be made again, and until when the original still works.
import { useState } from 'react'
import type { HistoryItem } from '../../../../shared/contract/history.ts'
import { expiryText, formatDay, goneKeyExpiryText, statusChip } from './format.ts'

export interface RowActions {
  copy: (item: HistoryItem) => void
  inspect: (item: HistoryItem) => void
  remove: (item: HistoryItem) => void
}

export function HistoryRow(props: { item: HistoryItem; now: number; actions: RowActions }) {
  const { item, now, actions } = props
  const [confirming, setConfirming] = useState(false)
  const chip = statusChip(item, now)
  const titleId = `history-${item.id}-title`
  // Without its key a link cannot be signed again: only deleting the entry remains.
  const keyGone = item.keyName === undefined
  return (
    <div className="history-row">
      <div className="history-main">
        <div className="history-title" id={titleId}>
          <span className={`chip ${chip.tone}`}>{chip.text}</span>
          <strong>{item.label ?? 'No label'}</strong>
        </div>
        <div className="history-url mono" title={item.url}>
          {item.kind === 'cookies' ? `Cookies for ${item.resource}` : item.url}
        </div>
        <div className="history-meta">
          {keyGone ? (
            <>
              <span className="history-key-gone">
                {item.keyFile
                  ? 'Key file: import it to make this again'
                  : 'Key deleted: cannot be made again'}
              </span>
              <span>{goneKeyExpiryText(item, now)}</span>
            </>
          ) : (
            <>
              <span>Key “{item.keyName}”</span>
              <span>Made {formatDay(item.createdAt)}</span>
              <span>{expiryText(item, now)}</span>
            </>
          )}
        </div>
      </div>
      <div className="history-actions">
        {confirming ? (
          <>
            <span className="history-confirm">Delete from the history?</span>
            <button
              type="button"
              className="button danger"
              aria-describedby={titleId}
              onClick={() => actions.remove(item)}
            >
              Delete
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </>
        ) : (
          <>
            {!keyGone && (
              <button
                type="button"
                className="button"
                aria-describedby={titleId}
                onClick={() => actions.copy(item)}
              >
                Copy again
              </button>
            )}
            {!keyGone && item.kind === 'url' && (
              <button
                type="button"
                className="button"
                aria-describedby={titleId}
                onClick={() => actions.inspect(item)}
              >
                Inspect
              </button>
            )}
            <button
              type="button"
              className="button"
              aria-describedby={titleId}
              onClick={() => setConfirming(true)}
            >
              Delete…
            </button>
          </>
        )}
      </div>
    </div>
  )
}
