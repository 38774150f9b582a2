// The full handler table: every channel of the contract mapped to the core. TypeScript checks it is
// complete (HandlerTable requires every channel), so a channel cannot be declared and forgotten.
// Every event a handler sends passes the contract on its way to the shell (events.ts).
import type { Keyfront } from '../../core/app.ts'
import { appHandlers } from './app.ts'
import { cloudfrontHandlers } from './cloudfront.ts'
import { checkedEmit } from './events.ts'
import { filesHandlers } from './files.ts'
import { historyHandlers } from './history.ts'
import { keyLifecycleHandlers } from './key-lifecycle.ts'
import { keysHandlers } from './keys.ts'
import { linksHandlers } from './links.ts'
import { originHandlers } from './origin.ts'
import type { DesktopPorts } from './ports.ts'
import type { HandlerTable } from './router.ts'
import { settingsHandlers } from './settings.ts'
import { setupHandlers } from './setup.ts'

export function createHandlerTable(
  kf: Keyfront,
  shell: DesktopPorts,
  log: (line: string) => void = () => {},
): HandlerTable {
  const ports: DesktopPorts = { ...shell, emit: checkedEmit(shell.emit, log) }
  return {
    ...appHandlers(kf, ports),
    ...keysHandlers(kf, ports),
    ...keyLifecycleHandlers(kf),
    ...linksHandlers(kf, ports),
    ...historyHandlers(kf, ports),
    ...cloudfrontHandlers(kf, ports),
    ...originHandlers(kf),
    ...filesHandlers(kf, ports),
    ...settingsHandlers(kf),
    ...setupHandlers(kf, ports),
  }
}
