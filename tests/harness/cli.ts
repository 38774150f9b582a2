// Runs the real CLI in-process with captured output, over a real core (keychain service and data
// dir from the environment the test passes).
import pkg from '../../package.json' with { type: 'json' }
import { commandGroups } from '../../src/cli/commands/index.ts'
import { createCliContext } from '../../src/cli/context.ts'
import { runProgram } from '../../src/cli/program.ts'

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

export async function runCli(
  argv: string[],
  options: { env?: NodeJS.ProcessEnv; stdin?: string } = {},
): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const ctx = createCliContext(
    {
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      readStdin: async () => options.stdin,
      env: { ...process.env, ...options.env },
    },
    pkg.version,
  )
  const code = await runProgram(argv, ctx, commandGroups)
  return { code, stdout, stderr }
}
