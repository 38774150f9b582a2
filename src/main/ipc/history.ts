// Handlers of the history area: the History screen's requests, mapped to the core's history
// actions. Exporting asks where to save first; signed links go into the file only when the
// request says so (the screen asks the user in plain words).
import type { Keyfront } from '../../core/app.ts'
import { exportHistory, keyExpiries, listHistory, signAgain } from '../../core/history/actions.ts'
import type { historyContract } from '../../shared/contract/history.ts'
import type { DesktopPorts } from './ports.ts'
import type { AreaHandlers } from './router.ts'

export function historyHandlers(kf: Keyfront, ports: DesktopPorts): AreaHandlers<typeof historyContract> {
  return {
    'history.list': (request) => listHistory(kf, request),
    'history.info': () => {
      const recoveredFrom = kf.history.recoveredFrom
      const distributionIds = kf.history.distributionIds()
      return recoveredFrom === undefined ? { distributionIds } : { distributionIds, recoveredFrom }
    },
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
      return { path, count: await exportHistory(kf, { filter, path, includeSignedUrls }) }
    },
    'history.latestExpiryPerKey': () => keyExpiries(kf),
  }
}
