// A proxy that holds every request for a fixed time before passing it on, as a distant service
// would answer (the KMS bench: 20 ms a request). It only pipes bytes, so that the proxy itself
// costs next to nothing beside the service behind it.
import { createServer, request as forward } from 'node:http'

export interface DelayingProxy {
  endpoint: string
  close(): Promise<void>
}

export async function startDelayingProxy(target: string, delayMs: number): Promise<DelayingProxy> {
  const { hostname, port } = new URL(target)
  const server = createServer((incoming, outgoing) => {
    setTimeout(() => {
      const upstream = forward(
        { hostname, port, method: incoming.method, path: incoming.url, headers: incoming.headers },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(outgoing)
        },
      )
      upstream.on('error', () => outgoing.writeHead(502).end())
      incoming.pipe(upstream)
    }, delayMs)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  return {
    endpoint: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
