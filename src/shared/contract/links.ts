// Channels of the links area. See contract/index.ts for how channels are named and validated.
export const linksContract = {}
