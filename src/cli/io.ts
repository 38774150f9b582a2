// What the CLI reads and writes, as a value, so tests run the real CLI in-process and capture it.
export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** Reads all of standard input (for piped URL lists); undefined when stdin is a terminal. */
  readStdin: () => Promise<string | undefined>
  env: NodeJS.ProcessEnv
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin: async () => {
    if (process.stdin.isTTY) return undefined
    const chunks: Buffer[] = []
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks).toString('utf8')
  },
  env: process.env,
}
