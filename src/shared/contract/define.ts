// Building blocks of the IPC contract: a channel is a request schema and a response schema.
// Main validates every request with the first and shapes every response with the second (unknown
// fields are stripped, so nothing that is not declared here can reach the renderer).
import type { z } from 'zod'

export interface ChannelSpec<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  request: Req
  response: Res
}

export function channel<Req extends z.ZodType, Res extends z.ZodType>(
  request: Req,
  response: Res,
): ChannelSpec<Req, Res> {
  return { request, response }
}
