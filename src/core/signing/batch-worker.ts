// A worker thread of a signing batch. It receives the parsed key once (a KeyObject crosses threads
// without being exported), then chunks of URLs, and answers each chunk with its signed URLs in
// order (createBatchSigner) — or with the first URL that cannot be signed, and why.
import { parentPort } from 'node:worker_threads'
import { isKeyfrontError } from '../../shared/errors.ts'
import { createBatchSigner, type WorkerReply, type WorkerRequest } from './batch.ts'

let signUrl: ((url: string) => string) | undefined

function reply(message: WorkerReply): void {
  parentPort?.postMessage(message)
}

parentPort?.on('message', (request: WorkerRequest) => {
  if (request.type === 'init') {
    signUrl = createBatchSigner(request.options)
    return
  }
  const sign = signUrl
  if (!sign) throw new Error('chunk before init')
  const signed: string[] = []
  for (const [offset, url] of request.urls.entries()) {
    try {
      signed.push(sign(url))
    } catch (error) {
      reply({
        type: 'failed',
        index: request.start + offset,
        code: isKeyfrontError(error) ? error.code : 'INTERNAL',
        message: isKeyfrontError(error) ? error.message : 'This URL could not be signed.',
      })
      return
    }
  }
  reply({ type: 'signed', start: request.start, signed })
})
