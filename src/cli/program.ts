// The `keyfront` command tree. Exit codes: 0 ok, 1 the request could not be done (with a message
// saying why and what to do), 2 the command line itself was wrong. `--json` on any command prints
// one JSON document: the result, or {"error": {code, message}}.
import { Command, CommanderError } from 'commander'
import { KeyfrontError, toErrorInfo } from '../shared/errors.ts'
import type { CliContext, CommandResult } from './context.ts'
import { terminalSafe } from './format.ts'

export const EXIT_OK = 0
export const EXIT_FAILED = 1
export const EXIT_USAGE = 2

/** A command's registration: adds itself to the program and runs through `run`. */
export type Register = (program: Command, run: Runner) => void
export type Runner = (work: (options: RunOptions) => Promise<CommandResult>) => Promise<void>
/** What a command's work gets: the output format and the context (io, env, the core on first use). */
export interface RunOptions {
  json: boolean
  ctx: CliContext
}
/** A top-level command (`keys`, `sign`, …) and how to load its module when it is the one run. */
export interface CommandGroup {
  name: string
  load: () => Promise<Register>
}

export async function runProgram(argv: string[], given: CliContext, groups: CommandGroup[]): Promise<number> {
  // One guard for everything printed: no control character from input reaches the terminal raw.
  const ctx: CliContext = { ...given, io: terminalSafe(given.io) }
  let exitCode = EXIT_OK
  const wantsJson = argv.includes('--json')
  const program = new Command('keyfront')
    .description('Manage CloudFront signing keys and make temporary signed links.')
    .version(ctx.version, '-v, --version', 'print the version')
    .option('--json', 'print machine-readable JSON')
    .showHelpAfterError('(run "keyfront --help" for usage)')
    .configureOutput({ writeOut: ctx.io.stdout, writeErr: ctx.io.stderr })
    .exitOverride()
  const run: Runner = async (work) => {
    const json = wantsJson
    try {
      const result = await work({ json, ctx })
      ctx.io.stdout(json ? `${JSON.stringify(result.json, null, 2)}\n` : ensureNewline(result.text))
      if (result.exitCode !== undefined) exitCode = result.exitCode
    } catch (error) {
      const info = toErrorInfo(error)
      exitCode = error instanceof KeyfrontError && error.code === 'USAGE' ? EXIT_USAGE : EXIT_FAILED
      if (json) ctx.io.stdout(`${JSON.stringify({ error: info }, null, 2)}\n`)
      else ctx.io.stderr(`keyfront: ${info.message}\n`)
    }
  }
  for (const register of await Promise.all(groupsFor(argv, groups).map((group) => group.load()))) {
    register(program, run)
  }
  for (const command of program.commands) inheritSettings(command, ctx)
  try {
    await program.parseAsync(argv, { from: 'user' })
  } catch (error) {
    if (error instanceof CommanderError) {
      const quiet = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code)
      return quiet ? EXIT_OK : EXIT_USAGE
    }
    throw error
  } finally {
    ctx.close()
  }
  return exitCode
}

/**
 * The groups a command line needs: the one it names; none for the version; otherwise all of them
 * (the overall help lists every command, and an unknown one is answered with the nearest names).
 */
function groupsFor(argv: string[], groups: CommandGroup[]): CommandGroup[] {
  const command = argv.find((arg) => !arg.startsWith('-'))
  const named = groups.find((group) => group.name === command)
  if (named) return [named]
  const asks = (...flags: string[]) => argv.some((arg) => flags.includes(arg))
  if (command === undefined && asks('-v', '--version') && !asks('-h', '--help')) return []
  return groups
}

/** Subcommands share the root's output streams, error handling and `--json`. */
function inheritSettings(command: Command, ctx: CliContext, path = command.name()): void {
  command
    .option('--json', 'print machine-readable JSON')
    .configureOutput({ writeOut: ctx.io.stdout, writeErr: ctx.io.stderr })
    .showHelpAfterError(`(run "keyfront ${path} --help" for usage)`)
    .exitOverride()
  for (const sub of command.commands) inheritSettings(sub, ctx, `${path} ${sub.name()}`)
}

function ensureNewline(text: string): string {
  return text.endsWith('\n') || text === '' ? text : `${text}\n`
}

export function usageError(message: string): KeyfrontError {
  return new KeyfrontError('USAGE', message)
}
