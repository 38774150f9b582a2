// "Browse files…" under "Where is the file?": the site's bucket, a folder at a time — breadcrumbs,
// a filter for the folder, sub-folders then files with size, kind and date, and a mark on files the
// site does not restrict (they open without a link). Choosing a file fills the path. Folders of any
// size stay smooth: rows are virtualized and further pages are read as the list nears its end.
// Up and Down move between rows.
import { useRef, useState, type KeyboardEvent } from 'react'
import type { FileEntry } from '../../../../shared/contract/files.ts'
import { formatSize } from '../../../../shared/file-size.ts'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { Field } from '../../components/Field.tsx'
import { VirtualList } from '../../components/VirtualList.tsx'
import { useReadPages } from '../../lib/server-state.ts'
import { BrowseUnavailable } from './BrowseUnavailable.tsx'
import { breadcrumbs, rowsOf, type Row } from './browse.ts'
import './files.css'

const ROW_HEIGHT = 44
/** The list grows with its rows up to this many, then scrolls. */
const ROWS_SHOWN = 10

export function FileBrowser(props: {
  distributionId: string
  onPick: (file: FileEntry) => void
  /** The folder shown while the list is open; undefined once it closes. */
  onBrowse?: (folder: string | undefined) => void
}) {
  const [open, setOpen] = useState(false)
  const show = (next: boolean) => {
    setOpen(next)
    props.onBrowse?.(next ? '' : undefined)
  }
  const [picked, setPicked] = useState<FileEntry>()
  const toggle = useRef<HTMLButtonElement>(null)
  const pick = (file: FileEntry) => {
    setPicked(file)
    show(false)
    props.onPick(file)
    // The row that had focus goes with the list: focus comes back to the button that opened it.
    toggle.current?.focus()
  }
  return (
    <div className="file-browser">
      <button
        ref={toggle}
        type="button"
        className="button"
        aria-expanded={open}
        aria-controls="file-browser-panel"
        onClick={() => show(!open)}
      >
        {open ? 'Close the file list' : 'Browse files…'}
      </button>
      <p role="status" className="hint">
        {picked && !open && (
          <>
            Chosen: <strong>{picked.path}</strong> · {formatSize(picked.size)} {picked.type}.
            {picked.public &&
              ' This file opens without a link through this site: anyone with its address can open it.'}
          </>
        )}
      </p>
      {open && (
        <div id="file-browser-panel" role="region" aria-label="Files on this site" className="panel inset">
          <Folder distributionId={props.distributionId} onPick={pick} onBrowse={props.onBrowse} />
        </div>
      )}
    </div>
  )
}

function Folder(props: {
  distributionId: string
  onPick: (file: FileEntry) => void
  onBrowse?: ((folder: string) => void) | undefined
}) {
  const [folder, setFolder] = useState('')
  const [filter, setFilter] = useState('')
  const pages = useReadPages('files.browse', { distributionId: props.distributionId, folder })
  const loaded = pages.data?.pages ?? []
  const unavailable = loaded[0]?.unavailable
  const rows = rowsOf(loaded, filter)
  const open = (next: string) => {
    setFolder(next)
    setFilter('')
    props.onBrowse?.(next)
  }
  const more = () => {
    if (pages.hasNextPage && !pages.isFetchingNextPage) void pages.fetchNextPage()
  }
  return (
    <>
      <nav aria-label="Folder">
        <ol className="file-breadcrumbs">
          {breadcrumbs(folder).map((crumb, i, all) => (
            <li key={crumb.folder}>
              {i === all.length - 1 ? (
                <span aria-current="location">{crumb.name}</span>
              ) : (
                <button type="button" className="link-button" onClick={() => open(crumb.folder)}>
                  {crumb.name}
                </button>
              )}
            </li>
          ))}
        </ol>
      </nav>
      <ErrorNotice error={pages.error} />
      {unavailable ? (
        <BrowseUnavailable unavailable={unavailable} />
      ) : (
        <>
          <Field label="Filter this folder" hint="Shows the names that contain what you type.">
            {(control) => (
              <input
                {...control}
                type="search"
                autoComplete="off"
                spellCheck={false}
                value={filter}
                onChange={(event) => setFilter(event.target.value)}
              />
            )}
          </Field>
          <p role="status" className="hint">
            {pages.isPending ? 'Reading the folder…' : summary(rows, pages.hasNextPage)}
          </p>
          {rows.length > 0 && (
            <div
              onKeyDown={moveBetweenRows}
              className="file-list-box"
              style={{ height: Math.min(rows.length, ROWS_SHOWN) * ROW_HEIGHT + 2 }}
            >
              <VirtualList
                items={rows}
                rowHeight={ROW_HEIGHT}
                label={`Folders and files in ${folder || 'the top folder'}`}
                rowKey={(row) => `${row.kind} ${row.path}`}
                hasMore={pages.hasNextPage}
                onNearEnd={more}
                className="file-list"
                renderRow={(row, index) => (
                  <RowButton
                    row={row}
                    index={index}
                    onOpen={() => (row.kind === 'folder' ? open(row.path) : props.onPick(row))}
                  />
                )}
              />
            </div>
          )}
        </>
      )}
    </>
  )
}

function RowButton(props: { row: Row; index: number; onOpen: () => void }) {
  const { row } = props
  return (
    <button type="button" className="file-row" data-index={props.index} onClick={props.onOpen}>
      <span className="file-name">{row.kind === 'folder' ? `${row.name}/` : row.name}</span>
      {row.kind === 'folder' ? (
        <span className="file-facts">Folder</span>
      ) : (
        <span className="file-facts">
          {row.public && <span className="chip warn">Public: no link needed</span>} {row.type} ·{' '}
          {formatSize(row.size)}
          {row.modified !== undefined && ` · ${new Date(row.modified).toLocaleDateString()}`}
        </span>
      )}
    </button>
  )
}

function summary(rows: Row[], hasMore: boolean): string {
  const folders = rows.filter((r) => r.kind === 'folder').length
  const files = rows.length - folders
  if (rows.length === 0) return hasMore ? 'Reading more…' : 'Nothing here.'
  const count = (n: number, one: string) => `${n.toLocaleString()} ${one}${n === 1 ? '' : 's'}`
  return `${count(folders, 'folder')} and ${count(files, 'file')}${hasMore ? ', more to come' : ''}.`
}

/** Up and Down: the previous or next row, scrolled into view (it may not be rendered yet). */
function moveBetweenRows(event: KeyboardEvent<HTMLDivElement>): void {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
  const current = Number((event.target as HTMLElement).dataset.index)
  if (Number.isNaN(current)) return
  event.preventDefault()
  const next = current + (event.key === 'ArrowDown' ? 1 : -1)
  const list = event.currentTarget.querySelector<HTMLElement>('.virtual-list')
  if (!list || next < 0) return
  const top = next * ROW_HEIGHT
  if (top < list.scrollTop) list.scrollTop = top
  else if (top + ROW_HEIGHT > list.scrollTop + list.clientHeight)
    list.scrollTop = top + ROW_HEIGHT - list.clientHeight
  const row = () => list.querySelector<HTMLElement>(`[data-index="${next}"]`)
  // A row already rendered takes focus at once; one that is not waits for the list to render it.
  const now = row()
  if (now) now.focus()
  else requestAnimationFrame(() => row()?.focus())
}
