/**
 * Whom a client is told to contact: the org by name, and at its billing email when it has one
 * ("Acme MSP at billing@acme.test"), so a client who cannot use the portal has an address to write to.
 */
export function orgContact(org: { name: string; billingEmail?: string | null }): string {
  return org.billingEmail ? `${org.name} at ${org.billingEmail}` : org.name;
}
