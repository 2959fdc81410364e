/**
 * Lengths of free text typed by people (a reason, a note, a memo) as people count them: in characters
 * (Unicode code points, so an emoji is one), not UTF-16 units, where an emoji is two and 100 emoji
 * would be "more than 200 characters". Every hand-written length limit on such text counts with these,
 * as class-validator's Length does.
 */
export function charCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** `text` kept to its first `max` characters (never half of an emoji, which would be a lone surrogate). */
export function clipChars(text: string, max: number): string {
  if (text.length <= max) return text;
  return [...text].slice(0, max).join('');
}
