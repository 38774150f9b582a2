// Handlers of the app area.
import type { Keyfront } from '../../core/app.ts'
import type { appContract } from '../../shared/contract/app.ts'
import { KeyfrontError } from '../../shared/errors.ts'
import type { DesktopPorts } from './ports.ts'
import type { AreaHandlers } from './router.ts'

export function appHandlers(kf: Keyfront, ports: DesktopPorts): AreaHandlers<typeof appContract> {
  return {
    'app.info': () => ({ version: kf.version, platform: process.platform, dataDir: kf.dataDir }),
    'app.openExternal': async ({ url }) => {
      if (!isHttpsUrl(url)) throw new KeyfrontError('URL_INVALID', 'Only https:// pages can be opened.')
      await ports.openExternal(url)
    },
  }
}

export function isHttpsUrl(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:'
  } catch {
    return false
  }
}
