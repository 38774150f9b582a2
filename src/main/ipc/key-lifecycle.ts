// Handlers of a key's lifecycle (keys.statuses, usage, planRotate/rotate, planRetire/retire):
// each maps straight to the core's KeyLifecycleService.
import type { Keyfront } from '../../core/app.ts'
import type { keyLifecycleContract } from '../../shared/contract/key-lifecycle.ts'
import type { AreaHandlers } from './router.ts'

export function keyLifecycleHandlers(kf: Keyfront): AreaHandlers<typeof keyLifecycleContract> {
  return {
    'keys.statuses': () => kf.keyLifecycle.statuses(),
    'keys.markReminded': async ({ ref }) => {
      await kf.keyLifecycle.markReminded(ref)
    },
    'keys.usage': ({ key, profile }) => kf.keyLifecycle.usage(key, profile),
    'keys.planRotate': (request) => kf.keyLifecycle.planRotate(request),
    'keys.rotate': (request) => kf.keyLifecycle.rotate(request),
    'keys.planRetire': (request) => kf.keyLifecycle.planRetire(request),
    'keys.retire': (request) => kf.keyLifecycle.retire(request),
  }
}
