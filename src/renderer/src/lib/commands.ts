// The application menu's commands (shared/desktop-commands.ts), as the window carries them out.
// Main sends `app.command`; the shell decides what each means, and the screen on show may take one
// over while it is mounted — New link's result or History copy "the link", History focuses its own
// search — newest registration first.
import { useEffect, useRef } from 'react'
import type { AppCommand } from '../../../shared/desktop-commands.ts'

/** Answers true when it carried the command out. */
type Handler = () => boolean

const handlers = new Map<AppCommand, Handler[]>()

/** Offers the command to the screens; false when none carried it out. */
export function runCommand(command: AppCommand): boolean {
  return [...(handlers.get(command) ?? [])].reverse().some((handler) => handler())
}

/** Carries out `command` while the component is mounted, with the handler of its latest render. */
export function useCommand(command: AppCommand, handler: Handler): void {
  const latest = useRef(handler)
  useEffect(() => {
    latest.current = handler
  })
  useEffect(() => {
    const registered: Handler = () => latest.current()
    handlers.set(command, [...(handlers.get(command) ?? []), registered])
    return () => {
      handlers.set(
        command,
        (handlers.get(command) ?? []).filter((h) => h !== registered),
      )
    }
  }, [command])
}
