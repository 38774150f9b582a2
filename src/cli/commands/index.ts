// Every command group of the CLI, in the order `--help` lists them.
import type { Register } from '../program.ts'
import { registerAws } from './aws.ts'
import { registerCloudfront } from './cloudfront.ts'
import { registerHistory } from './history.ts'
import { registerInspect } from './inspect.ts'
import { registerKeys } from './keys.ts'
import { registerSign } from './sign.ts'

export const commandGroups: Register[] = [
  registerKeys,
  registerSign,
  registerInspect,
  registerHistory,
  registerAws,
  registerCloudfront,
]
