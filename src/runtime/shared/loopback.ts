/**
 * Loopback means `localhost`, `[::1]` or an IPv4 literal in 127.0.0.0/8, parsed: never a prefix test, which
 * `127.attacker.example` would pass.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '')
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true
  const octets = host.split('.')
  return octets.length === 4 && octets[0] === '127' && octets.every(octet => /^(?:0|[1-9]\d{0,2})$/.test(octet) && Number(octet) <= 255)
}
