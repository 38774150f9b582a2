// Starts the machine's moto_server (a third-party implementation of the AWS APIs) on a free
// 127.0.0.1 port, for tests that talk real HTTP to a CloudFront/S3/STS API. Stop it by its pid.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'

export interface Moto {
  endpoint: string
  /** Environment that points the AWS SDK at this server with dummy credentials. */
  env: Record<string, string>
  reset(): Promise<void>
  stop(): Promise<void>
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

function motoCommand(): [string, string[]] {
  const probe = spawnSync('moto_server', ['--help'], { stdio: 'ignore' })
  return probe.status === 0 ? ['moto_server', []] : ['python3', ['-m', 'moto.server']]
}

export async function startMoto(): Promise<Moto> {
  const port = await freePort()
  const [command, prefix] = motoCommand()
  const child: ChildProcess = spawn(command, [...prefix, '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)))
  const endpoint = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 30_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto_server exited early:\n${stderr}`)
    try {
      const response = await fetch(`${endpoint}/moto-api/`)
      if (response.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`moto_server did not start within 30 s:\n${stderr}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  return {
    endpoint,
    env: {
      AWS_ENDPOINT_URL_CLOUDFRONT: endpoint,
      AWS_ENDPOINT_URL_S3: endpoint,
      AWS_ENDPOINT_URL_STS: endpoint,
      AWS_ENDPOINT_URL_KMS: endpoint,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_REGION: 'us-east-1',
    },
    async reset() {
      await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' })
    },
    stop() {
      return new Promise((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      })
    },
  }
}
