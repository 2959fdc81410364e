import { describe, expect, it } from 'vitest';
import { formatMoney, minorToDecimal, parseMoney } from './money';
import { setDisplayLocale } from './locale';
import { formatDate } from './dates';

describe('money display and parsing (one exponent table, @settle/money)', () => {
  it('formats in the display locale with the currency exponent', () => {
    setDisplayLocale('en-US');
    expect(formatMoney(123456, 'usd')).toBe('$1,234.56');
    expect(formatMoney(500, 'JPY')).toBe('¥500');
    expect(formatMoney(1234, 'KWD')).toBe('KWD\u00a01.234');
    expect(formatDate('2026-01-05')).toBe('Jan 5, 2026');
    expect(formatDate('2026-01-05T23:30:00Z')).toBe('Jan 5, 2026');
    expect(formatDate(null)).toBe('—');
  });

  it('turns minor units into what a person types', () => {
    expect(minorToDecimal(12345, 'USD')).toBe('123.45');
    expect(minorToDecimal(-5, 'USD')).toBe('-0.05');
    expect(minorToDecimal(500, 'JPY')).toBe('500');
    expect(minorToDecimal(1, 'KWD')).toBe('0.001');
  });

  it('parses exactly, with the currency exponent', () => {
    expect(parseMoney('1,234.5', 'USD')).toEqual({ ok: true, minor: 123450 });
    expect(parseMoney('500', 'JPY')).toEqual({ ok: true, minor: 500 });
    expect(parseMoney('1234.567', 'USD')).toEqual({ ok: false, error: 'USD allows at most 2 decimal places' });
    expect(parseMoney('5.5', 'JPY')).toEqual({ ok: false, error: 'JPY has no decimal places' });
    expect(parseMoney('-3', 'USD')).toEqual({ ok: false, error: 'Amount cannot be negative' });
    expect(parseMoney('-3', 'USD', { allowNegative: true })).toEqual({ ok: true, minor: -300 });
    expect(parseMoney(' ', 'USD')).toEqual({ ok: false, error: 'Enter an amount' });
    expect(parseMoney('abc', 'USD')).toEqual({ ok: false, error: 'Enter a number such as 1234.50' });
    expect(parseMoney('1234567890123456', 'JPY')).toEqual({ ok: false, error: 'Amount is too large' });
  });

  it('reads a decimal comma only when asked (the portal)', () => {
    expect(parseMoney('12,5', 'USD', { decimalComma: true })).toEqual({ ok: true, minor: 1250 });
    expect(parseMoney('1,234.50', 'USD', { decimalComma: true })).toEqual({ ok: true, minor: 123450 });
    expect(parseMoney('1,234', 'USD', { decimalComma: true }).ok).toBe(false);
    expect(parseMoney('12,5', 'USD').ok).toBe(false);
  });

  it('reads a comma only between thousands, never dropping one typed as a decimal point (the admin)', () => {
    const usd = { ok: false, error: 'Use a dot for decimals and commas only between thousands, such as 1,234.50' };
    expect(parseMoney('12,50', 'USD')).toEqual(usd); // was 1,250.00
    expect(parseMoney('1.234,56', 'USD')).toEqual(usd); // was "USD allows at most 2 decimal places"
    expect(parseMoney('1.23,4', 'KWD')).toEqual({
      ok: false,
      error: 'Use a dot for decimals and commas only between thousands, such as 1,234.500',
    }); // was 1.234 KWD
    expect(parseMoney('1,5', 'JPY')).toEqual({
      ok: false,
      error: 'Use a dot for decimals and commas only between thousands, such as 1,234',
    }); // was ¥15
    expect(parseMoney('1,234.56', 'USD')).toEqual({ ok: true, minor: 123456 });
    expect(parseMoney('-1,234,567', 'JPY', { allowNegative: true })).toEqual({ ok: true, minor: -1234567 });
    expect(parseMoney('12.345', 'KWD')).toEqual({ ok: true, minor: 12345 });
    expect(parseMoney('1.234,56', 'EUR', { decimalComma: true }).ok).toBe(false);
  });

  it('never reads "1,500" as 1.5, where three decimals make the comma ambiguous (KWD)', () => {
    const ambiguous = parseMoney('1,500', 'KWD', { decimalComma: true });
    expect(ambiguous).toEqual({ ok: false, error: 'Type the amount without the comma, such as 1234.500' });
    expect(parseMoney('1,234', 'USD', { decimalComma: true })).toEqual({
      ok: false,
      error: 'Type the amount without the comma, such as 1234.50',
    });
    expect(parseMoney('12,5', 'KWD', { decimalComma: true })).toEqual({ ok: true, minor: 12500 });
    expect(parseMoney('1,234,567', 'JPY', { decimalComma: true })).toEqual({ ok: true, minor: 1234567 });
    expect(parseMoney('1500', 'KWD', { decimalComma: true })).toEqual({ ok: true, minor: 1500000 });
  });
});
