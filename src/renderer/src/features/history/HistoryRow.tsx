// One link of the history, in a fixed-height row: status chip and label, where the file is (site
// name and readable path), key and dates, and its actions — make a new link like it (once it has
// stopped working or soon will), copy it again (only while it works), inspect, delete (asked once
// more, in place). A link whose key was deleted says it cannot be made the same again, and until
// when the original still works. How the row is laid out, and so how tall it is, depends on the
// width the list has: the facts are never cut short to make room for the buttons.
import { useState } from 'react'
import type { SignedSite } from '../../../../shared/contract/cloudfront.ts'
import type { HistoryItem } from '../../../../shared/contract/history.ts'
import { canRenew, expiryText, formatDay, goneKeyExpiryText, statusChip, whereText } from './format.ts'

/**
 * Wide: the actions beside the status and label, the file and the dates under both. Medium: the
 * actions on a line of their own. Narrow: room for them, and for the key and dates, on two lines.
 */
export type RowLayout = 'wide' | 'medium' | 'narrow'

/** Each layout's row height in pixels (history.css lays the rows out to fit). */
export const ROW_HEIGHT: Record<RowLayout, number> = { wide: 96, medium: 128, narrow: 188 }

/**
 * The layout for a list this wide. Four actions take about 500 pixels, beside the label once a label
 * of some length still fits next to them. The longest line of key and dates (a deleted key's, or a
 * renewed link's) takes about 700: below that, it is given two lines.
 */
export function rowLayout(listWidth: number): RowLayout {
  if (listWidth === 0 || listWidth >= 880) return 'wide'
  return listWidth >= 740 ? 'medium' : 'narrow'
}

export interface RowActions {
  renew: (item: HistoryItem) => void
  copy: (item: HistoryItem) => void
  inspect: (item: HistoryItem) => void
  remove: (item: HistoryItem) => void
}

export function HistoryRow(props: {
  item: HistoryItem
  sites: readonly SignedSite[]
  now: number
  actions: RowActions
  /** "Copy again" with the menu's shortcut, for its tooltip. */
  copyTitle: string
}) {
  const { item, now, actions } = props
  const [confirming, setConfirming] = useState(false)
  const chip = statusChip(item, now)
  const titleId = `history-${item.id}-title`
  const keyGone = item.keyName === undefined
  const where = whereText(item, props.sites)
  return (
    <div className="history-row" data-entry-id={item.id}>
      <div className="history-main">
        <div className="history-title" id={titleId}>
          <span className={`chip ${chip.tone}`}>{chip.text}</span>
          <strong title={item.label}>{item.label ?? 'No label'}</strong>
        </div>
        <div className="history-url" title={where}>
          {where}
        </div>
        <div className="history-meta">
          {keyGone ? (
            <>
              <span className="history-key-gone">
                {item.keyFile
                  ? 'Key file: import it to make this again'
                  : 'Key deleted: cannot be copied again'}
              </span>
              <span>{goneKeyExpiryText(item, now)}</span>
            </>
          ) : (
            <>
              <span>Key “{item.keyName}”</span>
              <span>{expiryText(item, now)}</span>
              <span>Made {formatDay(item.createdAt)}</span>
            </>
          )}
          {item.renewedAs !== undefined && <span>Made again as a newer link</span>}
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
            {canRenew(item, now) && (
              <button
                type="button"
                className="button primary"
                aria-describedby={titleId}
                onClick={() => actions.renew(item)}
              >
                Make a new link like this…
              </button>
            )}
            {item.canCopyAgain && (
              <button
                type="button"
                className="button"
                title={props.copyTitle}
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
