import pg from 'pg';

// int8 → number: every bigint Settle stores is a minor-unit amount or a count far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
// date → 'YYYY-MM-DD' string: a calendar date has no time zone, and JS Date would invent one.
pg.types.setTypeParser(1082, (v) => v);
