// Channels of the cloudfront area. See contract/index.ts for how channels are named and validated.
export const cloudfrontContract = {}
