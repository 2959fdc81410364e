/**
 * The locale money and dates are shown in. Each app sets it once at start-up (main.tsx): the admin pins
 * en-US so staff screens read alike on every machine; the portal leaves it undefined, the payer's own
 * browser locale.
 */
let displayLocale: string | undefined;

export function setDisplayLocale(locale: string | undefined): void {
  displayLocale = locale;
}

export function getDisplayLocale(): string | undefined {
  return displayLocale;
}
