// Handlers of the settings area. Main itself follows each change (theme, the quick-link shortcut)
// through the settings store's listeners (src/main/desktop.ts), whoever made it.
import type { Keyfront } from '../../core/app.ts'
import type { settingsContract } from '../../shared/contract/settings.ts'
import type { AreaHandlers } from './router.ts'

export function settingsHandlers(kf: Keyfront): AreaHandlers<typeof settingsContract> {
  return {
    'settings.get': () => kf.settings.get(),
    'settings.update': (change) => kf.settings.update(change),
  }
}
