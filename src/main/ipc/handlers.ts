// The full handler table: every channel of the contract mapped to the core. TypeScript checks it is
// complete (HandlerTable requires every channel), so a channel cannot be declared and forgotten.
import type { Keyfront } from '../../core/app.ts'
import { appHandlers } from './app.ts'
import { cloudfrontHandlers } from './cloudfront.ts'
import { historyHandlers } from './history.ts'
import { keysHandlers } from './keys.ts'
import { linksHandlers } from './links.ts'
import { originHandlers } from './origin.ts'
import type { DesktopPorts } from './ports.ts'
import type { HandlerTable } from './router.ts'

export function createHandlerTable(kf: Keyfront, ports: DesktopPorts): HandlerTable {
  return {
    ...appHandlers(kf, ports),
    ...keysHandlers(kf, ports),
    ...linksHandlers(kf, ports),
    ...historyHandlers(kf, ports),
    ...cloudfrontHandlers(kf, ports),
    ...originHandlers(kf),
  }
}
