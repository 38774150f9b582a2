// Every command group of the CLI, in the order `--help` lists them.
import type { Register } from '../program.ts'

export const commandGroups: Register[] = []
