import type { AccountData } from '../core/store.js';
import type { WAccount } from '../core/wire-types.js';
import { route, type Route } from '../api/routes.js';
import { resourceMissing } from '../core/errors.js';
import { emptyAddress } from '../core/resource-helpers.js';

/** Renders the Account object from our account record (shape per fixtures3.json `account`). */
export function renderAccount(acct: AccountData): WAccount {
  const connected = acct.platform !== null;
  const req = {
    alternatives: [],
    current_deadline: null,
    currently_due: [],
    disabled_reason: null,
    errors: [],
    eventually_due: [],
    past_due: [],
    pending_verification: [],
  };
  return {
    id: acct.id,
    object: 'account',
    business_profile: {
      annual_revenue: null,
      estimated_worker_count: null,
      mcc: null,
      minority_owned_business_designation: null,
      name: connected ? `Connected test account ${acct.id.slice(-4)}` : 'Settle test account',
      product_description: null,
      specified_commercial_transactions_act_url: null,
      support_address: emptyAddress(),
      support_email: null,
      support_phone: null,
      support_url: null,
      url: null,
    },
    business_type: null,
    capabilities: { card_payments: 'active', transfers: 'active' },
    charges_enabled: true,
    controller: { type: connected ? 'application' : 'account' } as WAccount['controller'],
    country: 'US',
    created: acct.created,
    default_currency: 'usd',
    details_submitted: true,
    email: acct.email ?? `owner+${acct.id.slice(-6).toLowerCase()}@example.com`,
    external_accounts: { object: 'list', data: [], has_more: false, url: `/v1/accounts/${acct.id}/external_accounts` },
    future_requirements: { ...req },
    metadata: {},
    payouts_enabled: true,
    requirements: { ...req },
    settings: {
      bacs_debit_payments: { display_name: null, service_user_number: null },
      branding: { icon: null, logo: null, primary_color: null, secondary_color: null },
      card_issuing: { tos_acceptance: { date: null, ip: null } },
      card_payments: {
        decline_on: { avs_failure: false, cvc_failure: false },
        statement_descriptor_prefix: null,
        statement_descriptor_prefix_kana: null,
        statement_descriptor_prefix_kanji: null,
      },
      dashboard: { display_name: null, timezone: 'Etc/UTC' },
      invoices: { default_account_tax_ids: null, hosted_payment_method_save: null },
      payments: {
        statement_descriptor: null,
        statement_descriptor_kana: null,
        statement_descriptor_kanji: null,
        statement_descriptor_prefix_kana: null,
        statement_descriptor_prefix_kanji: null,
      },
      payouts: {
        debit_negative_balances: true,
        schedule: { delay_days: 2, interval: 'daily' },
        statement_descriptor: null,
      },
      sepa_debit_payments: {},
    } as WAccount['settings'],
    tos_acceptance: { date: acct.created, ip: '127.0.0.1', user_agent: null },
    type: 'standard',
  };
}

export const accountRoutes: Route[] = [
  route('GET', '/v1/account', (ctx) => renderAccount(ctx.acct)),
  route('GET', '/v1/accounts/:id', (ctx) => {
    const id = ctx.path.id!;
    // A platform may read itself and the accounts connected to it; anything else does not exist for it.
    const target = ctx.rt.store.account(id);
    if (!target || (target.id !== ctx.acct.id && target.platform !== ctx.acct.id))
      throw resourceMissing('account', id, 'account');
    return renderAccount(target);
  }),
];
