/**
 * The rate-limit rules: how many hits a bucket may take per window. A check names a rule family
 * (`login`) and who is asking; each family counts per client IP and per target (the email or account
 * aimed at), so neither one address trying many accounts nor many addresses trying one account goes
 * unchecked. Every figure is configurable as `count/seconds` (README, Configuration).
 */
export interface RateRule {
  limit: number;
  windowSeconds: number;
}

export type RateFamily =
  | 'login'
  | 'loginFailures'
  | 'magicLink'
  | 'passwordReset'
  | 'tokenSignIn'
  | 'invite'
  | 'invitesPerOrg'
  | 'invoiceSend'
  | 'payLink'
  | 'pdf'
  | 'introspection'
  | 'webhookRefusals';

/** The scopes each family counts on, with the variable that sets each and its default. */
export const RATE_RULES: Record<RateFamily, Partial<Record<'ip' | 'target', { env: string; fallback: string }>>> = {
  // admin and portal sign-in with a password
  login: {
    ip: { env: 'SETTLE_RATE_LOGIN_IP', fallback: '30/60' },
    target: { env: 'SETTLE_RATE_LOGIN_ACCOUNT', fallback: '10/60' },
  },
  // wrong passwords per account and day (a day of `login` per account is 14,400 guesses); counted only
  // when a password check fails, and past it password sign-in waits while the emailed sign-in link works
  loginFailures: { target: { env: 'SETTLE_RATE_LOGIN_FAILURES_ACCOUNT', fallback: '50/86400' } },
  // emails a sign-in link: few per address, or one request becomes a mail bomb
  magicLink: {
    ip: { env: 'SETTLE_RATE_MAGIC_LINK_IP', fallback: '10/900' },
    target: { env: 'SETTLE_RATE_MAGIC_LINK_EMAIL', fallback: '3/900' },
  },
  // emails a staff password reset link: as sign-in links, few per address
  passwordReset: {
    ip: { env: 'SETTLE_RATE_PASSWORD_RESET_IP', fallback: '10/900' },
    target: { env: 'SETTLE_RATE_PASSWORD_RESET_EMAIL', fallback: '3/900' },
  },
  // invitation acceptance and magic-link sign-in: guessing a token
  tokenSignIn: { ip: { env: 'SETTLE_RATE_TOKEN_SIGNIN_IP', fallback: '10/60' } },
  // invitations sent to one address, and by one organization (each is an email from Settle's domain)
  invite: { target: { env: 'SETTLE_RATE_INVITE_EMAIL', fallback: '5/900' } },
  invitesPerOrg: { target: { env: 'SETTLE_RATE_INVITE_ORG', fallback: '100/3600' } },
  // sendInvoice and emailInvoiceViaQuickBooks of one invoice: its first send and a few resends an hour
  invoiceSend: { target: { env: 'SETTLE_RATE_INVOICE_SEND', fallback: '5/3600' } },
  // GET /pay/{token} and a portal user's startInvoicePayment: each may create a Stripe Checkout session;
  // one leaked link visited from many addresses is counted per link too (a payer visits a few times)
  payLink: {
    ip: { env: 'SETTLE_RATE_PAY_LINK_IP', fallback: '60/60' },
    target: { env: 'SETTLE_RATE_PAY_LINK_TOKEN', fallback: '30/60' },
  },
  // invoice PDFs, rendered on each download, per signed-in caller
  pdf: { target: { env: 'SETTLE_RATE_PDF_CALLER', fallback: '60/60' } },
  // GraphQL introspection without a login (tens of milliseconds of work and ~400 KB each), per address
  introspection: { ip: { env: 'SETTLE_RATE_INTROSPECTION_IP', fallback: '30/60' } },
  // Stripe and QuickBooks webhooks refused (bad signature, unknown endpoint) per address: then 429 unread
  // (refusal-budget.ts, counted in each process's memory, not in PostgreSQL)
  webhookRefusals: { ip: { env: 'SETTLE_RATE_WEBHOOK_REFUSALS_IP', fallback: '30/60' } },
};

export function parseRule(text: string, variable: string): RateRule {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1)
    throw new Error(`${variable} must look like "count/seconds" (e.g. 10/60), got "${text}"`);
  return { limit: Number(m[1]), windowSeconds: Number(m[2]) };
}

export type RateRules = Record<RateFamily, Partial<Record<'ip' | 'target', RateRule>>>;

/** The rules in force, from the environment (defaults above). */
export function rateRulesFrom(env: NodeJS.ProcessEnv): RateRules {
  const out = {} as RateRules;
  for (const [family, scopes] of Object.entries(RATE_RULES) as Array<[RateFamily, (typeof RATE_RULES)[RateFamily]]>) {
    out[family] = {};
    for (const [scope, spec] of Object.entries(scopes) as Array<['ip' | 'target', { env: string; fallback: string }]>) {
      out[family][scope] = parseRule(env[spec.env] || spec.fallback, spec.env);
    }
  }
  return out;
}
