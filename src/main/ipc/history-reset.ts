// Tells the window as soon as an unreadable history file has been moved aside and a new history
// started — at start, or when a damaged file turns up while a link is recorded — so that it can
// say so once, whatever screen is open. (A move made before the window listened is in history.info.)
import type { Keyfront } from '../../core/app.ts'
import type { Emit } from './router.ts'

/** Returns the way to stop forwarding. */
export function forwardHistoryReset(kf: Pick<Keyfront, 'onHistoryReset'>, emit: Emit): () => void {
  return kf.onHistoryReset((movedTo) => emit('history.reset', { movedTo }))
}
