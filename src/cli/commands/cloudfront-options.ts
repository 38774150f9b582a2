// Command-line values of the aws and cloudfront commands, checked with the same schemas the app's
// IPC uses; a malformed value is a usage error (exit 2) that says what a good one looks like.
import type { z } from 'zod'
import {
  BehaviorSelector,
  DistributionId,
  KeyGroupName,
  ProfileName,
} from '../../shared/contract/cloudfront.ts'
import { usageError } from '../program.ts'

export const PROFILE_HELP = 'AWS profile from ~/.aws/config (default: AWS_PROFILE, then "default")'

/** The value if the schema takes it; otherwise a usage error naming the option and what is wrong. */
export function checkOption<T>(schema: z.ZodType<T>, value: string, option: string): T {
  const parsed = schema.safeParse(value)
  if (!parsed.success) throw usageError(`${option}: ${parsed.error.issues[0]?.message ?? 'not valid'}`)
  return parsed.data
}

export function profileOption(value: string | undefined): string | undefined {
  return value === undefined ? undefined : checkOption(ProfileName, value, '--profile')
}

export function distributionOption(value: string): string {
  return checkOption(DistributionId, value, '--distribution')
}

export function keyGroupOption(value: string | undefined): string | undefined {
  return value === undefined ? undefined : checkOption(KeyGroupName, value, '--key-group')
}

export function behaviorOptions(values: string[] | undefined): string[] | undefined {
  return values?.map((value) => checkOption(BehaviorSelector, value, '--behavior'))
}

/** Commander collects a repeatable option into an array. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value]
}
