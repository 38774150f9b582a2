// A protocol-level CloudFront double: a real HTTP server speaking CloudFront's REST-XML (and STS's
// GetCallerIdentity) for the calls Keyfront makes, with what moto_server lacks — UpdateKeyGroup,
// GetPublicKey and DeletePublicKey (refused while a group holds the key), enforced ETags (If-Match → 412 PreconditionFailed), ListDistributionsByKeyGroup, CloudFront's
// quotas and name uniqueness, deployments that take several polls — and injectable faults:
// 412, Throttling, 500, AccessDenied, timeouts, and concurrent edits, each before or after the
// operation takes effect (after = the change happened but its answer was lost).
import { createServer, type Server, type ServerResponse } from 'node:http'
import {
  distribution,
  HttpFault,
  keyGroup,
  newEtag,
  NS,
  publicKey,
  type DoubleState,
} from './cloudfront-double-model.ts'
import { createRoutes } from './cloudfront-double-routes.ts'
import { child, el, serializeXml } from './xml.ts'

export { DOUBLE_ACCOUNT } from './cloudfront-double-model.ts'

export type FaultKind =
  | 'precondition'
  | 'throttling'
  | 'server-error'
  | 'access-denied'
  | 'timeout'
  /** Someone else saves the resource first, so the real If-Match check fails. */
  | 'concurrent-edit'
  /** Any CloudFront error: give `code` and `status`. */
  | 'error'

export interface Fault {
  operation: string
  kind: FaultKind
  /** before (default): the operation does not happen. after: it happens, the answer is lost. */
  when?: 'before' | 'after'
  /** How many calls it hits (default 1). */
  times?: number
  /** For kind "error". */
  code?: string
  status?: number
}

export interface CloudFrontDouble extends DoubleState {
  endpoint: string
  /** AWS SDK environment pointing CloudFront and STS here, with dummy credentials. */
  env: Record<string, string>
  /** Every operation received, in order (faulted ones too). */
  calls: string[]
  /** The access key id each request was signed with, in order. */
  accessKeyIds: string[]
  /**
   * Every operation that took effect (its answer may still have been lost to an "after" fault),
   * with the id it acted on: tells how often each key group was really edited.
   */
  applied: { operation: string; id?: string }[]
  inject(fault: Fault): void
  /** Someone else edits the distribution (changes its Comment): a new ETag. */
  editDistribution(id: string, comment: string): void
  stop(): Promise<void>
}

export async function startCloudFrontDouble(): Promise<CloudFrontDouble> {
  const faults: (Fault & { left: number })[] = []
  const hanging = new Set<ServerResponse>()

  const double: CloudFrontDouble = {
    endpoint: '',
    env: {},
    calls: [],
    accessKeyIds: [],
    applied: [],
    publicKeys: [],
    keyGroups: [],
    distributions: new Map(),
    deployPolls: 2,
    inject(fault) {
      faults.push({ ...fault, left: fault.times ?? 1 })
    },
    editDistribution(distributionId, comment) {
      const record = distribution(double, distributionId)
      const node = child(record.config, 'Comment')
      if (node) node.text = comment
      record.etag = newEtag()
    },
    stop: () =>
      new Promise((resolve) => {
        for (const response of hanging) response.destroy()
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }

  const routes = createRoutes(double)

  const takeFault = (operation: string, when: 'before' | 'after') => {
    const index = faults.findIndex(
      (f) => f.operation === operation && (f.when ?? 'before') === when && f.left > 0,
    )
    if (index < 0) return undefined
    const fault = faults[index]!
    if (--fault.left === 0) faults.splice(index, 1)
    return fault
  }

  const sendError = (response: ServerResponse, status: number, code: string, message: string) => {
    const body = el(
      'ErrorResponse',
      el(
        'Error',
        el('Type', status >= 500 ? 'Receiver' : 'Sender'),
        el('Code', code),
        el('Message', message),
      ),
      el('RequestId', 'double'),
    )
    response
      .writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': 'double' })
      .end(serializeXml(body, NS))
  }

  /** Answers with the fault; false when the fault is one that lets the request go on. */
  const applyFault = (
    fault: Fault,
    operation: string,
    params: string[],
    response: ServerResponse,
  ): boolean => {
    switch (fault.kind) {
      case 'precondition':
        sendError(
          response,
          412,
          'PreconditionFailed',
          'The precondition given in one or more of the request fields evaluated to false.',
        )
        return true
      case 'throttling':
        sendError(response, 400, 'Throttling', 'Rate exceeded')
        return true
      case 'server-error':
        sendError(response, 500, 'InternalError', 'We encountered an internal error. Please try again.')
        return true
      case 'access-denied':
        sendError(response, 403, 'AccessDenied', `User is not authorized to perform: cloudfront:${operation}`)
        return true
      case 'timeout':
        hanging.add(response)
        return true
      case 'error':
        sendError(
          response,
          fault.status ?? 400,
          fault.code ?? 'InvalidArgument',
          `Injected ${fault.code ?? 'error'}.`,
        )
        return true
      case 'concurrent-edit':
        if (operation === 'UpdateDistribution') double.editDistribution(params[0]!, 'edited by someone else')
        if (operation === 'UpdateKeyGroup') keyGroup(double, params[0]!).etag = newEtag()
        if (operation === 'DeletePublicKey') publicKey(double, params[0]!).etag = newEtag()
        return false
    }
  }

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const path = new URL(request.url ?? '/', 'http://double').pathname
      const route = routes.find(([method, pattern]) => method === request.method && pattern.test(path))
      if (!route) return sendError(response, 404, 'NotImplementedByDouble', `${request.method} ${path}`)
      const [, pattern, operation, handler] = route
      const params = (pattern.exec(path) ?? []).slice(1).map((p) => decodeURIComponent(p))
      double.calls.push(operation)
      double.accessKeyIds.push(/Credential=([^/]+)\//.exec(request.headers.authorization ?? '')?.[1] ?? '')
      const before = takeFault(operation, 'before')
      if (before && applyFault(before, operation, params, response)) return
      try {
        const answer = handler(request, body, params)
        double.applied.push(params[0] === undefined ? { operation } : { operation, id: params[0] })
        const after = takeFault(operation, 'after')
        if (after && applyFault(after, operation, params, response)) return
        const headers: Record<string, string> = { 'content-type': 'text/xml', 'x-amzn-requestid': 'double' }
        if (answer.etag) headers.etag = answer.etag
        response
          .writeHead(answer.status ?? 200, headers)
          .end(answer.raw ?? (answer.body ? serializeXml(answer.body, NS) : ''))
      } catch (error) {
        if (error instanceof HttpFault) return sendError(response, error.status, error.code, error.message)
        sendError(response, 500, 'DoubleCrashed', error instanceof Error ? error.message : String(error))
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  double.endpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  double.env = {
    AWS_ENDPOINT_URL_CLOUDFRONT: double.endpoint,
    AWS_ENDPOINT_URL_STS: double.endpoint,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
  }
  return double
}
