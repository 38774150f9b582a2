// Channels of the history area. See contract/index.ts for how channels are named and validated.
export const historyContract = {}
