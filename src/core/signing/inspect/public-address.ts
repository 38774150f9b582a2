// Which computers a live test may ask: public ones only. A signed link points at CloudFront, which
// is on the public internet. Loopback, private, shared (carrier-grade NAT), link-local, unspecified
// and multicast addresses lead to this computer or its network instead, where a request from the
// main process would reach what the page itself may not (its Content-Security-Policy forbids it).
import type { LookupAddress } from 'node:dns'
import { lookup as dnsLookup } from 'node:dns/promises'
import { isIPv4, isIPv6 } from 'node:net'

/** Every address a host name resolves to (dns.lookup with `all`), in the resolver's order. */
export type LookupAll = (hostname: string) => Promise<LookupAddress[]>

export const systemLookup: LookupAll = (hostname) => dnsLookup(hostname, { all: true, order: 'verbatim' })

/** IPv4 networks outside the public internet: [network, prefix length, what it is]. */
const IPV4_NOT_PUBLIC: [number, number, string][] = [
  [0x00_00_00_00, 8, 'unspecified'],
  [0x0a_00_00_00, 8, 'private'],
  [0x64_40_00_00, 10, 'shared (carrier-grade NAT)'],
  [0x7f_00_00_00, 8, 'loopback'],
  [0xa9_fe_00_00, 16, 'link-local'],
  [0xac_10_00_00, 12, 'private'],
  [0xc0_a8_00_00, 16, 'private'],
  [0xe0_00_00_00, 4, 'multicast'],
  [0xf0_00_00_00, 4, 'reserved'],
]

/** What kind of non-public address this is (`loopback`, `private`, …), or undefined when it is public. */
export function nonPublicKind(address: string): string | undefined {
  const bare = address.replace(/%.*$/, '') // an IPv6 zone (fe80::1%eth0) names an interface, not a host
  if (isIPv4(bare)) return ipv4Kind(ipv4Number(bare))
  if (!isIPv6(bare)) return 'unreadable'
  const g = ipv6Groups(bare)
  const zeros = (from: number, to: number) => g.slice(from, to).every((group) => group === 0)
  if (zeros(0, 8)) return 'unspecified'
  if (zeros(0, 7) && g[7] === 1) return 'loopback'
  // IPv4 inside IPv6: mapped (::ffff:a.b.c.d), compatible (::a.b.c.d), translated (::ffff:0:a.b.c.d)
  // and NAT64 (64:ff9b::a.b.c.d) all lead to the IPv4 address they carry.
  const carriesIpv4 =
    (zeros(0, 5) && (g[5] === 0 || g[5] === 0xffff)) ||
    (zeros(0, 4) && g[4] === 0xffff && g[5] === 0) ||
    (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6))
  if (carriesIpv4) return ipv4Kind((((g[6] ?? 0) << 16) | (g[7] ?? 0)) >>> 0)
  const first = g[0] ?? 0
  if ((first & 0xfe00) === 0xfc00) return 'unique-local'
  if ((first & 0xffc0) === 0xfe80) return 'link-local'
  if ((first & 0xffc0) === 0xfec0) return 'site-local'
  if ((first & 0xff00) === 0xff00) return 'multicast'
  return undefined
}

function ipv4Number(address: string): number {
  return address.split('.').reduce((value, octet) => ((value << 8) | Number(octet)) >>> 0, 0)
}

function ipv4Kind(value: number): string | undefined {
  for (const [network, prefix, kind] of IPV4_NOT_PUBLIC) {
    if (value >>> (32 - prefix) === network >>> (32 - prefix)) return kind
  }
  return undefined
}

/** The eight 16-bit groups of a valid IPv6 address (with `::` expanded and a dotted tail read). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase()
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text)
  if (dotted) {
    const value = ipv4Number(dotted.slice(1).join('.'))
    text = `${text.slice(0, dotted.index)}${(value >>> 16).toString(16)}:${(value & 0xffff).toString(16)}`
  }
  const [left = '', right] = text.split('::')
  const head = left ? left.split(':') : []
  const tail = right ? right.split(':') : []
  const gap = right === undefined ? [] : Array<string>(8 - head.length - tail.length).fill('0')
  return [...head, ...gap, ...tail].map((group) => parseInt(group, 16))
}
