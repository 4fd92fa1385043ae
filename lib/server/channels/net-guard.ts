// Outbound requests made on a marketer's say-so (webhook URLs, SMS base URLs, SMTP
// hosts, push endpoints from subscriptions) must not reach the private network: refuse
// loopback, private, link-local and other internal addresses unless the operator
// allows it with CUE_ALLOW_PRIVATE_NETWORK=1.
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";

export class BlockedAddressError extends Error {}

/** The eight 16-bit groups of an IPv6 address (any spelling: "::", embedded dotted IPv4), or null. */
function ipv6Groups(ip: string): number[] | null {
  let text = ip.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted[1]!.split(".").map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const parse = (part: string) => (part === "" ? [] : part.split(":").map((g) => Number.parseInt(g, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const groups = tail === undefined ? left : [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

export function isInternal(ip: string): boolean {
  if (isIP(ip) === 6) {
    const g = ipv6Groups(ip);
    if (!g) return true; // unreadable: refuse rather than guess
    const zeros = g.slice(0, 5).every((x) => x === 0);
    const embedded = () => `${g[6]! >> 8}.${g[6]! & 0xff}.${g[7]! >> 8}.${g[7]! & 0xff}`;
    // IPv4-mapped (::ffff:a.b.c.d, also spelled ::ffff:7f00:1 as URLs normalise it),
    // IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) addresses reach the IPv4 address inside.
    if (zeros && (g[5] === 0xffff || (g[5] === 0 && (g[6]! > 0 || g[7]! > 1)))) return isInternal(embedded());
    if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return isInternal(embedded());
    if (g.every((x, i) => x === (i === 7 ? 1 : 0)) || g.every((x) => x === 0)) return true; // ::1, ::
    // fc00::/7 unique local, fe80::/10 link-local, ff00::/8 multicast.
    return (g[0]! & 0xfe00) === 0xfc00 || (g[0]! & 0xffc0) === 0xfe80 || (g[0]! & 0xff00) === 0xff00;
  }
  const [a = 0, b = 0] = ip.split(".").map(Number);
  return (
    a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 198 && (b === 18 || b === 19)) || a >= 224
  );
}

export function privateNetworkAllowed(): boolean {
  return process.env.CUE_ALLOW_PRIVATE_NETWORK === "1";
}

/** Throws BlockedAddressError when `host` is, or resolves to, an internal address. */
export async function assertPublicHost(host: string): Promise<void> {
  if (privateNetworkAllowed()) return;
  const bare = host.replace(/^\[|\]$/g, "");
  const addresses = isIP(bare) ? [bare] : (await lookup(bare, { all: true })).map((a) => a.address);
  const internal = addresses.find(isInternal);
  if (internal) {
    throw new BlockedAddressError(
      `Refused to connect to ${host} (${internal}): private and loopback addresses are blocked; an operator can allow them with CUE_ALLOW_PRIVATE_NETWORK=1`,
    );
  }
}

export async function assertPublicUrl(url: string): Promise<URL> {
  const parsed = new URL(url);
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new BlockedAddressError(`Unsupported URL scheme ${parsed.protocol}`);
  await assertPublicHost(parsed.hostname);
  return parsed;
}
