import { describe, expect, it } from 'vitest';
import { cardLabel } from './payment-card';

describe('cardLabel', () => {
  it('names the brand with the last 4, falls back to the method, and says nothing when nothing is known', () => {
    expect(cardLabel({ cardBrand: 'visa', cardLast4: '4242' }, 'Card')).toBe('Visa ·· 4242');
    expect(cardLabel({ cardBrand: 'amex', cardLast4: '0005' }, 'Card')).toBe('American Express ·· 0005');
    expect(cardLabel({ cardBrand: 'elo', cardLast4: null }, 'Card')).toBe('Elo');
    expect(cardLabel({ cardLast4: '6789' }, 'Bank debit')).toBe('Bank debit ·· 6789');
    expect(cardLabel({}, 'Card')).toBeNull();
  });
});
