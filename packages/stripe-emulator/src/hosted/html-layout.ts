import { escapeHtml } from '../core/http-util.js';

/**
 * One calm stylesheet for every hosted page; no external assets so it works offline. `.pair` sets two fields
 * side by side (Expiry, CVC): a class of its own because `.choice` draws its labels as radio tiles, and
 * `min-width:0` lets the inputs shrink with the card instead of pushing past it on a phone.
 */
const CSS = `
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;background:#f6f8fa;color:#1a1f36}
main{max-width:460px;margin:48px auto;padding:0 16px}.card{background:#fff;border:1px solid #e3e8ee;border-radius:10px;padding:28px;box-shadow:0 2px 6px rgba(0,0,0,.04)}
h1{font-size:20px;margin:0 0 4px}h2{font-size:15px;margin:20px 0 8px;color:#4f566b}.muted{color:#697386;font-size:13px}
.amount{font-size:30px;font-weight:600;margin:8px 0 16px}table{width:100%;border-collapse:collapse;font-size:14px}td{padding:6px 0;border-bottom:1px solid #f0f2f5}td.r{text-align:right}
label{display:block;font-size:13px;color:#4f566b;margin:14px 0 4px}input,select{width:100%;padding:10px 12px;border:1px solid #cfd7df;border-radius:6px;font:inherit}
button{width:100%;margin-top:20px;padding:12px;border:0;border-radius:6px;background:#635bff;color:#fff;font:600 15px system-ui;cursor:pointer}button.secondary{background:#fff;color:#4f566b;border:1px solid #cfd7df}
.error{background:#fff1f0;border:1px solid #ffccc7;color:#a8071a;padding:10px 12px;border-radius:6px;margin:12px 0}.ok{background:#f0fff4;border:1px solid #b7eb8f;color:#135200;padding:10px 12px;border-radius:6px;margin:12px 0}
.badge{display:inline-block;padding:2px 8px;border-radius:10px;font-size:12px;font-weight:600;background:#e3e8ee}.badge.paid{background:#d7f7c2;color:#05690d}.badge.open{background:#cff5f6;color:#0055bc}.badge.void,.badge.expired{background:#ebeef1;color:#545969}
fieldset{border:0;padding:0;margin:0}.choice{display:flex;gap:8px;margin-top:4px}.choice label{flex:1;margin:0;border:1px solid #cfd7df;border-radius:6px;padding:10px;cursor:pointer}.choice input{width:auto;margin-right:6px}
.pair{display:flex;gap:8px}.pair>div{flex:1;min-width:0}
footer{margin-top:16px;text-align:center}`;

export function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,"><title>${escapeHtml(title)}</title><style>${CSS}</style></head><body><main>${body}<footer class="muted">Test mode · Stripe emulator</footer></main></body></html>`;
}

export function money(amount: number | null | undefined, currency: string | null | undefined): string {
  const zeroDecimal = ['jpy', 'krw', 'vnd', 'clp', 'xof', 'xaf'].includes((currency ?? '').toLowerCase());
  const value = zeroDecimal ? (amount ?? 0) : (amount ?? 0) / 100;
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency: (currency ?? 'usd').toUpperCase() }).format(
      value,
    );
  } catch {
    return `${value.toFixed(2)} ${(currency ?? '').toUpperCase()}`;
  }
}

export { escapeHtml };
