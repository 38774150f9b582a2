// Checks that a policy edit only inserted text: every other byte of the policy stayed where it was.
/** `after` with the one run of inserted text cut out again: equals `before` when nothing else changed. */
export function withoutInsertion(before: string, after: string): string {
  let start = 0
  while (start < before.length && before[start] === after[start]) start++
  const tail = before.length - start
  return after.slice(0, start) + after.slice(after.length - tail)
}
