// "Share a file from this computer": files dropped on the panel or chosen in main's own dialog (the
// page learns their names and sizes, never their paths) go to a folder of the site's bucket — by
// default the folder being browsed, else the folder of the path above, else the site's upload
// folder from Settings — then one link per file is made with the form's "Works for" and label. While it runs:
// a progress bar with speed and time left, and Cancel (nothing is kept). A name already taken is
// never replaced silently: Replace, Keep both (" (2)") or Cancel. A lost connection says so and
// offers Retry, which starts the same upload again (the core removes what the lost one left).
import { useEffect, useRef, useState, type DragEvent } from 'react'
import type { ChosenFile, ConflictChoice, SharedFile } from '../../../../shared/contract/files.ts'
import { formatSize } from '../../../../shared/file-size.ts'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { Field } from '../../components/Field.tsx'
import { BridgeError, dropFiles, on } from '../../lib/bridge.ts'
import { call, useAction } from '../../lib/server-state.ts'
import { progressLine, type UploadProgress } from './upload-words.ts'
import './files.css'

export function UploadPanel(props: {
  /** The site's address the links use. */
  host: string
  /** Where the path above points. */
  path: string
  /** The folder open in the file browser, if it is open. */
  browsing?: string | undefined
  /** The site's upload folder (Settings), for when nothing is browsed and the path has no folder. */
  uploadFolder?: string | undefined
  /** The form's "Works for" as epoch seconds; undefined while no date is chosen. */
  expiresAt: () => number | undefined
  label: string
}) {
  const [files, setFiles] = useState<ChosenFile[]>([])
  const [folder, setFolder] = useState<string>()
  const [task, setTask] = useState<string>()
  const [progress, setProgress] = useState<UploadProgress>()
  const [taken, setTaken] = useState<string>()
  const [lost, setLost] = useState<{ message: string; choice: ConflictChoice }>()
  const [shared, setShared] = useState<SharedFile[]>()
  const [note, setNote] = useState('')
  const folderShown = folder ?? defaultFolder(props)
  // The buttons that started it are gone when the links are ready: focus goes to the first link.
  const firstLink = useRef<HTMLInputElement>(null)
  useEffect(() => firstLink.current?.focus(), [shared])

  const [dragging, setDragging] = useState(false)
  const take = (picked: ChosenFile[]) => {
    if (picked.length === 0) return
    setFiles(picked)
    setShared(undefined)
    setTaken(undefined)
    setLost(undefined)
  }
  const choose = useAction(async () => take((await call('files.choose', undefined)).files))
  const drop = useAction(async (dropped: File[]) => {
    setNote('')
    const { files: known } = dropped.length > 0 ? await dropFiles(dropped) : { files: [] }
    // What main could not open as a file was a folder (or went away before it could look).
    const skipped = dropped.length - known.length
    if (skipped > 0) {
      setNote(
        `${skipped === 1 ? 'One item was' : `${skipped} items were`} not a file Keyfront can upload (a folder, say): drop the files inside it, or put them in a .zip first.`,
      )
    }
    take(known)
  })
  const onDragOver = (event: DragEvent) => {
    if (task !== undefined || !event.dataTransfer.types.includes('Files')) return
    event.preventDefault()
    setDragging(true)
  }
  const onDrop = (event: DragEvent) => {
    event.preventDefault()
    setDragging(false)
    if (task === undefined) void drop.run(Array.from(event.dataTransfer.files))
  }

  const share = useAction(async (onConflict: ConflictChoice) => {
    setTaken(undefined)
    setLost(undefined)
    setNote('')
    const expiresAt = props.expiresAt()
    if (expiresAt === undefined) throw new Error('Choose the date and time the links stop working.')
    const id = crypto.randomUUID()
    const total = files.reduce((sum, f) => sum + f.size, 0)
    const started = performance.now()
    setTask(id)
    setProgress({ sent: 0, total, elapsedMs: 0 })
    const unsubscribe = on('task.progress', (event) => {
      if (event.task === id) setProgress({ sent: event.done, total, elapsedMs: performance.now() - started })
    })
    try {
      const answer = await call('files.share', {
        task: id,
        site: props.host,
        files: files.map((f) => f.token),
        folder: folderShown,
        onConflict,
        expiresAt,
        ...(props.label.trim() && { label: props.label }),
      })
      setShared(answer.files)
      setFiles([])
    } catch (error) {
      // A name already taken is a question for the user, and a cancel what they asked: not failures.
      if (error instanceof BridgeError && error.code === 'OBJECT_EXISTS') setTaken(error.message)
      else if (error instanceof BridgeError && error.code === 'CANCELLED') setNote(error.message)
      else if (error instanceof BridgeError && error.code === 'AWS_NETWORK')
        setLost({ message: error.message, choice: onConflict })
      else throw error
    } finally {
      unsubscribe()
      setTask(undefined)
    }
  })

  const copy = (url: string, path: string) =>
    navigator.clipboard.writeText(url).then(
      () => setNote(`Copied the link to ${path}.`),
      () => setNote('Keyfront could not use the clipboard: select the link and copy it.'),
    )

  return (
    <section
      className={`panel inset file-upload${dragging ? ' file-drop-over' : ''}`}
      aria-labelledby="file-upload-title"
      onDragOver={onDragOver}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <h3 id="file-upload-title">Share a file from this computer</h3>
      <p className="hint">
        Drop files here, or choose them. Keyfront puts them in this site’s bucket, then makes a link to each
        that works as chosen under “Works for”.
      </p>
      <div className="form-actions">
        <button
          type="button"
          className="button"
          disabled={task !== undefined}
          onClick={() => void choose.run()}
        >
          Choose files…
        </button>
      </div>
      <ErrorNotice error={choose.error ?? drop.error ?? share.error} />
      {files.length > 0 && (
        <>
          <ul className="file-chosen" aria-label="Files to upload">
            {files.map((f) => (
              <li key={f.token}>
                {f.name} <span className="hint">{formatSize(f.size)}</span>
              </li>
            ))}
          </ul>
          <Field label="Upload to folder" hint="A folder on the site; leave it empty for the top folder.">
            {(control) => (
              <input
                {...control}
                type="text"
                autoComplete="off"
                spellCheck={false}
                placeholder="reports/2026/"
                value={folderShown}
                disabled={task !== undefined}
                onChange={(event) => setFolder(event.target.value)}
              />
            )}
          </Field>
          {taken ? (
            <div className="notice notice-warn" role="alert">
              <p>{taken}</p>
              <div className="form-actions">
                <button type="button" className="button" onClick={() => void share.run('replace')}>
                  Replace
                </button>
                <button type="button" className="button" onClick={() => void share.run('keep-both')}>
                  Keep both
                </button>
                <button type="button" className="button" onClick={() => setTaken(undefined)}>
                  Cancel
                </button>
              </div>
            </div>
          ) : lost ? (
            <div className="notice notice-error" role="alert">
              <p>{lost.message}</p>
              <div className="form-actions">
                <button type="button" className="button primary" onClick={() => void share.run(lost.choice)}>
                  Retry
                </button>
                <button type="button" className="button" onClick={() => setLost(undefined)}>
                  Not now
                </button>
              </div>
            </div>
          ) : (
            <div className="form-actions">
              <button
                type="button"
                className="button primary"
                disabled={task !== undefined}
                onClick={() => void share.run('refuse')}
              >
                {files.length === 1 ? 'Upload and make the link' : `Upload and make ${files.length} links`}
              </button>
              {task && (
                <button
                  type="button"
                  className="button danger"
                  onClick={() => void call('files.cancelShare', { task })}
                >
                  Cancel upload
                </button>
              )}
            </div>
          )}
        </>
      )}
      {task && progress && (
        <div className="link-progress">
          <progress max={Math.max(1, progress.total)} value={progress.sent} aria-label="Upload progress" />
          <p role="status" className="hint">
            {progressLine(progress)}
          </p>
        </div>
      )}
      {shared && (
        <div className="notice notice-ok file-shared" role="status">
          <p>
            {shared.length === 1
              ? 'Uploaded, and the link is ready:'
              : `Uploaded, and ${shared.length} links are ready:`}
          </p>
          <ul>
            {shared.map((f, i) => (
              <li key={f.path}>
                <span>{f.path}</span>
                <input
                  ref={i === 0 ? firstLink : undefined}
                  type="text"
                  readOnly
                  aria-label={`Link to ${f.path}`}
                  value={f.url}
                />
                <button type="button" className="button" onClick={() => void copy(f.url, f.path)}>
                  Copy link
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <p role="status" className="hint">
        {note}
      </p>
    </section>
  )
}

/** The folder being browsed, else the folder of the path above, else the site's upload folder. */
function defaultFolder(props: {
  path: string
  browsing?: string | undefined
  uploadFolder?: string | undefined
}) {
  const path = props.path.replace(/^\/+/, '')
  return props.browsing || path.slice(0, path.lastIndexOf('/') + 1) || props.uploadFolder || ''
}
