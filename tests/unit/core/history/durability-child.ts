// Child process for the durability test: records batches into the history in a loop and prints
// "committed N" after each batch's record() returns — until the parent kills it with SIGKILL.
// Run directly by Node (type stripping): `node durability-child.ts DATA_DIR FIRST_BATCH SIZE`.
import { HistoryStore } from '../../../../src/core/history/history-store.ts'
import type { LinkRecord } from '../../../../src/shared/contract/history.ts'

const [dataDir = '', first = '0', size = '1000'] = process.argv.slice(2)
const store = new HistoryStore({ dataDir, clock: { now: () => Date.now() } })
const batchSize = Number(size)

function batch(id: number): LinkRecord[] {
  return Array.from({ length: batchSize }, (_, i) => {
    const url = `https://d111111abcdef8.cloudfront.net/batch-${id}/file-${i}.pdf`
    return {
      kind: 'url',
      url,
      resource: url,
      policy: `{"Statement":[{"Resource":"${url}","Condition":{"DateLessThan":{"AWS:EpochTime":2000000000}}}]}`,
      canned: true,
      keyId: 'key-1',
      keyPairId: 'K2JCJMDEHXQW5F',
      algorithm: 'rsa-sha1',
      expiresAt: 2_000_000_000,
      label: `batch ${id}`,
      source: 'batch',
    }
  })
}

for (let id = Number(first); ; id++) {
  store.record(batch(id))
  process.stdout.write(`committed ${id}\n`)
}
