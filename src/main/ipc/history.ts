// Handlers of the history area: the History screen's requests, mapped to the core's history
// actions. Exporting asks where to save first; signed links go into the file only when the
// request says so (the screen asks the user in plain words). A renewal that would open more than
// one site or work for over a year is confirmed first, as any new link is (broad-link.ts).
import type { Keyfront } from '../../core/app.ts'
import {
  expiringCount,
  exportHistory,
  keyExpiries,
  listHistory,
  signAgain,
} from '../../core/history/actions.ts'
import { originalDuration } from '../../core/history/renew.ts'
import type { historyContract } from '../../shared/contract/history.ts'
import type { renewalContract } from '../../shared/contract/renewal.ts'
import { broadLinkReasons, confirmBroadLink } from './broad-link.ts'
import type { DesktopPorts } from './ports.ts'
import type { AreaHandlers } from './router.ts'

export function historyHandlers(
  kf: Keyfront,
  ports: DesktopPorts,
): AreaHandlers<typeof historyContract & typeof renewalContract> {
  return {
    'history.list': (request) => listHistory(kf, request),
    'history.info': () => {
      const recoveredFrom = kf.history.recoveredFrom
      const distributionIds = kf.history.distributionIds()
      return recoveredFrom === undefined ? { distributionIds } : { distributionIds, recoveredFrom }
    },
    'history.paths': ({ distributionId }) => kf.history.pathsOf(distributionId),
    'history.copyAgain': ({ id }) => signAgain(kf, id),
    'history.delete': ({ id }) => {
      kf.history.delete(id)
      return undefined
    },
    'history.export': async ({ includeSignedUrls, ...filter }) => {
      const path = await ports.chooseSavePath({
        title: includeSignedUrls ? 'Export the link history, with working links' : 'Export the link history',
        defaultName: `keyfront-history-${new Date().toISOString().slice(0, 10)}.csv`,
        filters: [{ name: 'CSV (spreadsheet)', extensions: ['csv'] }],
      })
      if (path === undefined) return { count: 0 }
      // The save dialog already asked before replacing a file.
      return { path, count: await exportHistory(kf, { filter, path, includeSignedUrls, replace: true }) }
    },
    'history.latestExpiryPerKey': () => keyExpiries(kf),
    'history.expiringCount': (request) => expiringCount(kf, request?.within),
    'history.renewal': ({ id }) => kf.renewals.draft(id),
    'history.renew': async (request) => {
      const entry = kf.history.get(request.id)
      const nowSeconds = Math.floor(Date.now() / 1000)
      const expiresAt = request.expiresAt ?? nowSeconds + originalDuration(entry)
      const resource = entry.canned ? undefined : entry.resource
      await confirmBroadLink(ports, broadLinkReasons({ resource, expiresAt }, nowSeconds), 'link')
      return kf.renewals.renew(request)
    },
  }
}
