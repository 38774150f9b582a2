// Entry point of the `keyfront` CLI.
import pkg from '../../package.json' with { type: 'json' }
import { commandGroups } from './commands/index.ts'
import { createCliContext } from './context.ts'
import { processIo } from './io.ts'
import { runProgram } from './program.ts'

const ctx = createCliContext(processIo, pkg.version)
runProgram(process.argv.slice(2), ctx, commandGroups).then(
  (code) => {
    process.exitCode = code
  },
  () => {
    process.stderr.write('keyfront: an unexpected error stopped the command.\n')
    process.exitCode = 1
  },
)
