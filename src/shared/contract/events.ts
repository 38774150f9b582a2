// Events main sends to the renderer (progress of long work). Each area adds its own here.
import { z } from 'zod'
import { DeploymentProgress } from './cloudfront.ts'

export const eventsContract = {
  /** Progress of long work: batch signing, waiting for a deployment. `task` ties events to a request. */
  'task.progress': z.object({
    task: z.string(),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative().optional(),
    message: z.string().optional(),
  }),
  /** A CloudFront distribution's deployment, polled until Deployed (elapsed time, last poll). */
  'cloudfront.deployment': DeploymentProgress,
}
