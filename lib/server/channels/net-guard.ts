// Outbound requests made on a marketer's say-so (webhook URLs, SMS base URLs, SMTP
// hosts, push endpoints from subscriptions) must not reach the private network: refuse
// loopback, private, link-local and other internal addresses unless the operator
// allows it with CUE_ALLOW_PRIVATE_NETWORK=1.
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";

export class BlockedAddressError extends Error {}

function isInternal(ip: string): boolean {
  if (isIP(ip) === 6) {
    const v6 = ip.toLowerCase();
    if (v6 === "::1" || v6 === "::") return true;
    if (v6.startsWith("::ffff:")) return isInternal(v6.slice(7));
    return /^(fc|fd|fe8|fe9|fea|feb)/.test(v6);
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
