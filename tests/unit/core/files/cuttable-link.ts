// A TCP relay between Keyfront and the S3 endpoint that a test can cut, as a network drops: every
// open connection is destroyed and new ones are refused, until it is mended on the same port.
import { connect, createServer, type Server, type Socket } from 'node:net'

export interface CuttableLink {
  endpoint: string
  cut(): Promise<void>
  mend(): Promise<void>
  close(): Promise<void>
}

export async function startCuttableLink(target: string): Promise<CuttableLink> {
  const { hostname, port: targetPort } = new URL(target)
  const sockets = new Set<Socket>()
  const server: Server = createServer((client) => {
    const upstream = connect(Number(targetPort), hostname)
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
      socket.on('error', () => undefined)
    }
    client.pipe(upstream).pipe(client)
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
  })
  const listen = (port: number) =>
    new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()))
  await listen(0)
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  const cut = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()))
    for (const socket of sockets) socket.destroy()
    await closed
  }
  return {
    endpoint: `http://127.0.0.1:${port}`,
    cut,
    mend: () => listen(port),
    close: () => (server.listening ? cut() : Promise.resolve()),
  }
}
