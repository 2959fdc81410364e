import { isIP } from 'node:net';

/**
 * The block of addresses one caller holds, which per-address limits count: an IPv4 address itself (also
 * when written IPv4-mapped, `::ffff:203.0.113.7`), and an IPv6 address's /64. A home, a phone or a server
 * is given a whole /64 and may send from any of its 2^64 addresses, so counting each apart let one caller
 * pass every per-address limit by changing the last bits of its address. Anything else (no address, a
 * proxy's word that is not one) is counted as written.
 */
export function addressBlock(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIP(address) !== 6) return address;
  const groups = hextets(address.split('%')[0]!.toLowerCase());
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g || '0', 16).toString(16))
    .join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address (`::` expanded, a trailing dotted IPv4 part as two groups). */
function hextets(v6: string): string[] {
  let text = v6;
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const front = head ? head.split(':') : [];
  if (tail === undefined) return front;
  const back = tail ? tail.split(':') : [];
  return [...front, ...Array<string>(8 - front.length - back.length).fill('0'), ...back];
}
