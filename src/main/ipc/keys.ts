// Handlers of the keys area.
import type { Keyfront } from '../../core/app.ts'
import type { keysContract } from '../../shared/contract/keys.ts'
import type { AreaHandlers } from './router.ts'

export function keysHandlers(_kf: Keyfront): AreaHandlers<typeof keysContract> {
  return {
    'keys.list': () => [],
  }
}
