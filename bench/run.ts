// `npm run bench` (= `node bench/run.ts`, Node 24 runs the TypeScript directly): runs every
// bench/*.bench.ts module — or those whose file name contains an argument (`npm run bench --
// signing`) — one after another, so they do not compete for the CPU, and prints one table.
// Exits 1 when a figure misses its target.
import { readdirSync } from 'node:fs'
import { availableParallelism, cpus } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { formatTable, type BenchRow } from './report.ts'

interface BenchModule {
  run(): Promise<BenchRow[]>
}

const filters = process.argv.slice(2)
const modules = readdirSync(import.meta.dirname)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort()

console.log(
  `Keyfront bench — Node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'})\n`,
)
const rows: BenchRow[] = []
for (const file of modules) {
  process.stderr.write(`running ${file}…\n`)
  const module = (await import(pathToFileURL(join(import.meta.dirname, file)).href)) as BenchModule
  rows.push(...(await module.run()))
}
console.log(formatTable(rows))
const missed = rows.filter((row) => row.pass === false)
if (missed.length > 0) {
  console.log(`\n${missed.length} target${missed.length === 1 ? '' : 's'} missed.`)
  process.exitCode = 1
}
