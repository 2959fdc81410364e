/** How the admin app names exception kinds and providers (the API speaks in enums). */
export const KIND_WORDS: Record<string, string> = {
  PAID_ON_VOID: 'Paid on a void invoice',
  OVERPAID: 'Paid more than the balance',
};

export const PROVIDER_WORDS: Record<string, string> = {
  STRIPE: 'Stripe',
  QUICKBOOKS: 'QuickBooks',
  MANUAL: 'Recorded by hand',
};

export const kindInWords = (kind: string) => KIND_WORDS[kind] ?? kind;
export const providerInWords = (source: string) => PROVIDER_WORDS[source] ?? source;
