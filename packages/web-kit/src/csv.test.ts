import { describe, expect, it } from 'vitest';
import { encodeCsv } from './csv';

describe('encodeCsv', () => {
  it('quotes commas, quotes and line breaks, and ends every row with CRLF', () => {
    expect(
      encodeCsv(
        ['a', 'b'],
        [
          ['Acme, Inc.', 'say "hi"'],
          ['two\nlines', null],
        ],
      ),
    ).toBe('a,b\r\n"Acme, Inc.","say ""hi"""\r\n"two\nlines",\r\n');
  });

  it('keeps text that a spreadsheet would run as a formula as text, and amounts as given', () => {
    expect(
      encodeCsv(
        ['name', 'amount'],
        [
          ['=HYPERLINK("x")', { raw: '-12.50' }],
          ['+1 555', { raw: '0.125' }],
        ],
      ),
    ).toBe('name,amount\r\n"\'=HYPERLINK(""x"")",-12.50\r\n\'+1 555,0.125\r\n');
  });
});
