// Loaded with `node --import` by program.test.ts: records every module the CLI process resolves and,
// as it exits, prints them to stderr on one line, so a test can tell what a command loaded.
import { registerHooks } from 'node:module'

const resolved: string[] = []
registerHooks({
  resolve(specifier, context, nextResolve) {
    const result = nextResolve(specifier, context)
    resolved.push(result.url)
    return result
  },
})
process.on('exit', () => process.stderr.write(`\nmodules: ${JSON.stringify(resolved)}\n`))
