import { describe, expect, it } from 'vitest';
import { randomToken, secretPrefix } from './crypto.js';

describe('secretPrefix', () => {
  it('shows the fixed prefix and the last four characters, never a random character from the start', () => {
    // A `_` near the start of the random part once made it show up to five random characters.
    expect(secretPrefix('whsec_ab_cdefghijklmnopqrstuvwxyz1234')).toBe('whsec_…1234');
    expect(secretPrefix('whsec_abcd_efghijklmnopqrstuvwx5678')).toBe('whsec_…5678');
    expect(secretPrefix('whsec_a_b_c_d_e_f_g_h_i_j_k_l_9999')).toBe('whsec_…9999');
    expect(secretPrefix('sk_test_51Habc_defghijklmnopqrstuvWXYZ')).toBe('sk_test_…WXYZ');
    expect(secretPrefix('sk_live_abcdefghijklmnopqrstuvwxyz')).toBe('sk_live_…wxyz');
    expect(secretPrefix('pk_test_abcdefghijklmnopqrstuvwxyz')).toBe('pk_test_…wxyz');
    // Unknown formats (a QuickBooks token in a log line): no start at all.
    expect(secretPrefix('eyJhbGciOi_JIUzI1NiJ9.abcdefghijklmnop')).toBe('…mnop');
    // A short secret shows no tail either: four of a few characters is too much of it.
    expect(secretPrefix('whsec_short')).toBe('whsec_…');
  });

  it('shows the same shape for every generated signing secret', () => {
    for (let i = 0; i < 2000; i++) {
      const secret = randomToken('whsec_', 24);
      expect(secretPrefix(secret)).toBe(`whsec_…${secret.slice(-4)}`);
    }
  });
});
