// A recording HTTP proxy in front of moto_server: it records every request (to check what Keyfront
// sent where moto does not keep it, e.g. an origin's OriginAccessControlId) and can answer chosen
// requests with an AWS error instead (AccessDenied on one S3 call, say), as AWS would, or drop
// their connection unanswered, as a network that fails mid-upload does.
import { createServer, type IncomingMessage, type Server } from 'node:http'

export interface RecordedRequest {
  method: string
  /** Path and query, e.g. "/photos?policy" or "/2020-05-31/distribution". */
  url: string
  body: string
  /** The operation of a JSON-protocol call (X-Amz-Target, e.g. "TrentService.Sign"), if any. */
  target?: string
}

export interface InjectedFault {
  status: number
  /** The error body AWS would send: XML, or JSON for the JSON-protocol services (KMS). */
  body: string
}

export interface RecordingProxy {
  endpoint: string
  requests: RecordedRequest[]
  /** Answers a request with a fault instead of forwarding it, while the rule returns one. */
  faults: ((request: RecordedRequest) => InjectedFault | 'reset' | undefined)[]
  close(): Promise<void>
}

/** A JSON-protocol service's error (KMS): its type is what the SDK reads. */
export function awsErrorJson(type: string, message: string): InjectedFault {
  return { status: 400, body: JSON.stringify({ __type: type, message }) }
}

export function awsErrorXml(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message><RequestId>proxy</RequestId></Error>`
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks)))
    request.on('error', reject)
  })
}

export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const requests: RecordedRequest[] = []
  const faults: RecordingProxy['faults'] = []
  const server: Server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request)
      const amzTarget = request.headers['x-amz-target']
      const recorded: RecordedRequest = {
        method: request.method ?? 'GET',
        url: request.url ?? '/',
        body: body.toString('utf8'),
        ...(typeof amzTarget === 'string' && { target: amzTarget }),
      }
      requests.push(recorded)
      const fault = faults.map((rule) => rule(recorded)).find(Boolean)
      if (fault === 'reset') {
        request.socket.destroy()
        return
      }
      if (fault) {
        response
          .writeHead(fault.status, {
            'content-type': fault.body.startsWith('{') ? 'application/x-amz-json-1.1' : 'application/xml',
          })
          .end(fault.body)
        return
      }
      const headers = new Headers()
      for (const [name, value] of Object.entries(request.headers)) {
        // fetch() refuses Expect (the SDK sends "Expect: 100-continue" with large bodies).
        if (typeof value === 'string' && !['host', 'connection', 'content-length', 'expect'].includes(name)) {
          headers.set(name, value)
        }
      }
      const upstream = await fetch(`${target}${recorded.url}`, {
        method: recorded.method,
        headers,
        body: ['GET', 'HEAD'].includes(recorded.method) ? undefined : new Uint8Array(body),
      })
      const out: Record<string, string> = {}
      upstream.headers.forEach((value, name) => {
        // A HEAD answer has no body: its Content-Length is the object's size, kept as sent.
        const dropped = ['content-encoding', 'transfer-encoding', 'connection']
        if (recorded.method !== 'HEAD') dropped.push('content-length')
        if (!dropped.includes(name)) out[name] = value
      })
      response.writeHead(upstream.status, out).end(Buffer.from(await upstream.arrayBuffer()))
    })().catch(() => {
      // The client may have gone (a cancelled request) after the answer began: then just close.
      if (response.headersSent) response.destroy()
      else response.writeHead(502).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    faults,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
