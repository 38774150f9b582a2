// What main tells the window outside any request, handled once for every screen: the menu's
// commands (New Link, Search History, Copy the Link), links recorded elsewhere (the tray's quick
// link) that History and its count must show, and a history file that had to be moved aside —
// said in one notice, whatever screen is open, until the user has read it.
import { useEffect, useState } from 'react'
import { on } from '../lib/bridge.ts'
import { runCommand } from '../lib/commands.ts'
import { HISTORY_READS, refresh, useRead } from '../lib/server-state.ts'
import type { Route } from './navigation.tsx'

const NOTHING_TO_COPY =
  'There is no link on this screen to copy. Make one in New link, or choose one in History.'

/** The menu's commands and outside history changes; `say` shows a short message when a command cannot be done. */
export function useAppEvents(navigate: (route: Route) => void, say: (text: string) => void): void {
  useEffect(() => {
    const stopCommands = on('app.command', ({ command }) => {
      if (runCommand(command)) return
      if (command === 'new-link') navigate({ screen: 'links', visit: Date.now() })
      else if (command === 'search-history') navigate({ screen: 'history', param: 'search' })
      else say(NOTHING_TO_COPY)
    })
    const stopChanges = on('history.changed', () => void refresh(HISTORY_READS))
    return () => {
      stopCommands()
      stopChanges()
    }
  }, [navigate, say])
}

/**
 * "The history was reset": from the event when it happens while the window is open, or from
 * history.info when it happened before the window listened (the history opens with the first read).
 */
export function HistoryResetNotice() {
  const info = useRead('history.info', undefined)
  const [reported, setReported] = useState<string>()
  const [read, setRead] = useState<ReadonlySet<string>>(new Set())
  useEffect(
    () =>
      on('history.reset', ({ movedTo }) => {
        setReported(movedTo)
        void refresh(HISTORY_READS)
      }),
    [],
  )
  const movedTo = reported ?? info.data?.recoveredFrom
  if (movedTo === undefined || read.has(movedTo)) return null
  return (
    <div className="notice notice-warn shell-notice" role="status">
      <p>
        Keyfront could not read its history file, so it moved it to <code>{movedTo}</code> and started a new
        history. The links made before are kept in that file.
      </p>
      <button type="button" className="button" onClick={() => setRead(new Set([...read, movedTo]))}>
        Got it
      </button>
    </div>
  )
}
