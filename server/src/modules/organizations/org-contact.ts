/**
 * Whom a client is told to contact: the org by name, and at its billing email when it has one
 * ("Acme MSP at billing@acme.test"), so a client who cannot use the portal has an address to write to.
 */
export function orgContact(org: { name: string; billingEmail?: string | null }): string {
  return org.billingEmail ? `${org.name} at ${org.billingEmail}` : org.name;
}

/**
 * Whom a client-facing page or refusal, speaking for the org, says to contact: the org at its billing email
 * when it has one ("please contact Acme MSP at billing@acme.test"), else "us" (neutral: there is no address
 * to give), or the org by name when `named` (where "us" would leave a client outside the portal guessing).
 */
export function contactOf(org: { name: string; billingEmail?: string | null }, named = false): string {
  return org.billingEmail || named ? orgContact(org) : 'us';
}
