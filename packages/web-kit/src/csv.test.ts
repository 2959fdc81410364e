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

  it('quotes a semicolon and a tab, so a spreadsheet splitting on semicolons keeps one cell', () => {
    expect(encodeCsv(['ref'], [['Check 12; bank 4'], ['a\tb']])).toBe('ref\r\n"Check 12; bank 4"\r\n"a\tb"\r\n');
  });

  it('neutralises a formula after a comma or a semicolon too (a separator in some locale), and quotes it', () => {
    expect(
      encodeCsv(['ref'], [['x;=1+1'], ['Acme, +1 555'], ['a;@SUM(A1)'], ['pay -x;ok'], ['x; =1'], ['=1;"q"']]),
    ).toBe('ref\r\n"\'x;=1+1"\r\n"\'Acme, +1 555"\r\n"\'a;@SUM(A1)"\r\n"pay -x;ok"\r\n"\'x; =1"\r\n"\'=1;""q"""\r\n');
  });

  it('writes amounts given raw as they are, quoting them only if they must be', () => {
    expect(encodeCsv(['amount'], [[{ raw: '-12.50' }], [{ raw: '1,5' }]])).toBe('amount\r\n-12.50\r\n"1,5"\r\n');
  });
});
