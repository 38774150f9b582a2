// `npm run bench` (builds the CLI, which cli.bench.ts runs, then `node bench/run.ts`: Node 24 runs
// the TypeScript directly): runs every bench/*.bench.ts module — or those whose file name contains
// an argument (`npm run bench -- signing`) — one after another, each in a fresh Node process (no
// heap or JIT state left over from another module, no competition for the CPU), and prints one
// table. Exits 1 when a figure misses its target.
import { execFileSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { availableParallelism, cpus } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { formatTable, type BenchRow } from './report.ts'

interface BenchModule {
  run(): Promise<BenchRow[]>
}

const CHILD_FLAG = '--module'

async function runChild(file: string): Promise<void> {
  const module = (await import(pathToFileURL(join(import.meta.dirname, file)).href)) as BenchModule
  process.stdout.write(JSON.stringify(await module.run()))
}

function runAll(filters: string[]): void {
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
    const out = execFileSync(process.execPath, [import.meta.filename, CHILD_FLAG, file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 16 * 1024 * 1024,
    })
    rows.push(...(JSON.parse(out) as BenchRow[]))
  }
  console.log(formatTable(rows))
  const missed = rows.filter((row) => row.pass === false)
  if (missed.length > 0) {
    console.log(`\n${missed.length} target${missed.length === 1 ? '' : 's'} missed.`)
    process.exitCode = 1
  }
}

const args = process.argv.slice(2)
if (args[0] === CHILD_FLAG) await runChild(args[1] ?? '')
else runAll(args)
