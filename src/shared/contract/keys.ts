// Channels of the keys area. See contract/index.ts for how channels are named and validated.
export const keysContract = {}
